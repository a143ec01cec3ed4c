// A run is one terminal session, in-process over real bash: what one command leaves (variables,
// exports, functions, aliases, the directory) the next one finds, across steps, fences, inline
// commands and transcript lines; secrets carried stay masked and off the disk; a resume starts
// from the session the last passed step left; steps run at once merge in the order they end.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/model/events.js';
import { runbook, stepEnds, useSessionEach, type SessionWorkspace } from './session-harness.js';

let ws: SessionWorkspace;
useSessionEach((workspace) => (ws = workspace));

const sessionEvents = (events: RunEvent[]) => events.filter((e): e is Extract<RunEvent, { type: 'session' }> => e.type === 'session');

describe('state carries from command to command', () => {
  it('an exported variable, a plain one, a function, an alias and `cd` reach the later steps', async () => {
    ws.write('s.md', [
      '# Session', '',
      '## 1. Prepare', '', '```bash', 'export BACKUP_FILE=db-2026-11-26.sql', 'stamp=v42', 'note() { echo "note: $*"; }', 'alias say="echo said"', 'mkdir -p work && cd work', '```', '',
      '## 2. Use', '', '- **Command:** `note "$stamp"; say it; pwd; touch "${BACKUP_FILE}"`', '',
      '## 3. Clean up', '', '```sh', 'printenv BACKUP_FILE', 'rm -f "./${BACKUP_FILE}" && echo "removed ${BACKUP_FILE}"', '```', '',
    ].join('\n'));
    const result = await ws.exec('s.md', { record: false });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[2] │ note: v42');
    expect(result.stdout).toContain('[2] │ said it');
    expect(result.stdout).toContain(`[2] │ ${join(ws.dir, 'work')}`);
    expect(result.stdout).toContain('[3] │ db-2026-11-26.sql');
    expect(result.stdout).toContain('[3] │ removed db-2026-11-26.sql');
    expect(ws.exists('work/db-2026-11-26.sql')).toBe(false);
    const ends = ws.journal().filter((e) => e.type === 'command-end');
    expect(ends.map((e) => e.type === 'command-end' && e.result.cwd)).toEqual([ws.dir, join(ws.dir, 'work'), join(ws.dir, 'work')]);
  });

  it('carries across the `$ ` lines of a console transcript, as a terminal would', async () => {
    ws.write('t.md', ['# Transcript', '', '## 1. Echo', '', '```console', '$ export FOO=bar', '$ cd /', '$ echo "$FOO in $PWD"', 'bar in /', '```', ''].join('\n'));
    const result = await ws.exec('t.md', { record: false });
    expect(result.code).toBe(0);
    expect(stepEnds(ws.journal())).toEqual({ 1: 'passed' });
  });

  it("a step's own Cwd: runs its commands there without moving the session", async () => {
    ws.write('sub/marker.txt', '');
    ws.write('c.md', runbook('Cwd', [
      ['Elsewhere', '- **Command:** `ls marker.txt && cd .. && echo "inner=$PWD"; export FROM_SUB=yes`', '- **Cwd:** sub'],
      ['Back', '- **Command:** `echo "outer=$PWD sub=$FROM_SUB"`'],
    ]));
    const result = await ws.exec('c.md', { record: false });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`[2] │ outer=${ws.dir} sub=yes`);
  });

  it('a retry starts from the session as it was before the command, not from the failed try', async () => {
    ws.write('r.md', runbook('Retry', [
      ['Count', '- **Command:** `tries=$((tries+1)); echo "tries=$tries"; test -e second || { touch second; false; }`', '- **Retries:** 1, 10ms apart'],
      ['After', '- **Command:** `echo "after=$tries"`'],
    ]));
    const result = await ws.exec('r.md', { record: false });
    expect(result.code).toBe(0);
    expect(result.stdout.match(/\[1\] │ tries=\d/g)).toEqual(['[1] │ tries=1', '[1] │ tries=1']);
    expect(result.stdout).toContain('[2] │ after=1');
  });

  it('a failed step that continues on error carries what it set up to the failure', async () => {
    ws.write('f.md', runbook('Failure', [
      ['Fails', '```bash\nexport STAGE=first\nfalse\nexport STAGE=never\n```', '- **Continue on error:** yes'],
      ['After', '- **Command:** `echo "stage=$STAGE"`'],
    ]));
    const result = await ws.exec('f.md', { record: false });
    expect(stepEnds(ws.journal())).toEqual({ 1: 'failed', 2: 'passed' });
    expect(result.stdout).toContain('[2] │ stage=first');
  });

  it('with a shell other than bash each command starts afresh, and the run says so', async () => {
    ws.write('sh.md', runbook('Plain sh', [['Set', '- **Command:** `export LOST=1; cd /`'], ['Read', '- **Command:** `echo "lost=${LOST-none} $PWD"`']], 'shell: sh'));
    const result = await ws.exec('sh.md', { record: false });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("runbook: warning: the runbook's shell is `sh`: only bash carries variables, functions and the working directory from one command to the next, so each command starts afresh\n");
    expect(result.stdout).toContain(`[2] │ lost=none ${ws.dir}`);
    expect(sessionEvents(ws.journal())).toEqual([]);
  });
});

describe('secrets in the session', () => {
  const secretRunbook = runbook('Secret session', [
    ['Log in', '- **Command:** `export TOKEN_COPY=<token>; export DB_PASSWORD=computed-db-pass-$((4700 + 11)); plain=ok`'],
    ['Use', '- **Command:** `echo "copy=$TOKEN_COPY pass=$DB_PASSWORD plain=$plain"`'],
  ], 'params:\n  token:\n    secret: true');

  it('are masked wherever shown, and written to no file: the session files are private and leave them out', async () => {
    ws.write('sec.md', secretRunbook);
    const result = await ws.exec('sec.md', { set: ['token=s3cret-token-value'] });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[2] │ copy=*** pass=*** plain=ok');
    for (const text of [result.stdout, result.stderr, ...ws.artefacts().map((a) => a.text)]) {
      expect(text).not.toContain('s3cret-token-value');
      expect(text).not.toContain('computed-db-pass-4711');
    }
    const sessions = sessionEvents(ws.journal());
    expect(sessions.map((e) => [e.stepId, e.withheld])).toEqual([['1', ['DB_PASSWORD', 'TOKEN_COPY']], ['2', ['DB_PASSWORD', 'TOKEN_COPY']]]);
    const dir = join(ws.dir, '.runbook', 'runs', ws.onlyRunId(), 'session');
    for (const name of readdirSync(dir)) expect((statSync(join(dir, name)).mode & 0o777).toString(8)).toBe('600');
    const kept = JSON.parse(readFileSync(join(ws.dir, '.runbook', 'runs', ws.onlyRunId(), sessions[0]?.file ?? ''), 'utf8')) as { session: { entries: Record<string, string> } };
    expect(Object.keys(kept.session.entries)).toEqual(['var:plain']);
  });
});

describe('resume', () => {
  it('restores the session the last passed step left, from the file its journal names', async () => {
    ws.write('rb.md', runbook('Resume', [
      ['Set up', '- **Command:** `export BACKUP_DIR=backups-42; mkdir -p "$BACKUP_DIR"; cd "$BACKUP_DIR"; greet() { echo "hello $1"; }`'],
      ['Check', '- **Command:** `test -f ../ok.txt`'],
      ['Use', '- **Command:** `greet "$BACKUP_DIR from $(basename "$PWD")"`'],
    ]));
    expect((await ws.exec('rb.md', { record: false })).code).toBe(1);
    const runId = ws.onlyRunId();
    expect(sessionEvents(ws.journal(runId)).map((e) => [e.stepId, e.file])).toEqual([['1', 'session/1.json']]);

    ws.write('ok.txt', '');
    const resumed = await ws.resume(runId, { record: false });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('[3] │ hello backups-42 from backups-42');
  });

  it('warns that what held a secret was not kept, and stops when the session file is gone', async () => {
    ws.write('rb.md', runbook('Resume secret', [
      ['Log in', '- **Command:** `export API_TOKEN_COPY=<token>`'],
      ['Check', '- **Command:** `test -f ok.txt`'],
      ['Use', '- **Command:** `echo "copy=${API_TOKEN_COPY-gone}"`'],
    ], 'params:\n  token:\n    secret: true'));
    expect((await ws.exec('rb.md', { record: false, set: ['token=s3cret-token-value'] })).code).toBe(1);
    const runId = ws.onlyRunId();
    ws.write('ok.txt', '');
    const resumed = await ws.resume(runId, { record: false, set: ['token=s3cret-token-value'] });
    expect(resumed.stderr).toContain('runbook: warning: API_TOKEN_COPY held a secret and was carried in memory only: the resumed steps start without it\n');
    expect(resumed.stdout).toContain('[3] │ copy=gone');

    ws.write('rb2.md', runbook('Resume gone', [['Set', '- **Command:** `export X=1`'], ['Check', '- **Command:** `test -f never.txt`']]));
    expect((await ws.exec('rb2.md', { record: false })).code).toBe(1);
    const second = ws.runIds().find((id) => id !== runId) as string;
    rmSync(join(ws.dir, '.runbook', 'runs', second, 'session', '1.json'));
    const refused = await ws.resume(second, { record: false });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`runbook: the session step 1 left cannot be restored: session/1.json cannot be read (ENOENT) in .runbook/runs/${second}; start a new run\n`);
  });
});

describe('steps that run at once', () => {
  it('each starts from the session as it was when it became ready; their changes merge in the order they end, the last writer winning', async () => {
    // B ends only after A has ended (it waits for A's step-end in the journal), so the order is known.
    const afterA = 'until grep -q \'"stepId":"2","status"\' .runbook/runs/*/journal.jsonl 2>/dev/null; do sleep 0.05; done';
    ws.write('c.md', [
      '# Concurrent', '',
      '## 1. Base', '', '- **Command:** `export SHARED=base BASE=1`', '',
      '## 2. A', '', '- **Depends on:** 1', '- **Command:** `echo "a sees $SHARED"; export SHARED=from-a ONLY_A=a`', '',
      '## 3. B', '', '- **Depends on:** 1', `- **Command:** \`${afterA}; echo "b sees $SHARED \${ONLY_A-none}"; export SHARED=from-b ONLY_B=b\``, '',
      '## 4. After', '', '- **Depends on:** 2, 3', '- **Command:** `echo "after: $SHARED $BASE $ONLY_A $ONLY_B"`', '',
    ].join('\n'));
    const result = await ws.exec('c.md', { record: false, concurrency: '2' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[2] │ a sees base');
    expect(result.stdout).toContain('[3] │ b sees base none');
    expect(result.stdout).toContain('[4] │ after: from-b 1 a b');
  });
});
