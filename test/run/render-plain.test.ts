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
});
