// Fixtures: numbered-inline.md, numbered-nested.md, numbered-bold-titles.md, checklist.md,
// table.md, incident-style.md. Numbered steps, inline commands, task items, tables.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/parse/parse-runbook.js';
import { parseFixture, stepOf } from '../parse-fixture.js';

describe('numbered lists', () => {
  it('are steps when their items carry commands, numbered from the list start', () => {
    const rb = parseRunbook('# T\n\n## Fix\n\n3. Restart: `systemctl restart api`\n4. Check: `curl -fsS localhost`\n');
    expect(rb.steps.map((s) => [s.id, s.title])).toEqual([['fix.3', 'Restart'], ['fix.4', 'Check']]);
  });

  it('are prose when none does', () => {
    const rb = parseRunbook('# T\n\n## Notes\n\n1. Be calm.\n2. Write things down.\n');
    expect(rb.steps.map((s) => [s.id, s.notes.map((n) => n.text)])).toEqual([['notes', ['Be calm.', 'Write things down.']]]);
  });

  it('bold titles name their steps; bare commands nested under an item belong to it', () => {
    expect(parseFixture('numbered-bold-titles.md').steps.map((s) => s.title).slice(0, 3)).toEqual(['Cordon the node', 'Drain it (this evicts pods)', 'Uncordon when done']);
    expect(stepOf(parseFixture('numbered-nested.md'), 'rollback-steps.2').commands.map((c) => c.text)).toEqual(['helm history <release>', 'helm rollback <release> <revision>']);
  });
});

describe('inline commands in bullets', () => {
  it('run when the item says so, and are notes otherwise', () => {
    const rb = parseRunbook('# T\n\n### 1. S\n\n- Run `kubectl get pods -A`\n- The pods live in `kube-system` or `default`\n');
    expect(rb.steps[0]?.commands.map((c) => c.text)).toEqual(['kubectl get pods -A']);
    expect(rb.steps[0]?.notes.map((n) => n.text)).toEqual(['The pods live in `kube-system` or `default`']);
  });
});

describe('task items', () => {
  it('are attestations, ticked or not, with what is nested under them read too', () => {
    const rb = parseFixture('checklist.md');
    expect(rb.steps.flatMap((s) => s.attestations.map((a) => [a.kind, a.text, a.checked]))).toEqual([
      ['task', 'Incident channel opened', false], ['task', 'Release manager informed', true], ['task', 'Customer support warned', false],
    ]);
    const nested = parseRunbook('# T\n\n### 1. S\n\n- [ ] Tag the release\n  ```sh\n  git tag v1\n  ```\n');
    expect(nested.steps[0]?.commands.map((c) => c.text)).toEqual(['git tag v1']);
  });
});

describe('tables', () => {
  it('with a Command column: one step per row, cells read as their headers', () => {
    const rb = parseFixture('table.md');
    expect(rb.steps.map((s) => [s.id, s.title, s.expectations[0]?.matchers[0]?.source])).toEqual([['steps.1', 'Check memory', 'stdout contains "used_memory"'], ['steps.2', 'Flush', 'stdout contains "OK"']]);
  });

  it('without one: a note of the step they sit in', () => {
    const rb = parseRunbook('# T\n\n### 1. Call\n\n| Level | Contact |\n| --- | --- |\n| L1 | on-call |\n');
    expect(rb.steps[0]?.notes.map((n) => n.text)).toEqual(['Level | Contact\nL1 | on-call']);
  });
});
