// A real engine process and a real SIGTERM while it writes the drill record: the journal, the
// record and the lock are still finished. The record goes to stdout (`--record -`), a pipe the test
// does not read until the signal was sent, so the record is still being written when it arrives
// (the run's end is in the journal by then). A full disk: test/exec/write-failures.test.ts.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoDir } from '../e2e/helpers.js';
import { runbook, useCli, waitFor } from './exec-helpers.js';

const { cli, workspace } = useCli();

describe('a signal while the record is written', () => {
  it('still finishes the journal, the record and the lock', async () => {
    const ws = workspace();
    ws.write('rb.md', runbook('Record', [['Hello', '- **Command:** `echo hello`']]));
    // A record larger than a pipe holds, so writing it waits for a reader.
    const template = readFileSync(join(repoDir, 'templates', 'ROLLBACK_DRILL_TEMPLATE.md'), 'utf8');
    ws.write('big.md', `${template}\n<!-- ${'padding '.repeat(60_000)} -->\nEND OF RECORD\n`);
    const child = spawn(process.execPath, [cli(), 'exec', 'rb.md', '--record', '-', '--template', 'big.md'], { cwd: ws.dir, env: { ...process.env, CI: '1', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const pid = child.pid as number;
    // The record is written first, then the run's end: once that is in the journal, the record
    // waits in a full pipe for the reader.
    await waitFor(() => ws.journals().some((events) => events.some((e) => e.type === 'run-end')), 'the run to end while its record waits');
    process.kill(pid, 'SIGTERM');
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const code = await exited;

    expect(code).toBe(0);
    expect(stderr).toContain('runbook: interrupted while finishing; the journal, the drill record and the lock are finished first\n');
    expect(stdout.startsWith('---\n')).toBe(true);
    expect(stdout.trimEnd().endsWith('END OF RECORD')).toBe(true);
    expect(ws.journal().at(-1)).toMatchObject({ type: 'run-end', status: 'passed', exitCode: 0 });
    expect(ws.artefacts().some((a) => a.path.endsWith('.lock'))).toBe(false);
  });
});
