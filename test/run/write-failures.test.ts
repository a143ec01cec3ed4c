// A journal or a step log whose writes fail (here: /dev/full, which answers every write with
// ENOSPC, reached through a symlink) tells its owner once and takes nothing more: no throw
// inside an output handler, no half line followed by more. The run's answer to it (it ends,
// exit 1): test/exec/write-failures.test.ts.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/run/journal.js';
import { LogFile } from '../../src/run/log-file.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-full-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writes that fail', () => {
  it('the journal tells the first failed write once, and writes nothing after it', () => {
    const runDir = join(dir, 'run');
    const errors: string[] = [];
    // openJournal makes the folder; the journal itself is the full device.
    openJournal(runDir, () => undefined).close();
    rmSync(join(runDir, 'journal.jsonl'));
    symlinkSync('/dev/full', join(runDir, 'journal.jsonl'));
    const journal = openJournal(runDir, (error) => errors.push((error as NodeJS.ErrnoException).code ?? error.message));
    const event = { time: '2026-11-26T14:00:00.000Z', type: 'run-end', status: 'passed', exitCode: 0, durationMs: 1 } as const;
    expect(() => journal.subscriber(event)).not.toThrow();
    journal.subscriber(event);
    journal.close();
    expect(errors).toEqual(['ENOSPC']);
  });

  it('a step log tells the first failed write once and drops the rest of the output', () => {
    const errors: string[] = [];
    const log = new LogFile('/dev/full', (error) => errors.push((error as NodeJS.ErrnoException).code ?? error.message));
    expect(() => log.write('x'.repeat(100 * 1024))).not.toThrow();
    log.write('more output');
    log.close();
    expect(errors).toEqual(['ENOSPC']);
  });
});
