// Values that can never become code (SPEC §2), through whole runs in-process with real bash:
// values reach bash as variables, params never replace the caller's environment, values where
// bash reads text again are refused before anything runs, and values are never empty or unknown.
import { describe, expect, it } from 'vitest';
import { runbook, useSessions } from './session-harness.js';

const workspace = useSessions();
const first: [string, string] = ['First', '- **Command:** `touch ran.txt`'];

describe('values reach bash as data', () => {
  it('runs a value as one word, in every quoting, and never as code', async () => {
    const ws = workspace();
    ws.write('quote.md', runbook('Quote', [['Prints', '```sh\nprintf "[%s]\\n" <x> "<x>" \'<x>\'\ncat <<EOF\n<x>\nEOF\n```']]));
    const value = "a b; touch PWNED $(touch PWNED) `touch PWNED` 'q' \"d\" {1,2} *";
    const result = await ws.exec('quote.md', { set: [`x=${value}`] });
    expect(result.code).toBe(0);
    expect(result.stdout.split(`[${value}]`)).toHaveLength(4);
    expect(result.stdout).toContain(`│ ${value}\n`);
    expect(ws.exists('PWNED')).toBe(false);
  });
});

describe('values in expected output', () => {
  it('fills a transcript line with the value, and a value ... is three dots, not the wildcard', async () => {
    const ws = workspace();
    ws.write('same.md', runbook('Same', [['Prints', '```console\n$ echo "x<v>"\nx<v>\n```']]));
    expect((await ws.exec('same.md', { set: ['v=...'] })).code).toBe(0);
    ws.write('other.md', runbook('Other', [['Prints', "```console\n$ echo \"x<v>\" | sed 's/[.][.][.]/ZZZ/'\nx<v>\n```"]]));
    const other = await ws.exec('other.md', { set: ['v=...'] });
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('xZZZ');
  });
});

describe('the environment stays the caller\'s', () => {
  it('exports params only under RUNBOOK_ names: a param called path or bash-env changes nothing', async () => {
    const ws = workspace();
    ws.write('evil.sh', 'touch PWNED\n');
    ws.write('env.md', runbook('Env', [['Reads', '- **Command:** `echo "$RUNBOOK_PATH|$RUNBOOK_BASH_ENV|<path>|$IFS_SEEN" && command -v ls >/dev/null && echo still-found`']], `
params:
  path: {}
  bash-env: {}
`));
    const result = await ws.exec('env.md', { set: ['path=/nowhere', `bash-env=${ws.dir}/evil.sh`] }, { env: { IFS_SEEN: 'kept' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`/nowhere|${ws.dir}/evil.sh|/nowhere|kept`);
    expect(result.stdout).toContain('still-found');
    expect(ws.exists('PWNED')).toBe(false);
  });
});

describe('text that bash reads again', () => {
  it.each([
    ["bash -c 'echo <x>'", 'a; touch PWNED', 'bash -c'],
    ['eval echo <x>', 'a; touch PWNED', 'eval'],
    ['echo $(( <x> + 1 ))', 'a[$(touch PWNED)]', 'arithmetic'],
    ['[[ <x> -eq 0 ]] && echo zero', 'a[$(touch PWNED)]', 'arithmetic'],
  ])('%s with %j: exit 2 before the first step, naming the value, its place and the fix', async (command, value, why) => {
    const ws = workspace();
    ws.write('again.md', runbook('Again', [first, ['Runs again', `- **Command:** \`${command}\``]]));
    const result = await ws.exec('again.md', { set: [`x=${value}`] });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the value of <x> cannot be used at again\.md:9:\d+/);
    expect(result.stderr).toContain(why);
    expect(result.stderr).toMatch(/integer|pattern/);
    expect(ws.exists('ran.txt')).toBe(false);
    expect(ws.exists('PWNED')).toBe(false);
  });

  it('takes a value there that holds only characters that cannot change a parse, or that meets a declared pattern', async () => {
    const ws = workspace();
    ws.write('safe.md', runbook('Safe', [['Runs again', "- **Command:** `bash -c 'echo <x> <msg>'`"]], `
params:
  msg:
    pattern: '^[a-z ]+$'
`));
    const result = await ws.exec('safe.md', { set: ['x=web-1.prod:8080', 'msg=two words'] });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('web-1.prod:8080 two words');
  });
});

describe('options', () => {
  it('refuses a value starting with - where the command reads options, unless allowDash or --', async () => {
    const ws = workspace();
    ws.write('dash.md', runbook('Dash', [first, ['Lists', '- **Command:** `ls <dir>`']]));
    const refused = await ws.exec('dash.md', { set: ['dir=-la'] });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/<dir> cannot be used at dash\.md:9:\d+: the value starts with `-`.*allowDash: true/);
    expect(ws.exists('ran.txt')).toBe(false);
    ws.write('ended.md', runbook('Ended', [['Lists', '- **Command:** `ls -- <dir> 2>&1; true`']]));
    const ended = await ws.exec('ended.md', { set: ['dir=-la'] });
    expect(ended.code).toBe(0);
    expect(ended.stdout).toContain('-la');
    ws.write('allowed.md', runbook('Allowed', [['Prints', '- **Command:** `echo <flags>`']], '\nparams:\n  flags:\n    allowDash: true\n'));
    expect((await ws.exec('allowed.md', { set: ['flags=-x'] })).code).toBe(0);
  });
});

describe('never empty, never unknown', () => {
  it('refuses an empty or blank value unless its param allows it', async () => {
    const ws = workspace();
    ws.write('empty.md', runbook('Empty', [first, ['Removes', '- **Command:** `echo rm -rf <dir>/old`']]));
    for (const value of ['', '   ']) {
      const result = await ws.exec('empty.md', { set: [`dir=${value}`] });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/<dir> is (empty|only whitespace); give a value, or set `allowEmpty: true` on dir/);
    }
    expect(ws.exists('ran.txt')).toBe(false);
    ws.write('allowed.md', runbook('Allowed', [['Prints', '- **Command:** `echo "[<note>]"`']], '\nparams:\n  note:\n    allowEmpty: true\n'));
    const allowed = await ws.exec('allowed.md', { set: ['note='] });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('[]');
  });

  it('fails the step whose capture comes out empty, before any command uses it', async () => {
    const ws = workspace();
    ws.write('capture.md', runbook('Capture', [['Finds', '- **Command:** `printf ""`', '- **Capture:** `tag`'], ['Uses', '- **Command:** `touch used-<tag>`']]));
    const result = await ws.exec('capture.md');
    expect(result.code).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain('<tag> came out empty');
    expect(ws.exists('used-')).toBe(false);
  });

  it('refuses --set for a name the runbook does not have, with the nearest name', async () => {
    const ws = workspace();
    ws.write('typo.md', runbook('Typo', [first, ['Rolls back', '- **Command:** `echo rollback <revision>`']], '\nparams:\n  revision:\n    default: "1"\n'));
    const result = await ws.exec('typo.md', { set: ['revison=41'] });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--set revison: the runbook has no value named "revison"; did you mean "revision"?');
    expect(ws.exists('ran.txt')).toBe(false);
  });

  it('refuses a NUL byte in a value', async () => {
    const ws = workspace();
    ws.write('vars.json', JSON.stringify({ x: 'a\u0000b' }));
    ws.write('nul.md', runbook('Nul', [first, ['Prints', '- **Command:** `echo <x>`']]));
    const result = await ws.exec('nul.md', { vars: 'vars.json' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('<x> holds a NUL byte');
    expect(ws.exists('ran.txt')).toBe(false);
  });
});

describe('gates see the command as it runs', () => {
  it('asks before rm <flags> when the value makes it rm -rf', async () => {
    const ws = workspace();
    ws.write('rm.md', runbook('Rm', [first, ['Cleans', '- **Command:** `rm <flags> old-dir`']], '\nparams:\n  flags:\n    allowDash: true\n'));
    const result = await ws.exec('rm.md', { set: ['flags=-rf'] });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/2 asks before it runs \(rm -r deletes/);
    expect(ws.exists('ran.txt')).toBe(false);
  });
});
