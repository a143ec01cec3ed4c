// One session across commands, with real bash: what a command leaves (variables, exports,
// functions, aliases, the directory) reaches the next through the prelude's report and the
// restore script, whatever way the command ended; and the pure merge of concurrent steps.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSessionPrelude } from '../../src/run/session-prelude.js';
import { applyChanges, emptySession, readSessionReport, restoreScript, sessionChanges, withholdSecrets, type ShellSession } from '../../src/run/shell-session.js';
import { spawnShell } from '../../src/run/spawn-shell.js';
import { createMask } from '../../src/run/mask-secrets.js';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'runbook-session-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const prelude = writeSessionPrelude(dir) as string;
const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, GIVEN: 'from-the-engine' };

interface Ran {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  session: ShellSession | undefined;
}

/** Runs `command` in `session` as the executor does, and reads back the session it leaves. */
async function run(command: string, session: ShellSession = emptySession(dir), env: Record<string, string> = baseEnv): Promise<Ran> {
  const given = { ...env, PWD: session.cwd, ...(session.oldpwd !== undefined && { OLDPWD: session.oldpwd }) };
  const result = await spawnShell({ command, shell: 'bash', cwd: session.cwd, env: given, matchers: [], mask: (t) => t, session: { prelude, restore: restoreScript(session) } });
  const report = result.sessionReport === undefined ? undefined : readSessionReport(result.sessionReport, given);
  return { exitCode: result.exitCode, stdout: result.stdout.text(), stderr: result.stderr.text(), session: report?.session };
}

/** Runs commands one after the other, each in the session the one before left. */
async function runAll(...commands: string[]): Promise<Ran[]> {
  const results: Ran[] = [];
  let session = emptySession(dir);
  for (const command of commands) {
    const ran = await run(command, session);
    results.push(ran);
    session = ran.session ?? session;
  }
  return results;
}

describe('one session across commands', () => {
  it('carries variables assigned and exported, functions, aliases and the directory', async () => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    const [, second] = await runAll(
      'plain=1; export BACKUP_FILE=db-2026.sql; greet() { echo "hi $1"; }; alias ll="echo listed"; cd sub',
      'echo "$plain /tmp/${BACKUP_FILE}"; printenv BACKUP_FILE; greet you; ll; pwd',
    );
    expect(second?.stdout).toBe(`1 /tmp/db-2026.sql\ndb-2026.sql\nhi you\nlisted\n${join(dir, 'sub')}\n`);
    expect(second?.exitCode).toBe(0);
  });

  it('keeps `cd -` working: OLDPWD is carried with the directory', async () => {
    mkdirSync(join(dir, 'there'), { recursive: true });
    const [, second] = await runAll('cd there', 'cd - >/dev/null; pwd');
    expect(second?.stdout).toBe(`${dir}\n`);
  });

  it('carries arrays, associative arrays, integers, readonly values and values with quotes and newlines', async () => {
    const [first, second] = await runAll(
      "list=(a 'b c'); declare -A map=([k]=v); declare -i n=4; readonly FIXED=yes; odd=$'it\\'s \"q\"\\n$HOME `x`'",
      'n+=1; echo "${list[1]} ${map[k]} $n $FIXED"; printf %s "$odd"; [[ ${FIXED@a} == r ]] && echo still-readonly',
    );
    expect(first?.exitCode).toBe(0);
    expect(second?.stdout).toBe("b c v 5 yes\nit's \"q\"\n$HOME `x`still-readonly\n");
  });

  it('carries an unset: a variable the engine gave and a command removed stays removed', async () => {
    const [, second] = await runAll('unset GIVEN', 'echo "[${GIVEN-unset}]"');
    expect(second?.stdout).toBe('[unset]\n');
  });

  it('a variable that still holds what the engine gave is not written into the session', async () => {
    const [first] = await runAll('export GIVEN; true');
    expect(Object.keys(first?.session?.entries ?? {})).toEqual([]);
  });

  it('leaves out what belongs to one shell: BASHPID, LINENO, SHLVL, RANDOM, PPID, PIPESTATUS and the like', async () => {
    const [first] = await runAll('x=1');
    expect(Object.keys(first?.session?.entries ?? {})).toEqual(['var:x']);
  });

  it('reports the session of a command that calls exit, and keeps its exit code', async () => {
    const [first, second] = await runAll('export STATE=before-exit; exit 3', 'echo "$STATE"');
    expect(first?.exitCode).toBe(3);
    expect(second?.stdout).toBe('before-exit\n');
  });

  it('a failing multi-line block (errexit) carries the session up to the failure', async () => {
    const [first, second] = await runAll('export DONE=one\nfalse\nexport DONE=two', 'echo "$DONE"');
    expect(first?.exitCode).toBe(1);
    expect(second?.stdout).toBe('one\n');
  });

  it('is not disturbed by set -u, set -x or set -e the command left on, and prints nothing of its own', async () => {
    const [first, second] = await runAll('set -eux; y=2', 'echo "$y ${unset_here-none}"; echo "$-" | grep -c u || true');
    expect(first?.stderr).toBe('+ y=2\n');
    // Shell options are the shell's, not the session's: the next command starts without them.
    expect(second?.stdout).toBe('2 none\n0\n');
  });

  it('leaves the command as written: line numbers and $0 as bash gives them', async () => {
    const ran = await run('true\nnosuchcommand-here || echo "$0 $LINENO"');
    expect(ran.stderr).toBe('bash: line 2: nosuchcommand-here: command not found\n');
    expect(ran.stdout).toBe('bash 2\n');
  });

  it("still sources the operator's own BASH_ENV, before the session is restored", async () => {
    writeFileSync(join(dir, 'own-env.bash'), 'FROM_OWN=own; SHADOWED=own\n');
    const env = { ...baseEnv, BASH_ENV: join(dir, 'own-env.bash') };
    const first = await run('SHADOWED=session', emptySession(dir), env);
    const second = await run('echo "$FROM_OWN $SHADOWED"; bash -c \'echo "child: ${FROM_OWN-none}"\'', first.session, env);
    expect(second.stdout).toBe('own session\nchild: own\n');
  });

  it("a command that replaces the EXIT trap reports nothing: the session stays as it was", async () => {
    const ran = await run("trap 'echo bye' EXIT; export LOST=1");
    expect(ran.stdout).toBe('bye\n');
    expect(ran.session).toBeUndefined();
  });
});

describe('merging the changes of steps that ran at once', () => {
  const start: ShellSession = { cwd: '/a', entries: { 'var:KEEP': 'k', 'var:BOTH': 'old', 'var:GONE': 'g' } };

  it('applies each step\'s changes in the order the steps end; the last to change a variable wins', () => {
    const first = { cwd: '/first', entries: { ...start.entries, 'var:BOTH': 'first', 'var:ONE': '1' } };
    const { 'var:GONE': _gone, ...withoutGone } = start.entries;
    const second = { cwd: '/a', entries: { ...withoutGone, 'var:BOTH': 'second', 'var:TWO': '2' } };
    let session = applyChanges(start, sessionChanges(start, first));
    session = applyChanges(session, sessionChanges(start, second));
    expect(session).toEqual({ cwd: '/first', entries: { 'var:KEEP': 'k', 'var:BOTH': 'second', 'var:ONE': '1', 'var:TWO': '2' } });
  });

  it('a step that changed nothing changes nothing, whenever it ends', () => {
    const changed = applyChanges(start, sessionChanges(start, { ...start, entries: { ...start.entries, 'var:BOTH': 'new' } }));
    expect(applyChanges(changed, sessionChanges(start, start))).toEqual(changed);
  });
});

describe('secrets in the session', () => {
  it('entries holding a secret are withheld from what is written, by key', () => {
    const mask = createMask(['s3cret-value']);
    const session: ShellSession = { cwd: '/a', entries: { 'var:TOKEN_COPY': "builtin declare -g -x -- 'TOKEN_COPY=s3cret-value'", 'var:x': 'builtin declare -g -- x=1' } };
    expect(withholdSecrets(session, mask)).toEqual({ kept: { cwd: '/a', entries: { 'var:x': 'builtin declare -g -- x=1' } }, withheld: ['var:TOKEN_COPY'] });
  });
});
