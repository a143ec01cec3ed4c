// A step's gates as the runbook decides them: the catalogue, frontmatter `gates:`, `Confirm:`,
// lint's note on a silenced gate, and the errors a bad pattern gives, in-process and from the CLI.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findStepGates, readGatePatterns } from '../../src/gates/find-step-gates.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { lintRunbook } from '../../src/lint/lint-runbook.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { runCli } from '../cli/run-cli.js';
import { runCliInProcess } from '../cli/run-cli-in-process.js';
const step = (title: string, command: string, extra = ''): string => `### ${title}\n\n${extra}\`\`\`sh\n${command}\n\`\`\`\n`;
const book = (frontmatter: string, ...steps: string[]): string => `${frontmatter ? `---\n${frontmatter}---\n` : ''}# Book\n\n${steps.join('\n')}`;
const gateOf = (markdown: string, index = 0) => parseRunbook(markdown).steps[index]?.gate;
const lint = (markdown: string) => {
  const runbook = parseRunbook(markdown);
  return lintRunbook(runbook, buildGraph(runbook).diagnostics);
};

describe('a step asks first', () => {
  it('when a command is in the catalogue, with the reason', () => {
    expect(gateOf(book('', step('1. Restart', 'sudo systemctl restart nginx')))).toBe('systemctl restart restarts a service, dropping its connections');
    expect(gateOf(book('', step('1. Look', 'systemctl status nginx')))).toBeUndefined();
  });

  it('when a command matches a frontmatter pattern', () => {
    const markdown = book("gates:\n  - '^\\./bin/purge\\b'\n", step('1. Purge', 'cd /srv/app && ./bin/purge --all'), step('2. List', './bin/list'));
    expect(gateOf(markdown)).toBe("it matches the runbook's gate /^\\./bin/purge\\b/");
    expect(gateOf(markdown, 1)).toBeUndefined();
    expect(readGatePatterns(parseRunbook(markdown)).map((pattern) => pattern.source)).toEqual(['^\\./bin/purge\\b']);
  });

  it('when it says Confirm: yes, whatever it runs', () => {
    expect(gateOf(book('', step('1. Look', 'echo hello', '- Confirm: yes\n\n')))).toBe('Confirm: yes');
  });

  it('never when it says Confirm: no, and lint says which gate that silences', () => {
    const markdown = book('', step('1. Restart', 'systemctl restart nginx', '- Confirm: no\n\n'), step('2. Look', 'echo hi', '- Confirm: no\n\n'));
    expect(gateOf(markdown)).toBeUndefined();
    const notes = lint(markdown).filter((d) => d.ruleId === 'confirm-no-silences-gate');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.severity).toBe('warning');
    expect(notes[0]?.message).toBe('Step 1 says `Confirm: no`, which silences the gate `systemctl-restart` (systemctl restart restarts a service, dropping its connections): it runs without asking');
    expect(notes[0]?.position.line).toBe(3);
  });
});

describe('at its turn, the step is read as it will run', () => {
  const runbook = parseRunbook(book('', step('1. Act', 'kubectl <verb> deployment/web')));
  const planned = runbook.steps[0];

  it('a placeholder in the verb is a maybe gate in the plan', () => {
    expect(planned?.gate).toBe('part of the command is only known at run time, and it may be that kubectl delete deletes Kubernetes resources');
  });

  it('and a certain gate or none once the value is in', () => {
    if (!planned) throw new Error('no step');
    const texts = ['kubectl "$RUNBOOK_VALUE_1" deployment/web'];
    expect(findStepGates(planned, { texts, env: { RUNBOOK_VALUE_1: 'describe' } })).toEqual([]);
    expect(findStepGates(planned, { texts, env: { RUNBOOK_VALUE_1: 'scale' } }).map((gate) => gate.id)).toEqual(['kubectl-scale']);
  });

  it('Confirm: decides at the turn too', () => {
    expect(findStepGates({ confirm: false, commands: [] }, { texts: ['rm -rf /srv/x'] })).toEqual([]);
    expect(findStepGates({ confirm: true, commands: [] }, { texts: ['echo hi'] })).toEqual([{ id: 'confirm-yes', reason: 'Confirm: yes', command: 'echo hi', via: [], remote: null }]);
  });
});

describe('a bad pattern in gates:', () => {
  it('is a frontmatter error at its line', () => {
    const diagnostics = parseRunbook(book("gates:\n  - 'ok'\n  - '(unclosed'\n", step('1. S', 'true'))).diagnostics;
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', ruleId: 'frontmatter-schema', message: 'Invalid regular expression in `gates`: (unclosed', position: expect.objectContaining({ line: 4 }) }));
  });

  it('a list of something else is a frontmatter error too', () => {
    const diagnostics = parseRunbook(book('gates: purge\n', step('1. S', 'true'))).diagnostics;
    expect(diagnostics.some((d) => d.ruleId === 'frontmatter-schema' && d.severity === 'error')).toBe(true);
  });

  it('makes the CLI stop with exit 2 and the location, before anything runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-gates-'));
    const file = join(dir, 'bad.md');
    writeFileSync(file, book("gates:\n  - '(unclosed'\n", step('1. S', 'touch ran')));
    for (const args of [['plan', file], ['exec', file, '--yes']]) {
      const { code, stderr } = runCli(args, { cwd: dir });
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain('Invalid regular expression in `gates`: (unclosed');
      expect(stderr).toMatch(/bad\.md:3:\d+/);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('runbook lint and plan from the CLI', () => {
  it('lint warns about a silenced gate, and plan shows a frontmatter gate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-gates-'));
    const file = join(dir, 'book.md');
    writeFileSync(file, book("gates:\n  - '^\\./bin/purge\\b'\n", step('1. Purge', './bin/purge --all'), step('2. Drop', 'psql -c "DROP TABLE t"', '- Confirm: no\n\n')));
    const lintResult = await runCliInProcess(['lint', file], { cwd: dir });
    expect(lintResult.stdout + lintResult.stderr).toContain('confirm-no-silences-gate');
    expect(lintResult.stdout + lintResult.stderr).toContain('silences the gate `sql-drop`');
    const plan = await runCliInProcess(['plan', file], { cwd: dir });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("[asks first: it matches the runbook's gate /^\\./bin/purge\\b/]");
  });
});
