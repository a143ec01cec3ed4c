import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/model/events.js';
import { createPlainRenderer } from '../../src/run/render-plain.js';

const time = '2026-01-01T00:00:00.000Z';
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

function render(events: RunEvent[], options?: { showOutput?: boolean }): string {
  let out = '';
  const subscriber = createPlainRenderer((t) => (out += t), options);
  for (const e of events) subscriber(e);
  return plain(out);
}

describe('createPlainRenderer', () => {
  it('writes one line per event, prefixed with the step id', () => {
    const text = render([
      { time, type: 'step-start', stepId: 'A.1', title: 'Look', attempt: 1 },
      { time, type: 'step-output', stepId: 'A.1', stream: 'stdout', line: 'hello' },
      { time, type: 'verdict', stepId: 'A.1', outcome: { expected: 'stdout contains "hello"', verdict: 'verified', evidence: 'stdout line 1: hello' } },
      { time, type: 'step-end', stepId: 'A.1', status: 'failed', durationMs: 1500, exitCode: 1, captures: {}, reason: 'first\nsecond' },
      { time, type: 'run-end', status: 'failed', exitCode: 1, durationMs: 2000, recordPath: 'docs/r.md' },
    ]);
    expect(text).toBe([
      '[A.1] Look',
      '[A.1] │ hello',
      '[A.1] ✔ verified: stdout contains "hello" — stdout line 1: hello',
      '[A.1] failed: first ⏎ second (1.5s)',
      'run failed in 2.0s',
      'drill record: docs/r.md',
      '',
    ].join('\n'));
  });

  it('can leave output lines out', () => {
    expect(render([{ time, type: 'step-output', stepId: '1', stream: 'stderr', line: 'x' }], { showOutput: false })).toBe('');
  });

  it('makes control characters from step output visible instead of sending them to the terminal', () => {
    const raw = render([
      { time, type: 'step-output', stepId: '1', stream: 'stdout', line: 'ok\u001b[2K\r[2] passed\u0007\u009b31m\u007f\tend' },
      { time, type: 'verdict', stepId: '1', outcome: { expected: 'stdout contains "x"', verdict: 'failed', evidence: 'saw \u001b]0;title\u0007' } },
    ]);
    // Only the renderer's own colour codes (stripped by `render`) may carry an ESC.
    expect(raw).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(raw).toBe([
      '[1] │ ok␛[2K␍[2] passed␇\\x9b31m␡\tend',
      '[1] ✖ failed: stdout contains "x" — saw ␛]0;title␇',
      '',
    ].join('\n'));
  });
});
