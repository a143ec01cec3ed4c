// Expectations and attestations are named where they are born (`A.2#e1`, `A.2#a1`), so that
// verdicts, answers and the record can join on them rather than on text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Runbook } from '../../src/model/runbook.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';

await loadShellParser();

const outcomeIds = (rb: Runbook) => rb.steps.map((s) => [s.id, s.expectations.map((e) => e.id), s.attestations.map((a) => a.id)]);

describe('outcome ids', () => {
  it('name each expectation and attestation after its step, counting from 1', () => {
    // The executable copy of the seed: A.2's four actions, B.1 with nothing to run, D checking the tag it prints.
    const seed = parseRunbook(readFileSync(new URL('../../runbooks/rollback.md', import.meta.url), 'utf8'));
    expect(outcomeIds(seed)).toEqual([
      ['A.1', ['A.1#e1'], []],
      ['A.2.1', ['A.2.1#e1'], []],
      ['A.2.2', ['A.2.2#e1'], []],
      ['A.2.3', ['A.2.3#e1'], []],
      ['A.2.4', ['A.2.4#e1'], []],
      ['A.3', ['A.3#e1'], []],
      ['B.1', [], ['B.1#a1', 'B.1#a2']],
      ['B.2', [], ['B.2#a1']],
      ['B.3', [], ['B.3#a1', 'B.3#a2']],
      ['C', [], ['C#a1', 'C#a2']],
      ['D', ['D#e1'], ['D#a1', 'D#a2']],
    ]);
  });

  it('follow a step into its sub-steps, and count an action confirmed by hand', () => {
    const rb = parseRunbook('# T\n\n### 1. Tell\n\n- **Action:** Tell the channel.\n- [ ] Channel told\n- **Action:** Page the owner.\n');
    expect(outcomeIds(rb)).toEqual([['1.1', [], ['1.1#a1']], ['1.2', [], ['1.2#a1']]]);
  });

  it('follow a step renamed because its id was taken', () => {
    const rb = parseRunbook('# T\n\n## A. S\n\n### 1. One\n\n```sh\ntrue\n```\n\n`exit 0`\n\n### 1. Again\n\n```sh\ntrue\n```\n\n`exit 0`\n\n- [ ] checked\n');
    expect(outcomeIds(rb)).toEqual([['A.1', ['A.1#e1'], []], ['A.1-2', ['A.1-2#e1'], ['A.1-2#a1']]]);
  });

  it('count transcripts, samples and matchers alike, in document order', () => {
    const rb = parseRunbook('# T\n\n### 1. S\n\n```console\n$ echo a\na\n$ echo b\nb\n```\n\nYou should see:\n\n```\nb\n```\n\n- **Expected:** `exit 0`\n');
    expect(rb.steps[0]?.expectations.map((e) => [e.id, e.text])).toEqual([
      ['1#e1', 'output as in the transcript'], ['1#e2', 'output as in the transcript'], ['1#e3', 'You should see'], ['1#e4', '`exit 0`'],
    ]);
  });
});
