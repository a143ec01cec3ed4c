import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeShell } from '../../src/shell/analyze-shell.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';
import { type RenderPolicy, renderShellCommand } from '../../src/shell/render-shell-command.js';

beforeAll(() => loadShellParser());

const render = (text: string, values: Record<string, string>, policy?: RenderPolicy) => renderShellCommand(analyzeShell(text), values, policy);

function rendered(text: string, values: Record<string, string>, policy?: RenderPolicy) {
  const result = render(text, values, policy);
  if (!result.ok) throw new Error(result.problems.map((p) => p.reason).join('; '));
  return result;
}

const reasons = (text: string, values: Record<string, string>, policy?: RenderPolicy) => {
  const result = render(text, values, policy);
  return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column} ${p.name}: ${p.reason}`);
};

describe('renderShellCommand', () => {
  it('puts a quoted reference where each placeholder was, numbered by first use', () => {
    const result = rendered(`kubectl -n <ns> rollout undo deploy/<app> && echo "<app> in <ns>" '<ns>' $'<ns>\\n'`, { ns: 'prod', app: 'web' });
    expect(result.text).toBe(`kubectl -n "$RUNBOOK_VALUE_1" rollout undo deploy/"$RUNBOOK_VALUE_2" && echo "\${RUNBOOK_VALUE_2} in \${RUNBOOK_VALUE_1}" ''"$RUNBOOK_VALUE_1"'' $''"$RUNBOOK_VALUE_1"$'\\n'`);
    expect(result.env).toEqual({ RUNBOOK_VALUE_1: 'prod', RUNBOOK_VALUE_2: 'web' });
    expect(result.display).toBe(`kubectl -n prod rollout undo deploy/web && echo "web in prod" 'prod' $'prod\\n'`);
  });

  it('references values in an expanded heredoc body, and puts them as they are in a quoted one', () => {
    expect(rendered('cat <<EOF\nhost: <host>\nEOF', { host: 'db' }).text).toBe('cat <<EOF\nhost: ${RUNBOOK_VALUE_1}\nEOF');
    const quoted = rendered("kubectl apply -f - <<'YAML'\nimage: <image>\nYAML", { image: 'web:1.2' });
    expect(quoted.text).toBe("kubectl apply -f - <<'YAML'\nimage: web:1.2\nYAML");
    expect(quoted.env).toEqual({});
  });

  it('shows values quoted where a plain word would not read back, and secrets masked', () => {
    expect(rendered('echo <msg> "<msg>"', { msg: "it's down" }).display).toBe(`echo 'it'\\''s down' "it's down"`);
    const secret = rendered('psql "postgres://app:<password>@db/app"', { password: 's3cret' }, { secret: new Set(['password']) });
    expect(secret.display).toBe('psql "postgres://app:***@db/app"');
    expect(secret.text).not.toContain('s3cret');
    expect(secret.env).toEqual({ RUNBOOK_VALUE_1: 's3cret' });
  });

  it('looks values up as own properties only', () => {
    expect(reasons('echo <toString>', {})).toEqual(['1:6 toString: it has no value']);
  });

  it('refuses every value it cannot place, naming the place and the fix', () => {
    const result = render('echo ${v:-<a>} $x<b> \\<c>', { a: '1', b: '2', c: '3' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => [p.name, p.column, p.reason, p.fix])).toEqual([
        ['a', 11, 'it sits inside ${…}, where bash reads a value as part of the expansion', 'set a variable to the value first, then use that variable in ${…}'],
        ['b', 18, 'it sits where bash reads a variable name ($<x>, <x>=…)', 'write the value where a word goes, e.g. "${NAME}<x>" instead of $NAME<x>'],
        ['c', 23, 'a backslash right before it would apply to the value', 'remove the backslash, or quote the text around the placeholder'],
      ]);
      // People still see the command with what is known filled in.
      expect(result.display).toBe('echo ${v:-1} $x2 \\3');
    }
  });

  it('takes only integers where bash evaluates arithmetic, unless a pattern vouches for the value', () => {
    expect(rendered('let n=<n>+1; echo $(( <n> * 2 ))', { n: '21' }).text).toBe('let n="$RUNBOOK_VALUE_1"+1; echo $(( ${RUNBOOK_VALUE_1} * 2 ))');
    expect(reasons('[[ <n> -eq 0 ]]', { n: 'a[$(touch PWNED)]' })).toEqual(['1:4 n: bash evaluates it as arithmetic ([[ -eq ]]), where a value that is not an integer runs as code']);
    expect(reasons('arr[<i>]=1', { i: 'key' }, { matchedPattern: new Set(['i']) })).toEqual([]);
  });

  it('takes only parse-safe values in text run again, and none that would end an inner heredoc', () => {
    expect(rendered("bash -c 'systemctl restart <unit>'", { unit: 'web@1.service' }).text).toBe(`bash -c 'systemctl restart '"$RUNBOOK_VALUE_1"''`);
    expect(reasons('ssh db01 "tail -n 50 <file>"', { file: '/var/log/x; rm -rf /' })).toEqual([
      '1:22 file: the text is run again as shell code (ssh), and the value holds characters that would change it',
    ]);
    expect(reasons("bash -c 'echo <v>'", { v: '-n' })).toHaveLength(1);
    expect(reasons("bash -c 'cat <<EOF\n<v>\nEOF'", { v: 'EOF' })).toEqual(['2:1 v: the text is run again as shell code (bash -c), and the value would end its heredoc (EOF)']);
    expect(reasons('echo "<cmd>" | sh', { cmd: 'uptime; id' }, { matchedPattern: new Set(['cmd']) })).toEqual([]);
  });

  it('reads the text run again as the inner shell will: arithmetic, brace expansion and heredocs there', () => {
    // The inner shell evaluates a name in $(( )) as an expression: a value naming another value
    // that holds a subscript would run that subscript's command.
    expect(reasons("bash -c 'echo $((<x>))'; printf %s <y>", { x: 'RUNBOOK_VALUE_2', y: 'a[$(touch PWNED)]' })).toEqual([
      '1:18 x: the text is run again as shell code (bash -c), where it is evaluated as arithmetic ($(( ))), and a value that is not an integer is read as an expression',
    ]);
    expect(rendered("bash -c 'echo $((<x>))'", { x: '42' }).env).toEqual({ RUNBOOK_VALUE_1: '42' });
    expect(reasons("bash -c 'printf %s, {a,<x>}'", { x: 'b,c' })).toEqual([
      '1:24 x: the text is run again as shell code (bash -c), where it sits in a brace expansion, which splits the value at `,` or `..`',
    ]);
    expect(reasons('ssh db01 "seq {1..<n>}"', { n: '1..9' })).toHaveLength(1);
    // Nested: the arithmetic is two shells down.
    expect(reasons(`bash -c "bash -c 'echo \\$((<x>))'"`, { x: 'web' })).toHaveLength(1);
    // The delimiter as the inner shell reads it, whatever quotes the outer one needs for it.
    expect(reasons("bash -c 'cat <<'\\''EOF'\\''\n<v>\nEOF'", { v: 'EOF' })).toHaveLength(1);
    expect(reasons("bash -c 'cat <<EOF\nE<v>\nEOF'", { v: 'OF' })).toHaveLength(1);
    // A plain word there stays a plain word.
    expect(rendered("bash -c 'kubectl rollout restart deploy/<app> -n <ns>'", { app: 'web', ns: 'prod' }).env).toEqual({ RUNBOOK_VALUE_1: 'web', RUNBOOK_VALUE_2: 'prod' });
    // A text only known at run time: no value that could split a brace expansion there.
    expect(reasons("printf 'echo %s' <x> | sh", { x: 'a,b' })).toHaveLength(1);
  });

  it('refuses a leading dash where options are read, unless allowed or after --', () => {
    expect(reasons('find <dir> -name "*.tmp" -delete', { dir: '-delete' })).toEqual(['1:6 dir: the value starts with `-` where the command reads options']);
    expect(reasons('find <dir> -name x', { dir: '-delete' }, { allowDash: new Set(['dir']) })).toEqual([]);
    expect(reasons('rm -- <file>', { file: '-rf' })).toEqual([]);
    expect(reasons('grep -e <pattern> log', { pattern: '-v' })).toHaveLength(1);
  });

  it('refuses a value that would end its quoted heredoc, or lose its tabs to <<-', () => {
    expect(reasons("cat <<'EOF'\n<v>\nEOF", { v: 'x\nEOF\ntouch PWNED' })).toEqual(['2:1 v: a line of the value would end the heredoc (EOF)']);
    expect(reasons("cat <<'EOF'\n<v>\nEOF", { v: 'EOF' })).toHaveLength(1);
    expect(reasons("cat <<-'EOF'\n\t<v>\n\tEOF", { v: 'a\n\tb' })).toEqual(['2:2 v: bash would remove tabs that start a line of the value (<<-)']);
    expect(reasons("cat <<'EOF'\nx<v>\nEOF", { v: 'EOFX' })).toEqual([]);
  });

  it('reports a command bash rejects as a problem with its position', () => {
    expect(reasons('echo "<x>', { x: '1' })).toEqual(['1:6 : bash cannot parse this command: the `"` here is never closed']);
  });
});
