// `runbook resume RUN` in-process on real runs after a failure: steps that passed are not run
// again, captures come back, the failed step and the rest run, and one record covers every
// attempt. A runbook changed since is refused unless --force. (After a real kill -9, and bad
// input as a user sees it: test/cli/resume.test.ts.)
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSessionEach, type SessionWorkspace } from './session-harness.js';
import { resumeRunbook as runbook } from '../cli/runbooks.js';

let ws: SessionWorkspace;
useSessionEach((workspace) => (ws = workspace));

const recordOf = (name: string): string => readFileSync(join(ws.dir, 'docs/releases/rollback-drills', name), 'utf8');

describe('resume after a failed run', () => {
  it('skips what passed, restores captures, re-runs the failed step and what follows; one record covers both attempts', async () => {
    ws.write('rb.md', runbook);
    const first = await ws.exec('rb.md');
    expect(first.code).toBe(1);
    const runId = ws.onlyRunId();
    expect(ws.read('step1-count.txt')).toBe('run\n');
    expect(ws.exists('rolled-back.txt')).toBe(false);

    ws.write('backup.txt', 'backup-2026-11-26\n');
    const second = await ws.resume(runId);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`run ${runId} (attempt 2)`);
    expect(ws.read('step1-count.txt')).toBe('run\n');
    expect(ws.read('rolled-back.txt')).toBe('rolling back from v1.4.0\n');
    expect(ws.runIds()).toEqual([runId]);

    const starts = ws.journal(runId).filter((e) => e.type === 'run-start');
    expect(starts.map((s) => s.type === 'run-start' && s.attempt)).toEqual([1, 2]);
    const stepStarts = ws.journal(runId).flatMap((e) => (e.type === 'step-start' ? [`${e.stepId}@${e.attempt}`] : []));
    expect(stepStarts).toEqual(['1@1', '2@1', '2@2', '3@2']);

    // The first record stays as it was; the resumed run gets its own, covering both attempts.
    const records = ws.records();
    expect(records).toHaveLength(2);
    const firstRecord = recordOf(records.find((r) => !r.endsWith('-2.md')) as string);
    const finalRecord = recordOf(records.find((r) => r.endsWith('-2.md')) as string);
    expect(firstRecord).toContain('- **Result:** **FAILED**');
    expect(finalRecord).toContain('- **Result:** **PASSED**');
    expect(finalRecord).toMatch(/\| \*\*2\*\* Check the backup \| .* \| passed \|/);
    expect(finalRecord).toContain('### Attempts');
    const attemptRows = finalRecord.split('\n').filter((l) => /^\| [12] \| live \|/.test(l));
    expect(attemptRows).toHaveLength(2);
    expect(attemptRows[0]).toMatch(/^\| 1 \| live \| .* \| \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z \| \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z \| failed \|/);
    expect(attemptRows[1]).toMatch(/^\| 2 \| live \| .* \| \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z \| \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z \| passed \|/);
    expect(finalRecord).toMatch(/- \*\*Tries:\*\* attempt 1: failed \(exit 1\), [^;]+ → [^;]+; attempt 2: passed \(exit 0\), /);
    expect(finalRecord).toContain('| 1 | Note the deployed version skipped: passed in an earlier attempt | skipped |');
  });

  it('refuses with exit 2 and a reason when the runbook changed since, unless --force', async () => {
    ws.write('rb.md', runbook);
    await ws.exec('rb.md');
    const runId = ws.onlyRunId();
    ws.write('backup.txt', 'ok\n');
    appendFileSync(join(ws.dir, 'rb.md'), '\n### 4. Tell the channel\n\n- **Command:** `echo done`\n');

    const refused = await ws.resume(runId);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^runbook: rb\.md: the runbook changed since run \S+ started \(sha256 [0-9a-f]{12}… then, [0-9a-f]{12}… now\); resuming would mix two procedures\. Start a new run, or pass --force\n$/);
    expect(ws.journal(runId).filter((e) => e.type === 'run-start')).toHaveLength(1);
    expect(ws.exists('rolled-back.txt')).toBe(false);

    const forced = await ws.resume(runId, { force: true });
    expect(forced.code).toBe(0);
    expect(ws.read('step1-count.txt')).toBe('run\n');
    expect(ws.journal(runId).flatMap((e) => (e.type === 'step-end' && e.status === 'passed' ? [e.stepId] : []))).toEqual(['1', '2', '3', '4']);
  });

  it('a forced resume adopts the changed runbook: the next resume needs no --force', async () => {
    ws.write('rb.md', runbook.replace('`cat backup.txt`', '`cat backup.txt`\n\n### 2b. Check again\n\n- **Command:** `cat backup-again.txt`'));
    await ws.exec('rb.md');
    const runId = ws.onlyRunId();
    ws.write('backup.txt', 'ok\n');
    appendFileSync(join(ws.dir, 'rb.md'), '\n');
    expect((await ws.resume(runId, { force: true })).code).toBe(1);
    ws.write('backup-again.txt', 'ok\n');
    const again = await ws.resume(runId);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(ws.read('rolled-back.txt')).toBe('rolling back from v1.4.0\n');
  });

  it('keeps the selection of the run it continues (--only)', async () => {
    ws.write('rb.md', runbook);
    expect((await ws.exec('rb.md', { only: ['1', '2'] })).code).toBe(1);
    ws.write('backup.txt', 'ok\n');
    expect((await ws.resume(ws.onlyRunId())).code).toBe(0);
    expect(ws.read('step1-count.txt')).toBe('run\n');
    expect(ws.exists('rolled-back.txt')).toBe(false);
    expect(ws.journal(ws.onlyRunId()).at(-2)).toMatchObject({ type: 'step-end', stepId: '3', status: 'skipped', reason: 'not selected' });
  });

  it('asks again for values the journal keeps masked, rather than running with ***', async () => {
    ws.write('rb.md', `---
params:
  api-token:
    description: token
    secret: true
  db-url:
    description: where the database is
---
# Masked

### 1. Login

- **Command:** \`echo "login with <api-token>"\`

### 2. Migrate

- **Command:** \`cat backup.txt && echo "<db-url>" > used-url.txt\`
`);
    const env = { DB_PASSWORD: 'pa55word-from-env' };
    const url = 'postgres://app:pa55word-from-env@db/app';
    expect((await ws.exec('rb.md', { set: ['api-token=tok-123456', `db-url=${url}`] }, { env })).code).toBe(1);
    const runId = ws.onlyRunId();
    expect(ws.journal(runId)[0]).toMatchObject({ params: { 'api-token': '***', 'db-url': 'postgres://app:***@db/app' } });
    ws.write('backup.txt', 'ok\n');

    // Step 1 (the token) passed and is not run again; step 2 needs the URL, masked in the journal.
    const refused = await ws.resume(runId, {}, { env });
    expect(refused).toMatchObject({ code: 2, stderr: `runbook: the journal of run ${runId} keeps <db-url> masked, and the steps still to run need it; give it again: --set db-url=…\n` });
    expect(ws.exists('used-url.txt')).toBe(false);

    expect((await ws.resume(runId, { set: [`db-url=${url}`] }, { env })).code).toBe(0);
    expect(ws.read('used-url.txt')).toBe(`${url}\n`);
  });

  it('asks no gate again for a step that passed', async () => {
    ws.write('rb.md', runbook.replace('- **Capture:** current-version', '- **Capture:** current-version\n- **Confirm:** yes'));
    expect((await ws.exec('rb.md')).code).toBe(2);
    expect((await ws.exec('rb.md', { yes: true })).code).toBe(1);
    ws.write('backup.txt', 'ok\n');
    const resumed = await ws.resume(ws.onlyRunId());
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(ws.journal(ws.onlyRunId()).filter((e) => e.type === 'gate')).toHaveLength(1);
  });

  it("keeps the run's record flags: the team's template, the record folder", async () => {
    ws.write('rb.md', runbook);
    ws.write('team.md', '# {{runbook.title}}: {{upper totals.result}} after {{attempts.length}} attempt(s)\n');
    expect((await ws.exec('rb.md', { template: 'team.md', recordDir: 'drills' })).code).toBe(1);
    ws.write('backup.txt', 'ok\n');
    expect((await ws.resume(ws.onlyRunId())).code).toBe(0);
    expect((await ws.record(ws.onlyRunId())).code).toBe(0);
    expect(ws.records()).toEqual([]);
    expect(ws.records('drills').map((r) => ws.read(join('drills', r))).sort()).toEqual([
      '# Roll Back Web: FAILED after 1 attempt(s)\n',
      '# Roll Back Web: PASSED after 2 attempt(s)\n',
      '# Roll Back Web: PASSED after 2 attempt(s)\n',
    ]);
  });
});
