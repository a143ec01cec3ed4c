// Fixtures: headings-fences.md, console.md, runme.md, runme-json-attributes.md, heredoc.md.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/parse/parse-runbook.js';
import { parseFixture } from '../parse-fixture.js';

describe('fences', () => {
  it('a shell fence is one command, with the position of its first line', () => {
    const rb = parseRunbook('# T\n\n### 1. S\n\n```sh\n\n  echo <a>\necho b\n```\n');
    expect(rb.steps[0]?.commands.map((c) => [c.text, c.source, c.lang, c.position])).toEqual([['\n  echo <a>\necho b', 'fence', 'sh', { line: 7, column: 3 }]]);
  });

  it('a console transcript is read command by command, with the output after each', () => {
    const s = parseFixture('console.md').steps[0];
    expect(s?.commands.map((c) => c.source)).toEqual(['console', 'console']);
    expect(s?.expectations.map((e) => e.commandIndex)).toEqual([0, 1]);
  });

  it('Runme attributes name a command and leave it out of a full run', () => {
    expect(parseFixture('runme.md').steps.flatMap((s) => s.commands.map((c) => [c.name, c.excludeFromRunAll]))).toEqual([['check-version', false], ['danger', true]]);
  });

  it('other languages are never run: reported, and kept as a note unless they hold output', () => {
    const rb = parseRunbook('# T\n\n### 1. S\n\n```yaml\na: 1\n```\n\n```log\nline\n```\n\n```sh\n```\n');
    expect(rb.steps[0]?.commands).toEqual([]);
    expect(rb.steps[0]?.notes.map((n) => [n.label, n.text])).toEqual([['yaml', 'a: 1']]);
    expect(rb.diagnostics.map((d) => d.ruleId)).toEqual(['non-shell-fence', 'non-shell-fence']);
  });
});

describe('an untagged block of shell that the text says to run', () => {
  it('is confirmed by the operator, never run and never passed over; without "Run:" it stays a note', () => {
    const doc = (intro: string) => parseRunbook(`# T\n\n### 1. S\n\n${intro}\n\n\`\`\`\nredis-cli -h cache-1 replicaof no one\n\`\`\`\n`);
    for (const intro of ['Run:', 'Then run the following:', '2. Run:', 'Execute this:']) {
      const rb = doc(intro);
      expect(rb.steps.flatMap((s) => s.commands), intro).toEqual([]);
      expect(rb.steps.flatMap((s) => s.attestations.map((a) => [a.kind, a.label, a.text])), intro).toEqual([['label', 'Untagged block, not run: do it by hand', 'redis-cli -h cache-1 replicaof no one']]);
    }
    const plain = doc('The replica answers:');
    expect(plain.steps.flatMap((s) => s.attestations)).toEqual([]);
    expect(plain.steps.flatMap((s) => s.notes.map((n) => n.label))).toContain('code');
  });
});
