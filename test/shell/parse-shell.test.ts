import { beforeAll, describe, expect, it } from 'vitest';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';
import { parseShell } from '../../src/shell/parse-shell.js';
import { ShellParseSchema, type ShellScript, type SimpleCommand } from '../../src/shell/shell-schema.js';

beforeAll(() => loadShellParser());

function script(text: string, variables: Record<string, string> = {}): ShellScript {
  const parsed = parseShell(text, variables);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  // What the module hands out is plain data its schema accepts.
  expect(ShellParseSchema.parse(parsed)).toEqual(parsed);
  return parsed.script;
}

const argvs = (text: string): (string | null)[][] => script(text).commands.map((c: SimpleCommand) => [c.name?.value ?? null, ...c.args.map((a) => a.value)]);

describe('parseShell', () => {
  it('finds every simple command through lists, pipelines, subshells, substitutions and bodies', () => {
    const text = [
      'set -e',
      'kubectl get pods | grep web || exit 1',
      '(cd /srv && make deploy) &',
      'if [ -f x ]; then rm -f "x"; elif true; then :; else echo no; fi',
      'for h in a b; do ssh "$h" uptime; done',
      'while read -r l; do echo "$l"; done < list',
      'case $1 in start) systemctl start web;; *) echo "$(date +%s)";; esac',
      'f() { helm rollback web 41; }',
      'echo `hostname` <(id -u)',
    ].join('\n');
    expect(argvs(text)).toEqual([
      ['set', '-e'],
      ['kubectl', 'get', 'pods'],
      ['grep', 'web'],
      ['exit', '1'],
      ['cd', '/srv'],
      ['make', 'deploy'],
      ['rm', '-f', 'x'],
      ['true'],
      [':'],
      ['echo', 'no'],
      ['ssh', null, 'uptime'],
      ['read', '-r', 'l'],
      ['echo', null],
      ['systemctl', 'start', 'web'],
      ['echo', null],
      ['date', '+%s'],
      ['helm', 'rollback', 'web', '41'],
      ['echo', null, null],
      ['hostname'],
      ['id', '-u'],
    ]);
  });

  it('says what encloses each command', () => {
    const commands = script('a | b && ! c; (d) & { e; }; x=$(f); g() { h; }').commands;
    expect(commands.map((c) => [c.name?.value ?? c.assignments[0]?.name, c.within])).toEqual([
      ['a', ['and-or', 'pipeline']],
      ['b', ['and-or', 'pipeline']],
      ['c', ['and-or', 'negated']],
      ['d', ['background', 'subshell']],
      ['e', ['group']],
      ['x', []],
      ['f', ['command-substitution']],
      ['h', ['function', 'group']],
    ]);
  });

  it('gives word values with quotes removed and escapes applied, and null where only bash knows', () => {
    expect(argvs(`printf %s 'a b' "c \\"d\\" \\$e" f\\ g $'h\\ti' "$HOME" $(date) x"y"'z'`)).toEqual([['printf', '%s', 'a b', 'c "d" $e', 'f g', 'h\ti', null, null, 'xyz'], ['date']]);
    expect(argvs('rm -r \\\n  --force /tmp/x')).toEqual([['rm', '-r', '--force', '/tmp/x']]);
  });

  it('fills in the variables it is told about, and only those', () => {
    const commands = script('rm "$RUNBOOK_VALUE_1" ${RUNBOOK_VALUE_2} "$OTHER" "${RUNBOOK_VALUE_1:-x}"', { RUNBOOK_VALUE_1: '-rf', RUNBOOK_VALUE_2: '/srv/app' }).commands;
    expect(commands[0]?.args.map((a) => a.value)).toEqual(['-rf', '/srv/app', null, null]);
  });

  it('keeps assignments, redirects and heredocs of each command', () => {
    const [first, second] = script("A=1 B='x y' env\npsql -h db <dump.sql 2>&1 >>log\ncat <<'SQL' | psql\nDROP TABLE t;\nSQL").commands;
    expect(first?.assignments.map((a) => [a.name, a.value?.value])).toEqual([
      ['A', '1'],
      ['B', 'x y'],
    ]);
    expect(second?.redirects.map((r) => [r.operator, r.descriptor, r.target?.value])).toEqual([
      ['<', null, 'dump.sql'],
      ['>&', 2, '1'],
      ['>>', null, 'log'],
    ]);
    const cat = script("cat <<'SQL' | psql\nDROP TABLE t;\nSQL").commands;
    expect(cat[0]?.redirects[0]?.heredoc).toEqual({ delimiter: 'SQL', quoted: true, stripTabs: false, body: 'DROP TABLE t;\n', bodyStart: 19 });
    expect(cat[0]?.pipesInto).toBe(1);
    expect(cat[1]?.name?.value).toBe('psql');
  });

  it('reads every heredoc delimiter form as bash does', () => {
    for (const [open, close] of [
      ['EOF', 'EOF'],
      ["'EOF'", 'EOF'],
      ['"EOF"', 'EOF'],
      ['-EOF', '\tEOF'],
      ["$'EOF'", 'EOF'],
      ['\\EOF', 'EOF'],
      ['E"O"F', 'EOF'],
    ]) {
      const commands = script(`cat <<${open}\nrm -rf /\n${close}\necho after`).commands;
      expect(commands.map((c) => c.name?.value), open).toEqual(['cat', 'echo']);
      expect(commands[0]?.redirects[0]?.heredoc?.quoted, open).toBe(open !== 'EOF' && open !== '-EOF');
    }
    // Two heredocs on one line are valid bash the grammar cannot read: refused, with the place.
    const two = parseShell('cat <<A <<B\na\nA\nb\nB\necho after');
    expect(two.ok || { line: two.error.line, column: two.error.column }).toEqual({ line: 1, column: 9 });
  });

  it('reads heredocs inside substitutions, and the code after them', () => {
    expect(argvs('x=$(cat <<EOF\ninner\nEOF\n)\necho "$x"')).toEqual([[null], ['cat'], ['echo', null]]);
    expect(argvs('echo "$(case a in a) echo b;; esac)"')).toEqual([['echo', null], ['echo', 'b']]);
  });

  it('rejects what bash rejects, with a position', () => {
    const parsed = parseShell('echo ok\nif true; then\n  echo "unterminated\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ line: 3, column: 8, message: 'bash cannot parse this command: the `"` here is never closed' });
    const unclosed = parseShell('kubectl get pods | ');
    expect(unclosed.ok || unclosed.error.message).toMatch(/bash cannot parse this command/);
  });
});
