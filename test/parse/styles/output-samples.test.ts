// Fixture: output-samples.md. An intro after a command takes the block read right after it as a
// sample: shown beside the real output, never compared (only console transcripts are).
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/parse/parse-runbook.js';
import { parseFixture, stepOf } from '../parse-fixture.js';

const samples = (rb: ReturnType<typeof parseRunbook>, id: string) => stepOf(rb, id).expectations.map((e) => [e.text, e.sample ?? null, e.commandIndex ?? null]);

describe('output samples', () => {
  const rb = parseFixture('output-samples.md');

  it('takes the block after a paragraph, a list, or inside a list item', () => {
    expect(samples(rb, 'check.1')).toEqual([['Expected output', ['deployment "web" successfully rolled out'], 0]]);
    expect(samples(rb, 'check.2')).toEqual([['Output', ['ok'], 0]]);
    expect(samples(rb, 'check.3')).toEqual([['Expected Output', ['v1.4.2'], 0]]);
    expect(samples(rb, 'check.4')).toEqual([['You should see', ['2025'], 0]]);
    expect(samples(rb, 'check.5')).toEqual([['It should print the client version', ['v3.14.0'], 0]]);
  });

  it('an intro with nothing to show is an outcome to attest', () => {
    expect(samples(rb, 'check.6')).toEqual([['You should see', null, null]]);
  });

  it('without a command, an intro is prose and the block is reported', () => {
    expect(stepOf(rb, 'check.7').notes.map((n) => n.text)).toEqual(['Output:', 'nothing ran']);
    expect(rb.diagnostics.map((d) => d.ruleId)).toEqual(['untagged-fence']);
  });

  it('the sample must come right after its intro', () => {
    const rb2 = parseRunbook('# T\n\n### 1. Tag\n\n- **Command:** `git describe`\n- **Expected Output:**\n- **Timeout:** 5s\n\n```\nv1\n```\n');
    expect(samples(rb2, '1')).toEqual([['Expected Output', null, null]]);
    expect(rb2.diagnostics.map((d) => d.ruleId)).toEqual(['untagged-fence']);
  });

  it('a paragraph "Expected: …" announces a sample only when one follows', () => {
    const followed = parseRunbook('# T\n\n### 1. Roll\n\n```sh\nkubectl rollout status deploy/web\n```\n\nExpected: the rollout finishes\n\n```\ndone\n```\n');
    expect(samples(followed, '1')).toEqual([['Expected: the rollout finishes', ['done'], 0]]);
    const alone = parseRunbook('# T\n\n### 1. Roll\n\n```sh\nkubectl rollout status deploy/web\n```\n\nExpected: the rollout finishes\n');
    expect(samples(alone, '1')).toEqual([['the rollout finishes', null, null]]);
  });

  it('named outright, an intro needs no colon and may be bold; a table after it is a sample too', () => {
    expect(samples(rb, 'check.8')).toEqual([['Expected output', ['NAME     STATUS', 'node-1   Ready'], 0]]);
    expect(samples(rb, 'check.9')).toEqual([['Example Output', ['NAME | STATUS', 'api | Running'], 0]]);
    expect(stepOf(rb, 'check.8').notes).toEqual([]);
    expect(rb.diagnostics.filter((d) => d.ruleId === 'untagged-fence').map((d) => d.position.line)).toEqual([stepOf(rb, 'check.7').notes[1]?.position.line]);
  });

  it('a sample is never an exact comparison; a console transcript still is', () => {
    const all = rb.steps.flatMap((s) => s.expectations);
    expect(all.filter((e) => e.expectedOutput !== undefined).map((e) => e.text)).toEqual(['output as in the transcript']);
    expect(stepOf(rb, 'check.10').expectations[0]?.expectedOutput).toEqual(['hi']);
  });

  it('a plain word that is not named as a sample still needs its colon', () => {
    const rb2 = parseRunbook('# T\n\n### 1. Up\n\n```sh\nuptime\n```\n\nOutput\n\n```text\nup 3 days\n```\n');
    expect(samples(rb2, '1')).toEqual([]);
  });
});
