import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { lintRunbook } from '../../src/lint/lint-runbook.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';

const lint = (markdown: string) => {
  const runbook = parseRunbook(markdown);
  return lintRunbook(runbook, buildGraph(runbook).diagnostics).map((d) => `${d.position.line}:${d.position.column} ${d.severity} ${d.ruleId}`);
};

// Each rule with the example that triggers it, and the same example made right.
const examples: { rule: string; bad: string; good: string }[] = [
  { rule: 'no-steps', bad: '# Just a title\n\nSome prose.\n', good: '# T\n\n### 1. S\n\n```sh\ntrue\n```\n' },
  { rule: 'no-command', bad: '# T\n\n### 1. Talk\n\nTell people.\n', good: '# T\n\n### 1. Talk\n\n- [ ] People told\n' },
  { rule: 'template-leftover', bad: '# T\n\n### 1. S\n\n```sh\necho ${{ values.x }}\n```\n', good: '# T\n\n### 1. S\n\n```sh\necho <x>\n```\n' },
  { rule: 'unverifiable-outcome', bad: '# T\n\n### 1. S\n\n- **Command:** `true`\n- **Expected Outcome:** It works.\n', good: '# T\n\n### 1. S\n\n- **Command:** `true`\n- **Expected Outcome:** It works: `exit 0`\n' },
  { rule: 'untagged-fence', bad: '# T\n\n### 1. S\n\n```\nls\n```\n', good: '# T\n\n### 1. S\n\n```sh\nls\n```\n' },
  { rule: 'non-shell-fence', bad: '# T\n\n### 1. S\n\n```yaml\na: b\n```\n\n```sh\ntrue\n```\n', good: '# T\n\n### 1. S\n\n```sh\ntrue\n```\n' },
  { rule: 'unknown-matcher', bad: '# T\n\n### 1. S\n\n- **Command:** `true`\n- **Expected:** `stdout containz "x"`\n', good: '# T\n\n### 1. S\n\n- **Command:** `true`\n- **Expected:** `stdout contains "x"`\n' },
  { rule: 'invalid-timeout', bad: '# T\n\n### 1. S\n\n- **Command:** `true`\n- **Timeout:** soon\n', good: '# T\n\n### 1. S\n\n- **Command:** `true`\n- **Timeout:** 5m\n' },
  { rule: 'invalid-retries', bad: '# T\n\n### 1. S\n\n- **Command:** `true`\n- **Retries:** many\n', good: '# T\n\n### 1. S\n\n- **Command:** `true`\n- **Retries:** 3\n' },
  { rule: 'invalid-flag', bad: '# T\n\n### 1. S\n\n- **Command:** `true`\n- **Confirm:** perhaps\n', good: '# T\n\n### 1. S\n\n- **Command:** `true`\n- **Confirm:** yes\n' },
  { rule: 'invalid-env', bad: '# T\n\n### 1. S\n\n- **Command:** `true`\n- **Env:** `A=1` `not a pair`\n', good: '# T\n\n### 1. S\n\n- **Command:** `true`\n- **Env:** `A=1`\n' },
  { rule: 'env-name-collision', bad: '# T\n\n### 1. S\n\n```sh\necho <pod-name> <pod.name>\n```\n', good: '# T\n\n### 1. S\n\n```sh\necho <pod-name> <pod>\n```\n' },
  { rule: 'duplicate-step-id', bad: '# T\n\n### 1. A\n\n```sh\ntrue\n```\n\n### 1. B\n\n```sh\ntrue\n```\n', good: '# T\n\n### 1. A\n\n```sh\ntrue\n```\n\n### 2. B\n\n```sh\ntrue\n```\n' },
  { rule: 'unknown-dependency', bad: '# T\n\n### 1. A\n\n- **Depends on:** 9\n- **Command:** `true`\n', good: '# T\n\n### 1. A\n\n- **Depends on:** none\n- **Command:** `true`\n' },
  { rule: 'dependency-cycle', bad: '# T\n\n### 1. A\n\n- **Depends on:** 2\n- **Command:** `true`\n\n### 2. B\n\n- **Depends on:** 1\n- **Command:** `true`\n', good: '# T\n\n### 1. A\n\n- **Command:** `true`\n\n### 2. B\n\n- **Depends on:** 1\n- **Command:** `true`\n' },
  { rule: 'capture-before-definition', bad: '# T\n\n### 1. A\n\n- **Depends on:** none\n- **Command:** `echo <tag>`\n\n### 2. B\n\n- **Command:** `git describe`\n- **Capture:** `tag`\n', good: '# T\n\n### 1. B\n\n- **Command:** `git describe`\n- **Capture:** `tag`\n\n### 2. A\n\n- **Command:** `echo <tag>`\n' },
  { rule: 'process-escape', bad: '# T\n\n### 1. S\n\n```sh\nsetsid ./worker &\n```\n', good: '# T\n\n### 1. S\n\n```sh\nsystemctl start worker # not setsid\n```\n' },
  { rule: 'frontmatter-yaml', bad: '---\na: [\n---\n# T\n', good: '---\na: 1\n---\n# T\n\n### 1. S\n\n```sh\ntrue\n```\n' },
  { rule: 'frontmatter-toml', bad: '+++\na = [\n+++\n# T\n', good: '---\na: 1\n---\n# T\n\n### 1. S\n\n```sh\ntrue\n```\n' },
  { rule: 'frontmatter-schema', bad: '---\nparams:\n  a:\n    secret: maybe\n---\n# T\n', good: '---\nparams:\n  a:\n    secret: true\n---\n# T\n\n### 1. S\n\n```sh\ntrue\n```\n' },
  { rule: 'near-label', bad: '# T\n\n### 1. S\n\n- **Comand:** `true`\n', good: '# T\n\n### 1. S\n\n- **Command:** `true`\n- **States:** green\n- **Note:** call the owner\n' },
  { rule: 'unclosed-fence', bad: '# T\n\n### 1. S\n\n```sh\ntrue\n\n### 2. U\n', good: '# T\n\n### 1. S\n\n```sh\ntrue\n```\n\n### 2. U\n\n```sh\ntrue\n' },
];

describe('lint rules, each by its own example', () => {
  for (const { rule, bad, good } of examples) {
    it(rule, () => {
      expect(lint(bad).some((line) => line.endsWith(` ${rule}`)), lint(bad).join('\n')).toBe(true);
      expect(lint(good).filter((line) => line.endsWith(` ${rule}`))).toEqual([]);
    });
  }

  it('warns once of a step number written twice in one section: the parser renames it, so the graph sees unique ids', () => {
    const bad = examples.find((e) => e.rule === 'duplicate-step-id')?.bad ?? '';
    expect(lint(bad).filter((line) => line.endsWith(' duplicate-step-id'))).toEqual(['9:1 warning duplicate-step-id']);
    expect(buildGraph(parseRunbook(bad)).order).toEqual(['1', '1-2']);
  });

  it('names both params and the variable they would share', () => {
    const runbook = parseRunbook('---\nparams:\n  größe: {}\n---\n# T\n\n### 1. S\n\n```sh\nresize <größe> <gr_sse>\n```\n');
    const found = lintRunbook(runbook, []).filter((d) => d.ruleId === 'env-name-collision');
    expect(found).toEqual([
      {
        severity: 'error',
        ruleId: 'env-name-collision',
        message: 'Unexpected <gr_sse> read from RUNBOOK_GR_SSE like <größe> (line 3), expected param names that differ in more than case and punctuation',
        position: { line: 10, column: 16 },
      },
    ]);
  });

  it('reports each finding with its line and column', () => {
    expect(lint('# T\n\n### 1. S\n\n- **Command:** `true`\n- **Timeout:** soon\n')).toEqual(['6:3 error invalid-timeout']);
  });

  it('does not crash on a runbook whose elements lost their positions', () => {
    const runbook = parseRunbook(examples.map((e) => e.bad).join('\n'));
    const stripped = JSON.parse(JSON.stringify(runbook, (key, value) => (key === 'position' ? { line: 1, column: 1 } : value)));
    expect(() => lintRunbook(stripped, buildGraph(stripped).diagnostics)).not.toThrow();
  });
});

describe('slips a reader would catch', () => {
  it('names the label a slip was meant to be', () => {
    const runbook = parseRunbook('# T\n\n### 1. S\n\n- **Comand:** `echo hi`\n- **Expeted outcome:** fine\n- **Depnds on:** none\n');
    expect(lintRunbook(runbook, []).filter((d) => d.ruleId === 'near-label').map((d) => [d.message, d.position.line])).toEqual([
      ['Unknown label `Comand` is kept as a note; did you mean `Command`?', 5],
      ['Unknown label `Expeted outcome` is kept as a note; did you mean `Expected outcome`?', 6],
      ['Unknown label `Depnds on` is kept as a note; did you mean `Depends on`?', 7],
    ]);
  });

  it('says how many headings a fence left open swallows', () => {
    const runbook = parseRunbook('# T\n\n### 1. A\n\n```sh\necho a\n\n### 2. B\n\n## C\n\n### 3. D\n');
    expect(lintRunbook(runbook, []).filter((d) => d.ruleId === 'unclosed-fence').map((d) => [d.message, d.position.line])).toEqual([
      ['Code block is never closed and swallows 3 headings after it; close it with a ``` line', 5],
    ]);
  });
});

describe('process-escape', () => {
  it('warns about setsid, nohup and disown as commands, at their place, not in comments or other words', () => {
    const runbook = parseRunbook('# T\n\n### 1. S\n\n```sh\nnohup ./a &\n./b & disown\necho nohup.out # setsid here is a comment\nx=$(setsid -f ./c)\n```\n');
    const found = lintRunbook(runbook, []).filter((d) => d.ruleId === 'process-escape');
    expect(found.map((d) => [d.position, d.message.split(',')[0]])).toEqual([
      [{ line: 6, column: 1 }, 'Command of 1 uses `nohup`'],
      [{ line: 7, column: 7 }, 'Command of 1 uses `disown`'],
      [{ line: 9, column: 5 }, 'Command of 1 uses `setsid`'],
    ]);
    expect(found[2]?.message).toContain('runbook finds it only while its parent runs, and ends it with the step');
  });
});
