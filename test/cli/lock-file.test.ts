// The run lock in-process: the cases a spawned CLI cannot set up cheaply (another host, a
// garbled lock file, a lock that changed hands before release).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireRunLock, isHeld, readRunLocks } from '../../src/run/run-lock.js';
import { deadPid } from './runs-harness.js';

let dir: string;
let runbook: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runbook-lock-'));
  runbook = join(dir, 'rb.md');
  writeFileSync(runbook, '# R\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const me = (runId: string) => ({ pid: process.pid, user: 'alice', startedAt: new Date().toISOString(), runId });
const lockFile = (): string => join(dir, '.runbook/locks', readdirSync(join(dir, '.runbook/locks')).find((n) => n.endsWith('.lock')) as string);

describe('acquireRunLock', () => {
  it('holds until released, and refuses a second holder meanwhile', () => {
    const first = acquireRunLock(dir, runbook, me('one'));
    expect(first.ok).toBe(true);
    const second = acquireRunLock(dir, runbook, me('two'));
    expect(second).toMatchObject({ ok: false, holder: { runId: 'one', user: 'alice', pid: process.pid, host: hostname() } });
    if (first.ok) first.release();
    expect(readRunLocks(dir)).toEqual([]);
    expect(acquireRunLock(dir, runbook, me('three')).ok).toBe(true);
  });

  it('takes a lock on another host at its word: it cannot be checked from here', () => {
    const first = acquireRunLock(dir, runbook, me('one'));
    if (!first.ok) throw new Error('not acquired');
    const path = lockFile();
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), host: 'elsewhere.example', pid: deadPid() }));
    expect(acquireRunLock(dir, runbook, me('two'))).toMatchObject({ ok: false, holder: { host: 'elsewhere.example' } });
    expect(readRunLocks(dir).map(isHeld)).toEqual([true]);
  });

  it('takes over a garbled lock file', () => {
    acquireRunLock(dir, runbook, me('one'));
    writeFileSync(lockFile(), '{"pid": 12');
    const result = acquireRunLock(dir, runbook, me('two'));
    expect(result.ok).toBe(true);
    expect(readRunLocks(dir).map((h) => h.runId)).toEqual(['two']);
  });

  it('a release does not remove a lock that has changed hands since', () => {
    const first = acquireRunLock(dir, runbook, me('one'));
    if (!first.ok) throw new Error('not acquired');
    const path = lockFile();
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), runId: 'someone-else' }));
    first.release();
    expect(readRunLocks(dir).map((h) => h.runId)).toEqual(['someone-else']);
  });

  it('leaves no temporary or stale files behind', () => {
    acquireRunLock(dir, runbook, me('one'));
    const path = lockFile();
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), pid: deadPid() }));
    const taken = acquireRunLock(dir, runbook, me('two'));
    expect(taken).toMatchObject({ ok: true, tookOverFrom: { runId: 'one' } });
    expect(readdirSync(join(dir, '.runbook/locks'))).toHaveLength(1);
    if (taken.ok) taken.release();
    expect(readdirSync(join(dir, '.runbook/locks'))).toEqual([]);
  });
});
