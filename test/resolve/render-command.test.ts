import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCommand } from '../../src/resolve/render-command.js';
import { makeCommand } from '../graph/make-runbook.js';
import { hostileString, shellString, shellTemplate } from './arbitraries.js';
import { runBash, runBashBatch } from './run-bash.js';

const render = (text: string, values: Record<string, string>, opts = {}) => renderCommand(makeCommand(text), values, opts);

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
  ['printf %s "`printf %s "<x>"`"', stripTrailingNewlines],
  ['printf %s "$(printf %s "$(printf %s \'<x>\')")"', stripTrailingNewlines],
  ['cat <(printf %s <x>)', (v) => v],
  ['cat <<EOF\n<x>\nEOF', (v) => `${v}\n`],
  ['cat <<"EOF"\n<x>\nEOF', (v) => `${v}\n`],
  ['cat <<EOF; printf %s <x>\n[$(printf %s "<x>")]\nEOF', (v) => `[${stripTrailingNewlines(v)}]\n${v}`],
  ['printf %s "\\<x>"', (v) => `\\${v}`],
  ['printf %s \\<x>', (v) => v],
  ['printf %s ok # <x>', () => 'ok'],
  ['printf %s <x><x>', (v) => v + v],
  ["printf %s '$<x>' \\$<x> \"\\$<x>\"", (v) => `$${v}$${v}$${v}`],
  ['cat <<EOF\n\\$<x>\nEOF', (v) => `$${v}\n`],
  ['printf %s ${unset_var:-<x>}', (v) => v],
  ['printf %s "${unset_var:-<x>}"', (v) => v],
  ['printf %s "$(cat <<EOF\n<x>\nEOF\n)"', stripTrailingNewlines],
  ['cat <<-EOF\n\t<x>\n\tEOF', (v) => `${v.replace(/\n\t+/g, '\n').replace(/^\t+/, '')}\n`],
  ['x=<x>; printf %s "$x"', (v) => v],
  ['[[ <x> == <x> ]] && printf ok', () => 'ok'],
  // bash ends a heredoc in $(…) or backticks at a line that starts with the delimiter.
  ['y=$(cat <<EOF\nfoo\nEOF)\nprintf %s <x>', (v) => v],
  ['y=`cat <<EOF\nfoo\nEOF`; printf %s "<x>"', (v) => v],
];

/** Every template rendered with each value, and what each must print: one bash checks them all. */
function runAll(values: readonly string[], cwd?: string): { outputs: string[]; expected: string[] } {
  const scripts: string[] = [];
  const expected: string[] = [];
  for (const value of values) {
    for (const [template, print] of templates) {
      const rendered = render(template, { x: value });
      if (rendered.text === '') {
        // Refused: must say why, and the value must really be unplaceable there.
        expect(rendered.unsafe.map((u) => u.name)).toEqual(['x']);
        scripts.push('true');
        expected.push('');
        continue;
      }
      scripts.push(rendered.text);
      expected.push(print(value));
    }
  }
  return { outputs: runBashBatch(scripts, { cwd }), expected };
}

/** Values in batches, one bash a batch; a failing batch shrinks to the value that fails. */
const batchOf = <T>(values: fc.Arbitrary<T>): fc.Arbitrary<T[]> => fc.array(values, { minLength: 1, maxLength: 30, size: 'medium' });

// Runs are counted and each bash-backed test has its own limit, far above what it takes on a
// busy 2-core machine (a few seconds), so load can slow these tests but not fail them.
const BASH_TIMEOUT = 120_000;

describe('renderCommand', () => {
  it('replaces every occurrence with the shell-quoted value', () => {
    const rendered = render('helm rollback <release-name> <revision> && echo <release-name>', {
      'release-name': 'web app',
      revision: '42',
    });
    expect(rendered.text).toBe("helm rollback 'web app' 42 && echo 'web app'");
    expect(rendered.display).toBe(rendered.text);
    expect(rendered.missing).toEqual([]);
  });

  it.each([
    ["echo '<x>'", "it's", "echo '''it'\\''s'''"],
    ["echo 'a <x> b'", 'v', "echo 'a 'v' b'"],
    ['echo "<x>"', 'a"$b`c\\', 'echo "a\\"\\$b\\`c\\\\"'],
    ["echo $'<x>'", 'a b', "echo $'''a b'$''"],
    ['echo $((<x> + 1))', '41', 'echo $((41 + 1))'],
    ['# see <x>\necho', 'a\nb', '# see a b\necho'],
    ['cat <<EOF\n\\$<x>\nEOF', '$HOME', 'cat <<EOF\n\\$\\$HOME\nEOF'],
    ["cat <<'EOF'\n<x>\nEOF", '$HOME', "cat <<'EOF'\n$HOME\nEOF"],
    ['echo `echo <x>`', 'v1.2', 'echo `echo v1.2`'],
  ])('quotes for the context: %j', (text, value, expected) => {
    expect(render(text, { x: value }).text).toBe(expected);
  });

  it.each(['-N', '-a', '-z', '-n', '-v', '-o', '-eq'])('keeps %s a word inside [[ ]], where bash reads a bare one as an operator', (value) => {
    const rendered = render('[[ <x> == <x> ]] && printf ok', { x: value });
    expect(runBash(rendered.text)).toBe('ok');
  });

  it('masks secrets in display only', () => {
    const rendered = render('curl -H "Authorization: Bearer <token>" <url>', { token: 's3cr3t', url: 'https://x' }, { mask: new Set(['token']) });
    expect(rendered.text).toBe('curl -H "Authorization: Bearer s3cr3t" https://x');
    expect(rendered.display).toBe('curl -H "Authorization: Bearer ***" https://x');
  });

  it('never gives a runnable text when a value is missing, unless asked to keep it', () => {
    const missing = render('kubectl describe deployment <deployment-name> -n <ns>', { ns: 'prod' });
    expect(missing).toEqual({
      text: '',
      display: 'kubectl describe deployment <deployment-name> -n prod',
      missing: ['deployment-name'],
      unsafe: [],
    });
    expect(render('echo <a>', {}, { keepMissing: true }).text).toBe('echo <a>');
  });

  it('renders placeholders the parser listed but the text scan does not take', () => {
    const command = { ...makeCommand('echo <<x>'), placeholders: [{ name: 'x', raw: '<x>', position: { line: 1, column: 7 } }] };
    // `<x>` after `<<` is a heredoc delimiter: the value cannot be placed there safely.
    expect(renderCommand(command, { x: 'v' }).unsafe).toEqual([{ name: 'x', reason: expect.any(String) as string }]);
  });

  it('finds placeholders the model did not list', () => {
    const command = { ...makeCommand('echo <a> <b>'), placeholders: [] };
    expect(renderCommand(command, { a: '1' }).missing).toEqual(['b']);
  });

  it('refuses values that would end a heredoc, even when split over two placeholders', () => {
    expect(render('cat <<EOF\n<x>\nEOF', { x: 'EOF' }).unsafe.map((u) => u.name)).toEqual(['x']);
    expect(render('cat <<-END\n\t<x>\nEND', { x: 'a\n\tEND\nrm -rf /' }).text).toBe('');
    const split = render('cat <<EOF\n<a><b>\nEOF', { a: 'E', b: 'OF' });
    expect(split.text).toBe('');
    expect(split.unsafe.length).toBeGreaterThan(0);
    expect(render('cat <<EOF\nBACK<x>\nEOF', { x: 'EOF' }).text).toBe('cat <<EOF\nBACKEOF\nEOF');
    // In $(…) bash ends the body at `EOF)`, so a line that only starts with the delimiter is refused too.
    expect(render('echo "$(cat <<EOF\n<x>\nEOF\n)"', { x: 'EOF)"; touch PWNED; echo "(' }).text).toBe('');
  });

  it.each(['echo $<x>', 'echo "$<x>"', 'cat <<EOF\n$<x>\nEOF', 'echo $((1 + $<x>))'])('refuses a value right after an expanding $: %j', (text) => {
    expect(render(text, { x: '(touch PWNED)' }).unsafe.map((u) => u.name)).toEqual(['x']);
    expect(render(text, { x: 'HOME' }).text).toBe('');
  });

  it.each([["echo '$<x>'", "echo '$''(a)'''"], ['echo "\\$<x>"', 'echo "\\$(a)"'], ['# $<x>', '# $(a)']])('inserts after a literal $: %j', (text, expected) => {
    expect(render(text, { x: '(a)' }).text).toBe(expected);
  });

  it('refuses anything but a plain word inside backticks', () => {
    expect(render('echo "`echo <x>`"', { x: 'a b' }).unsafe.map((u) => u.name)).toEqual(['x']);
  });

  it('refuses anything but an integer inside arithmetic', () => {
    expect(render('echo $(( <n> + 1 ))', { n: 'a[$(touch PWNED)]' }).unsafe.map((u) => u.name)).toEqual(['n']);
    expect(render('echo $(( <n> + 1 ))', { n: '-0x1F' }).text).toBe('echo $(( -0x1F + 1 ))');
  });

  it('prints any value literally through bash, in every quoting context', () => {
    fc.assert(
      fc.property(batchOf(shellString), (values) => {
        const { outputs, expected } = runAll(values);
        expect(outputs).toEqual(expected);
      }),
      { numRuns: 8 },
    );
  }, BASH_TIMEOUT);

  it('prints the value with echo unquoted, in double and in single quotes', () => {
    const notAnOption = shellString.filter((v) => !/^-[neE]+$/.test(v));
    const echoes = ['echo <x>', 'echo "<x>"', "echo '<x>'"];
    fc.assert(
      fc.property(batchOf(notAnOption), (values) => {
        const scripts = values.flatMap((value) => echoes.map((template) => render(template, { x: value }).text));
        expect(runBashBatch(scripts)).toEqual(values.flatMap((value) => echoes.map(() => `${value}\n`)));
      }),
      { numRuns: 8 },
    );
  }, BASH_TIMEOUT);

  it('never throws on any command text', () => {
    const piece = fc.constantFrom('<x>', '<y>', "'", '"', '$(', '${', '$((', ')', '}', '`', '<<EOF', "<<'E'", '\n', 'EOF', '#', ' ', '\\', '$\'', 'a');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), shellString, (parts, value) => {
        const rendered = render(parts.join(''), { x: value });
        expect(typeof rendered.text).toBe('string');
        if (rendered.text !== '') expect(rendered.missing.concat(rendered.unsafe.map((u) => u.name))).not.toContain('x');
      }),
      { numRuns: 1000 },
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
        { numRuns: 8 },
      );
    }, BASH_TIMEOUT);

    it('never lets a value run a command, whatever the command around it', () => {
      fc.assert(
        fc.property(batchOf(fc.tuple(shellTemplate, hostileString)), (cases) => {
          // Malformed commands are expected here: each runs alone, and only its side effects count.
          const scripts = cases.map(([template, value]) => render(template, { x: value }).text).filter((text) => text !== '');
          runBashBatch(scripts, { cwd: dir, isolate: true });
          expect(existsSync(join(dir, 'PWNED'))).toBe(false);
        }),
        { numRuns: 30 },
      );
    }, BASH_TIMEOUT);

    it('keeps x; touch PWNED a value', () => {
      for (const template of ['echo <x>', 'echo "<x>"', "echo '<x>'"]) {
        expect(runBash(render(template, { x: 'x; touch PWNED' }).text, dir)).toBe('x; touch PWNED\n');
      }
      expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    });
  });
});
