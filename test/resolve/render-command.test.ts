import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { Param } from '../../src/model/runbook.js';
import { renderCommand } from '../../src/resolve/render-command.js';
import { makeCommand, makeParam } from '../graph/make-runbook.js';
import { hostileString, shellString, shellTemplate } from './arbitraries.js';
import { runBash, runBashBatch, type ScriptWithEnv } from './run-bash.js';

const render = (text: string, values: Record<string, string>, params: Param[] = []) => renderCommand(makeCommand(text), values, params);
const runnable = (rendered: ReturnType<typeof render>): ScriptWithEnv => ({ text: rendered.text, env: rendered.env });

/** Command templates and what each prints for a value: every quoting context a runbook may use. */
const stripTrailingNewlines = (v: string): string => v.replace(/\n+$/, '');
const templates: [string, (v: string) => string][] = [
  ['printf %s <x>', (v) => v],
  ['printf %s "<x>"', (v) => v],
  ["printf %s '<x>'", (v) => v],
  ["printf %s 'a<x>b'", (v) => `a${v}b`],
  ['printf %s "a <x> b"', (v) => `a ${v} b`],
  ["printf %s $'a\\t<x>'", (v) => `a\t${v}`],
  ['printf %s "$(printf %s <x>)"', stripTrailingNewlines],
  ['printf %s "$(printf %s "<x>")"', stripTrailingNewlines],
  ['printf %s "`printf %s <x>`"', stripTrailingNewlines],
  ['printf %s "$(printf %s "$(printf %s \'<x>\')")"', stripTrailingNewlines],
  ['cat <(printf %s <x>)', (v) => v],
  ['cat <<EOF\n<x>\nEOF', (v) => `${v}\n`],
  ['cat <<"EOF"\n<x>\nEOF', (v) => `${v}\n`],
  ['printf %s "`printf %s "<x>"`"', stripTrailingNewlines],
  // Refused now (code after `<<EOF;`, a backslash before a value, a value inside ${…}, tabs that
  // <<- would strip, a body line starting with `\`): kept, so each must be refused or print right.
  ['cat <<EOF; printf %s <x>\n[$(printf %s "<x>")]\nEOF', (v) => `[${stripTrailingNewlines(v)}]\n${v}`],
  ['printf %s "\\<x>"', (v) => `\\${v}`],
  ['printf %s \\<x>', (v) => v],
  ['printf %s ${unset_var:-<x>}', (v) => v],
  ['printf %s "${unset_var:-<x>}"', (v) => v],
  // <<- strips the tabs written in the body, never those of a value bash expands there.
  ['cat <<-EOF\n\t<x>\n\tEOF', (v) => `${v}\n`],
  ['cat <<EOF\n\\$<x>\nEOF', (v) => `$${v}\n`],
  ['y=`cat <<EOF\nfoo\nEOF`; printf %s "<x>"', (v) => v],
  ['printf %s ok # <x>', () => 'ok'],
  ['printf %s <x><x>', (v) => v + v],
  ["printf %s '$<x>' \"\\$<x>\"", (v) => `$${v}$${v}`],
  ["printf %s '$<x>' \\$<x> \"\\$<x>\"", (v) => `$${v}$${v}$${v}`],
  ['printf %s "$(cat <<EOF\n<x>\nEOF\n)"', stripTrailingNewlines],
  ['x=<x>; printf %s "$x"', (v) => v],
  ['[[ <x> == <x> ]] && printf ok', () => 'ok'],
  // bash ends a heredoc in $(…) at a line that starts with the delimiter.
  ['y=$(cat <<EOF\nfoo\nEOF)\nprintf %s <x>', (v) => v],
];

/** Every template rendered with each value, and what each must print: one bash checks them all. */
function runAll(values: readonly string[], cwd?: string): { outputs: string[]; expected: string[] } {
  const scripts: ScriptWithEnv[] = [];
  const expected: string[] = [];
  for (const value of values) {
    for (const [template, print] of templates) {
      const rendered = render(template, { x: value });
      if (!rendered.ok) {
        // Refused: must say why, naming the placeholder (or the syntax bash would misread).
        expect(rendered.unsafe.some((u) => u.name === 'x' || u.kind === 'syntax')).toBe(true);
        scripts.push({ text: 'true', env: {} });
        expected.push('');
        continue;
      }
      scripts.push(runnable(rendered));
      expected.push(print(value));
    }
  }
  return { outputs: runBashBatch(scripts, { cwd }), expected };
}

/** Values in batches, one bash a batch; a failing batch shrinks to the value that fails. */
const batchOf = <T>(values: fc.Arbitrary<T>): fc.Arbitrary<T[]> => fc.array(values, { minLength: 1, maxLength: 30, size: 'medium' });

// Runs are counted and each bash-backed test has its own limit, far above what it takes on a
// busy 2-core machine (a few seconds), so load can slow these tests but not fail them.
const BASH_TIMEOUT = propertyRuns(300_000);

describe('renderCommand', () => {
  it('puts a reference to a variable where each value goes, and shows the values for people', () => {
    const rendered = render('helm rollback <release-name> <revision> && echo <release-name>', { 'release-name': 'web app', revision: '42' });
    expect(rendered.text).toBe('helm rollback "$RUNBOOK_VALUE_1" "$RUNBOOK_VALUE_2" && echo "$RUNBOOK_VALUE_1"');
    expect(rendered.env).toEqual({ RUNBOOK_VALUE_1: 'web app', RUNBOOK_VALUE_2: '42' });
    expect(rendered.display).toBe("helm rollback 'web app' 42 && echo 'web app'");
    expect(rendered).toMatchObject({ ok: true, missing: [], unsafe: [] });
  });

  it.each([
    ["echo '<x>'", "it's", "it's\n"],
    ["echo 'a <x> b'", 'v', 'a v b\n'],
    ['echo "<x>"', 'a"$b`c\\', 'a"$b`c\\\n'],
    ["echo $'<x>'", 'a b', 'a b\n'],
    ['echo $((<x> + 1))', '41', '42\n'],
    ['cat <<EOF\na \\$<x>\nEOF', '$HOME', 'a $$HOME\n'],
    ["cat <<'EOF'\n<x>\nEOF", '$HOME', '$HOME\n'],
    ['echo `echo <x>`', 'v1.2', 'v1.2\n'],
    ['echo "`echo <x>`"', 'a  b', 'a  b\n'],
  ])('gives bash the value as it is in %j', (text, value, printed) => {
    const rendered = render(text, { x: value });
    expect(runBash(rendered.text, undefined, rendered.env)).toBe(printed);
  });

  it.each(['-N', '-a', '-z', '-n', '-v', '-o', '-eq'])('keeps %s a word inside [[ ]], where bash reads a bare one as an operator', (value) => {
    const rendered = render('[[ <x> == <x> ]] && printf ok', { x: value });
    expect(runBash(rendered.text, undefined, rendered.env)).toBe('ok');
  });

  it('masks secrets in display only, and keeps them out of the command text', () => {
    const rendered = render('curl -H "Authorization: Bearer <token>" <url>', { token: 's3cr3t', url: 'https://x' }, [makeParam('token', { secret: true })]);
    expect(rendered.text).toBe('curl -H "Authorization: Bearer ${RUNBOOK_VALUE_1}" "$RUNBOOK_VALUE_2"');
    expect(rendered.text).not.toContain('s3cr3t');
    expect(rendered.display).toBe('curl -H "Authorization: Bearer ***" https://x');
  });

  it('never gives a runnable text when a value is missing', () => {
    const missing = render('kubectl describe deployment <deployment-name> -n <ns>', { ns: 'prod' });
    expect(missing).toEqual({ ok: false, text: '', env: {}, display: 'kubectl describe deployment <deployment-name> -n prod', missing: ['deployment-name'], unsafe: [] });
  });

  it('refuses a placeholder where bash reads syntax, not a value', () => {
    // A function's name, a heredoc's delimiter: no value can go there.
    expect(render('<x>() { :; }', { x: 'v' }).unsafe).toEqual([expect.objectContaining({ name: 'x', kind: 'unsafe' })]);
    expect(render('cat <<< <x>', { x: 'v' }).ok).toBe(true);
  });

  it('refuses values that would end a quoted heredoc, even when split over two placeholders; an expanded one takes any', () => {
    expect(render("cat <<'EOF'\n<x>\nEOF", { x: 'EOF' }).unsafe.map((u) => u.name)).toEqual(['x']);
    expect(render("cat <<-'END'\n\t<x>\nEND", { x: 'a\n\tEND\nrm -rf /' }).text).toBe('');
    const split = render("cat <<'EOF'\n<a><b>\nEOF", { a: 'E', b: 'OF' });
    expect(split.text).toBe('');
    expect(split.unsafe.length).toBeGreaterThan(0);
    expect(render("cat <<'EOF'\nBACK<x>\nEOF", { x: 'EOF' }).text).toBe("cat <<'EOF'\nBACKEOF\nEOF");
    const expanded = render('cat <<EOF\n<x>\nEOF', { x: 'EOF\ntouch PWNED' });
    expect(runBash(expanded.text, undefined, expanded.env)).toBe('EOF\ntouch PWNED\n');
  });

  it.each(['echo $<x>', 'echo "$<x>"', 'cat <<EOF\n$<x>\nEOF', 'echo $((1 + $<x>))'])('refuses a value right after an expanding $: %j', (text) => {
    expect(render(text, { x: '(touch PWNED)' }).unsafe.map((u) => u.name)).toEqual(['x']);
    expect(render(text, { x: 'HOME' }).text).toBe('');
  });

  it.each([["printf %s '$<x>'", '$(a)'], ['printf %s "\\$<x>"', '$(a)'], ['printf %s ok # $<x>', 'ok']])('puts a value after a literal $: %j', (text, printed) => {
    const rendered = render(text, { x: '(a)' });
    expect(runBash(rendered.text, undefined, rendered.env)).toBe(printed);
  });

  it('refuses anything but an integer inside arithmetic', () => {
    expect(render('echo $(( <n> + 1 ))', { n: 'a[$(touch PWNED)]' }).unsafe.map((u) => u.name)).toEqual(['n']);
    const hex = render('echo $(( <n> + 1 ))', { n: '-0x1F' });
    expect(runBash(hex.text, undefined, hex.env)).toBe('-30\n');
  });

  it('takes a value the author vouches for with a pattern where text is run again, and nothing else', () => {
    const params = [makeParam('cmd', { pattern: '[a-z ]+' })];
    expect(render("bash -c 'echo <cmd>'", { cmd: 'a b' }).ok).toBe(false);
    const vouched = render("bash -c 'echo <cmd>'", { cmd: 'a b' }, params);
    expect(runBash(vouched.text, undefined, vouched.env)).toBe('a b\n');
    expect(render("bash -c 'echo <cmd>'", { cmd: 'a;b' }, params).ok).toBe(false);
  });

  it('gives a shell variable nothing sets its value under its own name, never a protected one', () => {
    const command = { ...makeCommand('cp "${BACKUP_FILE}" /restore'), placeholders: [{ name: 'BACKUP_FILE', raw: '${BACKUP_FILE}', position: { line: 1, column: 5 }, form: 'variable' as const, offset: 4 }] };
    expect(renderCommand(command, {})).toMatchObject({ ok: false, missing: ['BACKUP_FILE'] });
    expect(renderCommand(command, { BACKUP_FILE: '/b/x.sql' })).toMatchObject({ ok: true, text: 'cp "${BACKUP_FILE}" /restore', env: { BACKUP_FILE: '/b/x.sql' } });
    const path = { ...command, placeholders: [{ ...command.placeholders[0]!, name: 'PATH' }] };
    expect(renderCommand(path, { PATH: '/evil' }).env).toEqual({});
  });

  it('prints any value literally through bash, in every quoting context', () => {
    fc.assert(
      fc.property(batchOf(shellString), (values) => {
        const { outputs, expected } = runAll(values);
        expect(outputs).toEqual(expected);
      }),
      { numRuns: propertyRuns(8) },
    );
  }, BASH_TIMEOUT);

  it('prints the value with echo unquoted, in double and in single quotes', () => {
    const notAnOption = shellString.filter((v) => !/^-[neE]+$/.test(v));
    const echoes = ['echo <x>', 'echo "<x>"', "echo '<x>'"];
    // Values starting with `-` are refused where echo reads options, unless the param allows them.
    const params = [makeParam('x', { allowDash: true })];
    fc.assert(
      fc.property(batchOf(notAnOption), (values) => {
        const scripts = values.flatMap((value) => echoes.map((template) => runnable(render(template, { x: value }, params))));
        expect(runBashBatch(scripts)).toEqual(values.flatMap((value) => echoes.map(() => `${value}\n`)));
      }),
      { numRuns: propertyRuns(8) },
    );
  }, BASH_TIMEOUT);

  it('never throws on any command text', () => {
    const piece = fc.constantFrom('<x>', '<y>', "'", '"', '$(', '${', '$((', ')', '}', '`', '<<EOF', "<<'E'", '\n', 'EOF', '#', ' ', '\\', '$\'', 'a');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), shellString, (parts, value) => {
        const rendered = render(parts.join(''), { x: value });
        expect(typeof rendered.text).toBe('string');
        if (rendered.ok) expect(rendered.missing.concat(rendered.unsafe.map((u) => u.name))).not.toContain('x');
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  describe('injection', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-render-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('never lets a value run a command', () => {
      fc.assert(
        fc.property(batchOf(hostileString), (values) => {
          const { outputs, expected } = runAll(values, dir);
          expect(existsSync(join(dir, 'PWNED'))).toBe(false);
          expect(outputs).toEqual(expected);
        }),
        { numRuns: propertyRuns(8) },
      );
    }, BASH_TIMEOUT);

    it('never lets a value run a command, whatever the command around it', () => {
      fc.assert(
        fc.property(batchOf(fc.tuple(shellTemplate, hostileString)), (cases) => {
          // Malformed commands are expected here: each runs alone, and only its side effects count.
          const scripts = cases.map(([template, value]) => render(template, { x: value })).filter((r) => r.ok).map(runnable);
          runBashBatch(scripts, { cwd: dir, isolate: true });
          expect(existsSync(join(dir, 'PWNED'))).toBe(false);
        }),
        { numRuns: propertyRuns(30) },
      );
    }, BASH_TIMEOUT);

    it('keeps x; touch PWNED a value', () => {
      for (const template of ['echo <x>', 'echo "<x>"', "echo '<x>'"]) {
        const rendered = render(template, { x: 'x; touch PWNED' });
        expect(runBash(rendered.text, dir, rendered.env)).toBe('x; touch PWNED\n');
      }
      expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    });
  });
});
