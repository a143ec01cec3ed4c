// Decision points as a reviewer sees them in a plan: where the run meets each, its branches, how
// it is settled, and the step graph drawn with the decision points as diamonds.
import { describe, expect, it } from 'vitest';
import { renderPlanFlowchart } from '../../src/plan/render-plan-flowchart.js';
import { renderPlanMarkdown } from '../../src/plan/render-plan-markdown.js';
import { renderPlanText } from '../../src/plan/render-plan-text.js';
import { planFixture } from '../parse/plan-fixture.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';

// Gates are read from the shell parse of each command.
await loadShellParser();

const plan = planFixture('test/fixtures/styles/alternatives.md');

describe('decision points in the plan', () => {
  it('lists each decision point in the JSON with its options and steps, and each step with how it runs', () => {
    expect(plan.decisions.map((d) => [d.id, d.kind, d.options.map((o) => [o.id, o.steps])])).toEqual([
      ['recover.choice', 'choice', [['a', ['recover.2']], ['b', ['recover.3']]]],
      ['plan-b-fail-over-to-the-standby-queue', 'condition', [['take', ['plan-b-fail-over-to-the-standby-queue']], ['skip', []]]],
      ['scenario-c-the-disk-is-full', 'condition', [['take', ['scenario-c-the-disk-is-full']], ['skip', []]]],
      ['solution-1-wait', 'condition', [['take', ['recover.4.1']], ['skip', []]]],
    ]);
    expect(Object.fromEntries(plan.steps.map((s) => [s.id, s.runs]))).toMatchObject({
      'recover.1': 'always',
      'recover.2': 'if-chosen',
      'recover.3': 'if-chosen',
      'plan-a-maintenance-window': 'manual',
      'recover.4.2': 'always',
    });
  });

  it('shows a decision point in the text plan before its first branch, with each option', () => {
    const text = renderPlanText(plan);
    expect(text).toContain(
      [
        '  ◇ recover.choice  One of: Option A / Option B  (choice: a run takes one branch)',
        '      a  Option A: add consumers → recover.2',
        '      b  Option B: drop the oldest messages → recover.3',
        '      asked at its turn, or --choose recover.choice=a|b',
        '  recover.2  Option A: add consumers',
      ].join('\n'),
    );
    expect(text.indexOf('◇ recover.choice')).toBeGreaterThan(text.indexOf('recover.1  Look at the backlog'));
    expect(text).toContain('      skip  skip (runs nothing)');
  });

  it('shows a decision point in the Markdown plan with --choose for each option', () => {
    const md = renderPlanMarkdown(plan);
    expect(md).toContain('**◇ Decision point `recover.choice`** — One of: Option A / Option B (a run takes one branch; asked at its turn, or `--choose recover.choice=a|b`)');
    expect(md).toContain('- `recover.choice=a` Option A: add consumers → `recover.2`');
    expect(md).toContain('### Step graph (4 decision points, drawn as diamonds)\n\n```mermaid\nflowchart TD\n');
  });

  it('draws decision points as diamonds: the fork goes through the diamond, a skip from it to the step after', () => {
    const chart = renderPlanFlowchart(plan);
    expect(chart[0]).toBe('flowchart TD');
    expect(chart).toContain('  d0{"One of: Option A / Option B"}');
    expect(chart).toContain('  s0 --> d0');
    expect(chart).toContain('  d0 -->|"a"| s1');
    expect(chart).toContain('  d0 -->|"b"| s2');
    // recover.1 reaches the branches only through the diamond.
    expect(chart).not.toContain('  s0 --> s1');
    // Plan B is a condition after the choice: both ends of the choice lead to it; skipping it goes on to the next step.
    expect(chart).toEqual(expect.arrayContaining(['  s1 --> d1', '  s2 --> d1', '  d1 -->|"take"| s3', '  d1 -->|"skip"| s4', '  s3 --> s4']));
    expect(chart).not.toContain('  s1 --> s4');
    // A skip that leads into the next decision point goes from diamond to diamond.
    expect(chart).toContain('  d2 -->|"skip"| d3');
    expect(chart).toContain('  s4["plan-a-maintenance-window Plan a maintenance window"]:::manual');
  });

  it('keeps labels safe for Mermaid: quotes and angle brackets as entities, one short line', () => {
    const chart = renderPlanFlowchart({
      steps: [{ ...plan.steps[0], id: '1', title: 'Scale "<deployment>" down\nnow' } as (typeof plan.steps)[number]],
      decisions: [],
    });
    expect(chart[1]).toBe('  s0["1 Scale #quot;#lt;deployment#gt;#quot; down now"]');
  });
});
