// Fixtures: the seed, nested-lists.md, settings.md. Labelled bullets, at any depth.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/parse/parse-runbook.js';
import { parseFixture, stepOf } from '../parse-fixture.js';

describe('labelled items', () => {
  it('read labels at any depth, their nested matchers included', () => {
    const s = parseFixture('nested-lists.md').steps[0];
    expect([s?.commands.map((c) => c.text), s?.expectations[0]?.matchers.map((m) => m.source)]).toEqual([['npm run migrate:down'], ['exit 0', 'stdout contains "reverted"']]);
  });

  it('read step settings, and report a value that cannot be read at its label', () => {
    const rb = parseFixture('settings.md');
    expect(stepOf(rb, 'A.2')).toMatchObject({ dependsOn: ['A.1'], confirm: true, continueOnError: true, cwd: '/tmp' });
    expect(rb.diagnostics.map((d) => [d.ruleId, d.position.line])).toEqual([['invalid-timeout', 9], ['unknown-matcher', 18]]);
  });

  it('report bad captures, flags, retries and env entries', () => {
    const rb = parseRunbook('# T\n\n### 1. S\n\n- **Command:** `true`\n- **Capture:** bad name!\n- **Confirm:** maybe\n- **Retries:** often\n- **Env:** `A=1` `NOT A PAIR`\n');
    expect(rb.diagnostics.map((d) => [d.ruleId, d.position.line])).toEqual([['invalid-capture', 6], ['invalid-flag', 7], ['invalid-retries', 8], ['invalid-env', 9]]);
  });

  it('a command written without backticks is the value as written', () => {
    const rb = parseRunbook('# T\n\n### 1. S\n\n- **Run:** kubectl get pods\n');
    expect(rb.steps[0]?.commands.map((c) => [c.text, c.position])).toEqual([['kubectl get pods', { line: 5, column: 11 }]]);
  });

  it('an expected result in one code span is the text to look for', () => {
    const rb = parseRunbook('# T\n\n### 1. S\n\n- **Command:** `make`\n- **Expected result:** `Build OK`\n');
    expect(rb.steps[0]?.expectations[0]?.matchers[0]?.matcher).toEqual({ kind: 'contains', stream: 'stdout', text: 'Build OK' });
  });

  it('labels that are not settings become attestations or notes', () => {
    const rb = parseRunbook('# T\n\n### 1. S\n\n- **Waiver:** signed by the lead\n- **Rationale:** keep it short\n');
    expect(rb.steps[0]?.attestations.map((a) => [a.label, a.text])).toEqual([['Waiver', 'signed by the lead']]);
    expect(rb.steps[0]?.notes.map((n) => [n.label, n.text])).toEqual([['Rationale', 'keep it short']]);
  });
});
