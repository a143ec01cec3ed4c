// Runs in-process over real shells: what is not a command for this machine is never run (fake
// `ssh`, `mysql`, `sftp` and `kubectl` on PATH would leave a mark), the operator is asked for it
// as a manual step with its session, and a command that needs a terminal is refused before
// anything runs when there is none. Runme cells: `--only NAME`, `cwd`, `ignore`.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/model/events.js';
import { useSessions } from './session-harness.js';

const workspace = useSessions();

/** A fake tool that leaves `<name>.ran` behind when it is run. */
const fake = (name: string): string => `#!/bin/sh\necho "$@" > "${name}.ran"\n`;
const attestations = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'attestation' ? [{ label: e.label, text: e.text, answer: e.answer }] : []));

describe('manual steps are never run', () => {
  it('client input, a session\'s lines, a message and comments: nothing of them runs; the commands around them do', async () => {
    const ws = workspace();
    for (const tool of ['ssh', 'mysql', 'sftp']) ws.write(`bin/${tool}`, fake(tool), { executable: true });
    ws.write('manual.md', [
      '# Manual', '',
      '## 1. Tell', '', '```bash', '"Deploy is frozen, please hold"', '```', '',
      '## 2. Replica', '', '```bash', 'echo before > before.txt', 'ssh db02', 'touch remote-marker', 'exit', 'echo after > after.txt', '```', '',
      '## 3. Users', '', '```bash', 'mysql -u root -p', 'DROP TABLE users;', '```', '',
      '## 4. Dump', '', '```bash', 'sftp deploy@files', 'sftp> reget dump.sql', 'sftp> bye', '```', '',
      '## 5. Comments', '', '```bash', '# restart the workers by hand', '```', '',
    ].join('\n'));
    const outcome = await ws.exec('manual.md', {}, { path: ['bin'] });
    expect(outcome.stderr).toBe('');
    // Incomplete: nothing failed, but nobody confirmed what a person had to do.
    expect(outcome.code).toBe(3);
    // The drill record lists each manual step with the session it belongs to.
    const record = ws.records().map((file) => ws.read(join('docs', 'releases', 'rollback-drills', file))).join('\n');
    expect(record).toContain('Manual step, on db02 (ssh)');
    expect(record).toContain('Manual step, in the mysql session opened by `mysql -u root -p`');
    for (const mark of ['ssh.ran', 'mysql.ran', 'sftp.ran', 'remote-marker', 'reget', 'DROP']) expect(ws.exists(mark), mark).toBe(false);
    expect(ws.read('before.txt')).toBe('before\n');
    expect(ws.read('after.txt')).toBe('after\n');
    expect(attestations(ws.journal())).toEqual([
      { label: 'Manual step, a message', text: '"Deploy is frozen, please hold"', answer: 'unconfirmed' },
      { label: 'Manual step, on db02 (ssh)', text: 'ssh db02\ntouch remote-marker\nexit', answer: 'unconfirmed' },
      { label: 'Manual step, in the mysql session opened by `mysql -u root -p`', text: 'mysql -u root -p\nDROP TABLE users;', answer: 'unconfirmed' },
      { label: 'Manual step, in the sftp session opened by `sftp deploy@files`', text: 'sftp deploy@files\nsftp> reget dump.sql\nsftp> bye', answer: 'unconfirmed' },
      { label: 'Manual step', text: '# restart the workers by hand', answer: 'unconfirmed' },
    ]);
  });
});

describe('commands that need a terminal', () => {
  it('without a terminal, exec refuses them before anything runs, naming the command, its line and the fix', async () => {
    const ws = workspace();
    ws.write('bin/kubectl', fake('kubectl'), { executable: true });
    ws.write('edit.md', '# Edit\n\n## 1. First\n\n```sh\ntouch first.txt\n```\n\n## 2. Edit\n\n```sh\necho editing\nkubectl edit configmap/app\n```\n');
    const outcome = await ws.exec('edit.md', { record: false }, { path: ['bin'] });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('edit.md:13:1: 2 runs `kubectl edit`, it opens an editor: it needs a terminal and this run has none; change the object with `kubectl patch`');
    expect(ws.exists('first.txt')).toBe(false);
    expect(ws.exists('kubectl.ran')).toBe(false);
  });

  it('Runme\'s interactive=false says the command runs without one', async () => {
    const ws = workspace();
    ws.write('bin/kubectl', fake('kubectl'), { executable: true });
    ws.write('edit.md', '# Edit\n\n## 1. Edit\n\n```sh {interactive=false}\nEDITOR=true kubectl edit configmap/app\n```\n');
    // `kubectl edit` changes the cluster: it is gated as well.
    const outcome = await ws.exec('edit.md', { record: false, yes: true }, { path: ['bin'] });
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(ws.read('kubectl.ran')).toBe('edit configmap/app\n');
  });
});

describe('Runme cells', () => {
  const cells = [
    '# Cells', '',
    '## Build', '',
    '```sh {name=first}', 'touch first.txt', '```', '',
    '```sh {name=second}', 'touch second.txt', '```', '',
    '```sh {name=cleanup excludeFromRunAll=True}', 'touch cleanup.txt', '```', '',
    '```sh {ignore=true}', 'touch ignored.txt', '```', '',
    '```sh {name=in-sub cwd=sub}', 'pwd > here.txt', '```', '',
  ].join('\n');

  it('a full run leaves out excludeFromRunAll and ignore; cwd is where the cell runs', async () => {
    const ws = workspace();
    ws.write('cells.md', cells);
    ws.write('sub/.keep', '');
    const outcome = await ws.exec('cells.md', { record: false });
    expect(outcome.code).toBe(0);
    expect(['first.txt', 'second.txt', 'cleanup.txt', 'ignored.txt'].map((file) => ws.exists(file))).toEqual([true, true, false, false]);
    expect(ws.read('sub/here.txt').trim()).toMatch(/\/sub$/);
  });

  it('--only NAME runs that cell and nothing beside it, also one left out of a full run', async () => {
    const ws = workspace();
    ws.write('cells.md', cells);
    ws.write('sub/.keep', '');
    expect((await ws.exec('cells.md', { record: false, only: ['second'] })).code).toBe(0);
    expect(['first.txt', 'second.txt', 'cleanup.txt'].map((file) => ws.exists(file))).toEqual([false, true, false]);
    expect((await ws.exec('cells.md', { record: false, only: ['cleanup'] })).code).toBe(0);
    expect(ws.exists('cleanup.txt')).toBe(true);
    expect(ws.exists('first.txt')).toBe(false);
  });

  it('a cell name nobody wrote is an unknown step', async () => {
    const ws = workspace();
    ws.write('cells.md', cells);
    const outcome = await ws.exec('cells.md', { record: false, only: ['thrid'] });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('unknown step id `thrid`');
    expect(ws.exists('first.txt')).toBe(false);
  });
});
