// Golden drill records of runs in-process: fixtures/records/runbook.md run to a pass, to
// a failure and to Ctrl-C, each record compared with its golden after times, durations, ids,
// paths and the engine version are replaced by placeholders. Updating goldens is deliberate:
//   UPDATE_GOLDEN=1 npx vitest run test/exec/record-golden
// then review the diff like any other change.
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRecordName } from '../cli/runs-harness.js';
import { useSessionEach, type SessionWorkspace } from './session-harness.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'records');
const update = process.env.UPDATE_GOLDEN === '1';
const TOKEN = 'tok-0123456789abcdef';
const flags = { set: [`api-token=${TOKEN}`], operator: 'alice', env: 'staging', release: 'v1.4.0', target: 'v1.3.2', participant: ['Alice Ng (drill lead)', 'Bo Chen (service owner)'] };

let ws: SessionWorkspace;
useSessionEach((workspace) => {
  ws = workspace;
  ws.write('runbook.md', readFileSync(join(fixtures, 'runbook.md'), 'utf8'));
});

/** What changes from run to run becomes a placeholder; everything else must match exactly. */
function normalise(text: string, runId: string, workspace: string): string {
  return text
    .replaceAll(runId, '<run-id>')
    .replaceAll(existsSync(workspace) ? realpathSync(workspace) : workspace, '<workspace>')
    .replaceAll(workspace, '<workspace>')
    .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, '<date>')
    .replace(/\b\d+h \d{2}m \d{2}s\b|\b\d+m \d{2}s\b|\b\d+(\.\d+)?m?s\b/g, '<duration>')
    .replace(/runbook \d+\.\d+\.\d+(-[\w.]+)?/g, 'runbook <version>')
    .replace(/^time-to-rollback-ms: \d+$/m, 'time-to-rollback-ms: <ms>');
}

function compare(name: string, record: string): void {
  const golden = join(fixtures, name, 'record.md');
  if (update) {
    mkdirSync(join(fixtures, name), { recursive: true });
    writeFileSync(golden, record);
    return;
  }
  if (!existsSync(golden)) throw new Error(`No golden for ${name}: run UPDATE_GOLDEN=1 npx vitest run test/exec/record-golden, then review it.`);
  expect(record).toBe(readFileSync(golden, 'utf8'));
}

function writtenRecord(): string {
  const runId = ws.onlyRunId();
  const text = ws.read(join('docs/releases/rollback-drills', defaultRecordName(ws.journal(runId), 'runbook')));
  expect(text).not.toContain(TOKEN);
  return normalise(text, runId, ws.dir);
}

describe('golden drill records', () => {
  it('passed', async () => {
    ws.write('go.txt', '');
    ws.write('backup.txt', 'backup 2026-11-26 03:00\n');
    expect((await ws.exec('runbook.md', flags)).code).toBe(0);
    compare('passed', writtenRecord());
  });

  it('failed', async () => {
    ws.write('go.txt', '');
    expect((await ws.exec('runbook.md', flags)).code).toBe(1);
    compare('failed', writtenRecord());
  });

  it('aborted', async () => {
    const started = ws.start('runbook.md', flags);
    await ws.waitForStepStart('A.2', started);
    started.interrupt();
    expect((await started.done).code).toBe(130);
    compare('aborted', writtenRecord());
  });
});

describe('normalise', () => {
  it('replaces what varies and nothing else', () => {
    const text = '`20261126-140305-a1b2` 2026-11-26 14:03:05Z 2026-11-26T14:03:05.123Z on 2026-11-26; 412ms, 12.4s, 1m 02s, 1h 02m 03s; runbook 0.1.0; /tmp/ws/x; 3 of 4 steps; sleep 0.1; exit 130\ntime-to-rollback-ms: 343\nexit-code: 1';
    expect(normalise(text, '20261126-140305-a1b2', '/tmp/ws')).toBe(
      '`<run-id>` <time> <time> on <date>; <duration>, <duration>, <duration>, <duration>; runbook <version>; <workspace>/x; 3 of 4 steps; sleep 0.1; exit 130\ntime-to-rollback-ms: <ms>\nexit-code: 1',
    );
  });
});
