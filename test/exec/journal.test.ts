// The run journal a run in-process leaves in .runbook/runs/<run-id>/journal.jsonl: one JSON
// object per line, everything a record needs (provenance, steps, verdicts, answers, the end), no
// output lines and no secret. (Answers typed at a real terminal: test/cli/journal.test.ts.)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSessionEach, type SessionWorkspace } from './session-harness.js';

const SECRET = 's3cr3t-Param-Value';
const ENV_SECRET = 'hunter2-from-the-environment';

const runbook = `---
title: Journal Check
params:
  db-user:
    description: database user
    default: app
  db-pass:
    description: database password
    secret: true
---
# Journal Check

### 1. Connect

- **Command:** \`echo "connecting as <db-user> with <db-pass> and $DB_PASSWORD"\`
- **Expected Outcome:** \`stdout contains "connecting"\`
- **Capture:** connection

### 2. Confirm

- [ ] The on-call channel was told
- **Confirm:** yes
- **Command:** \`echo "<connection>" >&2; exit 3\`
- **Expected Outcome:** \`exit 3\`

### 3. Fail

- **Command:** \`echo "$DB_PASSWORD" and <db-pass> >&2; false\`

### 4. Never

- **Command:** \`echo never\`
`;

let ws: SessionWorkspace;
useSessionEach((workspace) => (ws = workspace));

const run = () => ws.exec('rb.md', { set: [`db-pass=${SECRET}`], yes: true, operator: 'alice' }, { env: { DB_PASSWORD: ENV_SECRET } });

describe('the journal of a run', () => {
  it('is one JSON object per line, every line complete', async () => {
    ws.write('rb.md', runbook);
    expect((await run()).code).toBe(1);
    const text = ws.journalText(ws.onlyRunId());
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(JSON.parse(line)).toEqual(expect.objectContaining({ type: expect.any(String), time: expect.any(String) }));
    expect(ws.journal(ws.onlyRunId())).toHaveLength(lines.length);
    expect(lines.some((l) => JSON.parse(l).type === 'step-output')).toBe(false);
  });

  it('starts with the runbook path, its sha256 and the params, secrets masked', async () => {
    const text = ws.write('rb.md', runbook);
    await run();
    const runId = ws.onlyRunId();
    const [start] = ws.journal(runId);
    expect(start).toMatchObject({
      type: 'run-start',
      runId,
      runbookPath: 'rb.md',
      runbookTitle: 'Journal Check',
      sha256: createHash('sha256').update(readFileSync(text)).digest('hex'),
      mode: 'live',
      operator: 'alice',
      attempt: 1,
      params: { 'db-user': 'app', 'db-pass': '***' },
    });
    expect(start?.type === 'run-start' && start.steps.map((s) => s.id)).toEqual(['1', '2', '3', '4']);
  });

  it('has step-start and step-end with exit codes, verdicts, the gate and attestations with who answered, and the run end', async () => {
    ws.write('rb.md', runbook);
    await run();
    const events = ws.journal(ws.onlyRunId());
    const types = events.map((e) => `${e.type}${'stepId' in e ? ` ${e.stepId}` : ''}`);
    expect(types[0]).toBe('run-start');
    expect(types.at(-1)).toBe('run-end');
    expect(types.indexOf('step-start 1')).toBeLessThan(types.indexOf('step-end 1'));
    expect(types.indexOf('step-end 1')).toBeLessThan(types.indexOf('step-start 2'));
    expect(types).not.toContain('step-start 4');

    const ends = Object.fromEntries(events.flatMap((e) => (e.type === 'step-end' ? [[e.stepId, e]] : [])));
    expect(ends['1']).toMatchObject({ status: 'passed', exitCode: 0, captures: { connection: 'connecting as app with *** and ***' } });
    expect(ends['2']).toMatchObject({ status: 'passed', exitCode: 3 });
    expect(ends['3']).toMatchObject({ status: 'failed', exitCode: 1, reason: 'exit code 1, expected 0' });
    expect(ends['4']).toMatchObject({ status: 'not-run', exitCode: null });

    const verdicts = events.flatMap((e) => (e.type === 'verdict' ? [`${e.stepId} ${e.outcome.expected}: ${e.outcome.verdict}`] : []));
    expect(verdicts).toEqual(['1 exit 0: verified', '1 stdout contains "connecting": verified', '2 exit 3: verified', '3 exit 0: failed']);

    expect(events.find((e) => e.type === 'gate')).toMatchObject({ stepId: '2', approved: true, by: 'alice (--yes)' });
    // With no terminal nobody can answer; the journal says so rather than inventing a yes.
    const attestation = events.find((e) => e.type === 'attestation');
    expect(attestation).toMatchObject({ stepId: '2', text: 'The on-call channel was told', answer: 'unconfirmed' });
    expect(attestation).not.toHaveProperty('by');
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'failed', exitCode: 1 });
  });

  it('keeps output in per-step log files, not in the journal', async () => {
    ws.write('rb.md', runbook);
    await run();
    const runId = ws.onlyRunId();
    const logs = join(ws.dir, '.runbook/runs', runId, 'logs');
    expect(readdirSync(logs).sort()).toEqual(['1.log', '2.log', '3.log']);
    expect(readFileSync(join(logs, '1.log'), 'utf8')).toBe('connecting as app with *** and ***\n');
    const commandEnd = ws.journal(runId).find((e) => e.type === 'command-end' && e.stepId === '1');
    expect(commandEnd?.type === 'command-end' && commandEnd.result.logFile).toBe(join(logs, '1.log'));
  });

  it('holds no secret: not the --set value of a secret param, not DB_PASSWORD, in the journal, logs, record or output', async () => {
    ws.write('rb.md', runbook);
    const result = await run();
    const leaks: string[] = [];
    const scan = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) scan(path);
        else if (name !== 'rb.md') {
          const text = readFileSync(path, 'utf8');
          if (text.includes(SECRET) || text.includes(ENV_SECRET)) leaks.push(path.slice(ws.dir.length + 1));
        }
      }
    };
    scan(ws.dir);
    expect(leaks).toEqual([]);
    expect(ws.records()).toHaveLength(1);
    expect(readdirSync(join(ws.dir, '.runbook/runs', ws.onlyRunId(), 'logs'))).toHaveLength(3);
    for (const text of [result.stdout, result.stderr]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(ENV_SECRET);
    }
    // The masked values were there to leak: they are shown as ***.
    expect(ws.read(join('.runbook/runs', ws.onlyRunId(), 'logs', '3.log'))).toBe('*** and ***\n');
  });
});

describe('the clock a run is given', () => {
  it('names the run, stamps every event and dates the record', async () => {
    ws.write('rb.md', '# Clock\n\n### 1. Hello\n\n- **Command:** `echo hello`\n');
    const at = new Date('2030-01-02T03:04:05.000Z');
    expect((await ws.exec('rb.md', {}, { now: () => at })).code).toBe(0);
    const runId = ws.onlyRunId();
    expect(runId).toMatch(/^20300102-030405-[0-9a-f]{6}$/);
    expect(new Set(ws.journal(runId).map((e) => e.time))).toEqual(new Set([at.toISOString()]));
    expect(ws.records()).toEqual([`2030-01-02-rb-${runId}.md`]);
  });
});
