import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { selectSteps } from '../../src/run/select-steps.js';

const runbook = parseRunbook('# T\n\n## A. S\n\n### 1. Look\n\n```sh\ntrue\n```\n\n### 2. Roll back\n\n#### Option A: undo\n\n```sh\ntrue\n```\n\n#### Option B: revision\n\n```sh\ntrue\n```\n\n### 3. Check\n\n```sh\ntrue\n```\n');
const order = buildGraph(runbook).order;
const select = (only?: string[], from?: string) => {
  const { selected, problems } = selectSteps(runbook.steps, order, only, from);
  return { selected: [...selected], problems };
};

describe('selectSteps', () => {
  it('selects every step of a full run: which branch of a decision point runs is decided when the run reaches it', () => {
    expect(select().selected).toEqual(['A.1', 'A.2.1', 'A.2.2', 'A.3']);
    expect(runbook.decisions.map((d) => [d.id, d.options.map((o) => o.steps)])).toEqual([['A.2.choice', [['A.2.1'], ['A.2.2']]]]);
  });

  it('runs an alternative when it is named', () => {
    expect(select(['A.1,A.2.2', 'A.3']).selected).toEqual(['A.1', 'A.2.2', 'A.3']);
  });

  it('expands a parent or section id', () => {
    expect(select(['A']).selected).toEqual(['A.1', 'A.2.1', 'A.2.2', 'A.3']);
    expect(select(['A.2']).selected).toEqual(['A.2.1', 'A.2.2']);
  });

  it('starts from a step with --from', () => {
    expect(select(undefined, 'A.3').selected).toEqual(['A.3']);
  });

  it('reports unknown ids', () => {
    expect(select(['Z.1']).problems).toEqual(['unknown step id `Z.1` (see `runbook list`)']);
    expect(select(undefined, 'nope').problems).toHaveLength(1);
  });
});

describe('selectSteps and Runme excludeFromRunAll', () => {
  it('a step whose every command is excluded from run-all is a condition a full run skips unless it is chosen', () => {
    const rb = parseRunbook('# T\n\n## Check\n\n```sh {"name":"check"}\ntrue\n```\n\n## Promote\n\n```sh {"name":"promote","excludeFromRunAll":"true"}\nrm -rf x\n```\n');
    const order = buildGraph(rb).order;
    expect(rb.steps.map((s) => s.commands[0]?.excludeFromRunAll)).toEqual([false, true]);
    expect(rb.decisions).toMatchObject([{ id: 'promote', kind: 'condition', default: 'skip', options: [{ id: 'take', steps: ['promote'] }, { id: 'skip', steps: [] }] }]);
    expect([...selectSteps(rb.steps, order, ['promote'], undefined).selected]).toEqual(['promote']);
  });
});
