import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeShell } from '../../src/shell/analyze-shell.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';
import type { PlaceholderContext } from '../../src/shell/shell-schema.js';

beforeAll(() => loadShellParser());

function contexts(text: string): PlaceholderContext[] {
  const analysis = analyzeShell(text);
  if (!analysis.ok) throw new Error(`${text}: ${analysis.error.message}`);
  return analysis.placeholders.map((place) => place.context);
}

const only = (text: string): PlaceholderContext => {
  const found = contexts(text);
  expect(found, text).toHaveLength(1);
  return found[0] as PlaceholderContext;
};

describe('where a placeholder sits', () => {
  it.each([
    ['echo <x>', 'unquoted'],
    ['echo "a <x> b"', 'double-quoted'],
    ["echo 'a <x> b'", 'single-quoted'],
    ["echo $'a\\t<x>'", 'ansi-c-quoted'],
    ['echo "$(printf %s <x>)"', 'unquoted'],
    ['echo `printf %s <x>`', 'unquoted'],
    ['diff <(echo <x>) /dev/null', 'unquoted'],
    ['echo ok # <x>', 'comment'],
    ['echo ${v:-<x>}', 'parameter-expansion'],
    ['echo $a<x>', 'variable-name'],
    ['<x>=1', 'variable-name'],
    ['<x>() { :; }', 'syntax'],
    ['echo $(( <x> + 1 ))', 'arithmetic'],
    ['echo $[<x> + 1]', 'arithmetic'],
    ['(( <x> > 1 ))', 'arithmetic'],
    ['for (( i = 0; i < <x>; i++ )); do :; done', 'arithmetic'],
    ['arr[<x>]=1', 'subscript'],
    ['echo "${arr[<x>]}"', 'subscript'],
  ])('%s: %s', (text, quoting) => {
    expect(only(text).quoting).toBe(quoting);
  });

  it('knows each heredoc delimiter form, quoted or not', () => {
    const body = (open: string, close = 'EOF') => only(`cat <<${open}\n<x>\n${close}`);
    expect(body('EOF')).toMatchObject({ quoting: 'heredoc-body', heredoc: { delimiter: 'EOF', quoted: false, stripTabs: false } });
    expect(body('-EOF', '\tEOF')).toMatchObject({ quoting: 'heredoc-body', heredoc: { delimiter: 'EOF', quoted: false, stripTabs: true } });
    for (const quoted of ["'EOF'", '"EOF"', "$'EOF'", '\\EOF', 'E"O"F', "-'EOF'"]) {
      expect(body(quoted, quoted.startsWith('-') ? '\tEOF' : 'EOF'), quoted).toMatchObject({ quoting: 'quoted-heredoc-body', heredoc: { delimiter: 'EOF', quoted: true } });
    }
  });

  it('reads a heredoc inside a substitution inside a heredoc, and case inside $(…)', () => {
    expect(only('cat <<OUT\n$(cat <<IN\n<x>\nIN\n)\nOUT').heredoc).toEqual({ delimiter: 'IN', quoted: false, stripTabs: false });
    expect(only("cat <<OUT\n$(cat <<'IN'\n<x>\nIN\n)\nOUT").quoting).toBe('quoted-heredoc-body');
    expect(only('echo "$(case a in a) echo <x>;; esac)"')).toMatchObject({ quoting: 'unquoted', optionPosition: true });
    expect(only('x=$(cat <<EOF\n<x>\nEOF\n)\necho "$x"').quoting).toBe('heredoc-body');
  });

  it('marks every kind of arithmetic, also through a substitution whose output is evaluated', () => {
    expect(only('let n=<x>+1').arithmetic).toBe('let');
    expect(only('declare -i n=<x>').arithmetic).toBe('declare -i');
    expect(only('typeset -i n=<x>').arithmetic).toBe('typeset -i');
    expect(only('local -ai n=<x>').arithmetic).toBe('local -i');
    expect(only('declare -i n; n=<x>').arithmetic).toContain('integer variable');
    expect(only('[[ <x> -eq 0 ]]').arithmetic).toBe('[[ -eq ]]');
    expect(only('[[ 1 -lt "<x>" ]]').arithmetic).toBe('[[ -lt ]]');
    expect(only('arr[<x>]=1').arithmetic).toBe('an array subscript');
    expect(only('echo $(( $(printf %s <x>) + 1 ))').arithmetic).toBe('$(( ))');
    expect(only('echo $[<x>]').arithmetic).toBe('$[ ]');
    // The grammar misreads both inside an expanded heredoc body; bash evaluates them there.
    expect(only('cat <<EOF\n$(( 1 + <x> ))\nEOF').arithmetic).toBe('$(( ))');
    expect(only('cat <<EOF\nx $[<x>]\nEOF').arithmetic).toBe('$[ ]');
    expect(only("cat <<'EOF'\nx $[<x>]\nEOF").arithmetic).toBeNull();
    expect(only('cat <<EOF\n$((1)) <x>\nEOF').arithmetic).toBeNull();
    // Not arithmetic: string tests, `[ -eq ]` (test compares integers without evaluating them).
    expect(only('[[ <x> == a* ]]').arithmetic).toBeNull();
    expect(only('[ <x> -eq 0 ]').arithmetic).toBeNull();
    expect(only('declare -r n=<x>').arithmetic).toBeNull();
  });

  it.each([
    ["bash -c 'echo <x>'", 'bash -c'],
    ['sh -ec "echo <x>"', 'sh -c'],
    ["zsh -c 'echo <x>'", 'zsh -c'],
    ['eval echo <x>', 'eval'],
    ["su deploy -c 'echo <x>'", 'su -c'],
    ['ssh db01 "systemctl status <x>"', 'ssh'],
    ['ssh -p 2222 db01 ls <x>', 'ssh'],
    ["kubectl exec -n prod web-0 -- sh -c 'echo <x>'", 'sh -c'],
    ["docker exec -it web bash -c 'echo <x>'", 'bash -c'],
    ["podman exec web sh -c 'echo <x>'", 'sh -c'],
    ["xargs -n1 sh -c 'echo <x>'", 'sh -c'],
    ["watch -n 5 'kubectl get pods -l app=<x>'", 'watch'],
    ["find . -exec sh -c 'echo <x>' \\;", 'sh -c'],
    ["sudo -u postgres bash -c 'psql <x>'", 'bash -c'],
    ['sudo -s echo <x>', 'sudo -s'],
    ["ansible web -a 'systemctl restart <x>'", 'ansible -a'],
    ["salt 'web*' cmd.run 'systemctl restart <x>'", 'salt cmd.run'],
    ["bash <<'EOF'\necho <x>\nEOF", 'bash reading a heredoc'],
    ['ssh db01 <<EOF\necho <x>\nEOF', 'ssh reading a heredoc'],
    ['bash <<< "echo <x>"', 'bash reading a here-string'],
    ['echo "echo <x>" | sh', 'a pipe into sh'],
    ['printf "%s" <x> | tee /tmp/log | bash', 'a pipe into bash'],
    ['eval "$(printf %s <x>)"', 'eval'],
  ])('%s is run again by %s', (text, by) => {
    expect(only(text).evaluatedBy).toBe(by);
  });

  it('does not mistake a command that receives argv for one that runs a string', () => {
    expect(only('kubectl exec web-0 -- ls <x>').evaluatedBy).toBeNull();
    expect(only('docker exec web ls <x>').evaluatedBy).toBeNull();
    expect(only('bash ./script.sh <x>').evaluatedBy).toBeNull();
    expect(only('ssh <x> uptime').evaluatedBy).toBeNull();
    expect(only('sudo systemctl restart <x>').evaluatedBy).toBeNull();
    expect(only('watch -x kubectl get pod <x>').evaluatedBy).toBeNull();
    expect(only("ansible web -m copy -a 'src=<x>'").evaluatedBy).toBeNull();
  });

  it('lists the heredoc delimiters inside a string run again', () => {
    expect(only("bash -c 'cat <<EOF\n<x>\nEOF'").innerDelimiters).toEqual(['EOF']);
    expect(only("bash -c 'echo <x>'").innerDelimiters).toEqual([]);
  });

  it('gives where a value lands inside a string run again, or null when only the run knows that text', () => {
    expect(only("bash -c 'echo $((<x>))'").inner).toMatchObject({ quoting: 'arithmetic', arithmetic: '$(( ))', evaluatedBy: null });
    expect(only('ssh web-1 "echo {a,<x>}"').inner).toMatchObject({ quoting: 'unquoted', brace: true });
    expect(only(`bash -c "bash -c 'echo <x>'"`).inner).toMatchObject({ quoting: 'single-quoted', evaluatedBy: 'bash -c', inner: { quoting: 'unquoted' } });
    expect(only("bash -c \"echo $HOME <x>\"").inner).toBeNull();
    expect(only('echo "echo <x>" | sh').inner).toBeNull();
    expect(only('echo <x>').inner).toBeNull();
  });

  it('marks brace expansion, option positions and escapes', () => {
    expect(only('echo {a,<x>}').brace).toBe(true);
    expect(only('echo pre{1..3}<x>').brace).toBe(false);
    expect(only('echo {1..3}-<x>').brace).toBe(false);
    expect(only('echo "{a,<x>}"').brace).toBe(false);
    expect(only('echo {a,"<x>"}').brace).toBe(true);
    expect(contexts('find <x> -name "*.log" -- <x>').map((c) => c.optionPosition)).toEqual([true, false]);
    expect(only('rm -rf "<x>"').optionPosition).toBe(true);
    expect(only('kubectl --namespace=<x> get pods').optionPosition).toBe(false);
    expect(only('<x> --help').optionPosition).toBe(false);
    expect(only('X=<x> make').optionPosition).toBe(false);
    expect(only('echo \\<x>').escaped).toBe(true);
    expect(only('echo \\\\<x>').escaped).toBe(false);
    expect(only("echo '\\<x>'").escaped).toBe(false);
  });

  it('keeps positions of the text as written', () => {
    const analysis = analyzeShell('kubectl rollout undo \\\n  deployment/<deployment-name> -n <ns>');
    expect(analysis.ok && analysis.placeholders.map(({ name, line, column, start }) => ({ name, line, column, start }))).toEqual([
      { name: 'deployment-name', line: 2, column: 14, start: 36 },
      { name: 'ns', line: 2, column: 35, start: 57 },
    ]);
  });
});

describe('what is not a placeholder', () => {
  it.each([
    'cat <<EOF\nhello\nEOF',
    'cat <<<word',
    'sort <file >out',
    'cmd 2>&1 | tee log',
    'ls [0-9]*.log [abc] [A-Z]',
    'ls log[ABC].txt',
    '[[ -f /etc/hosts ]] && [ -d /tmp ]',
    'arr[IDX]=1; echo "${arr[IDX]}"',
    'case $x in [YES]) echo y;; esac',
    "grep '[ERROR]' app.log",
    'echo "[NAMESPACE]"',
    '[[ $x == [NAME]* ]]',
    'echo <a >b',
  ])('%s', (text) => {
    const analysis = analyzeShell(text);
    expect(analysis.ok && analysis.placeholders).toEqual([]);
  });

  it('takes bracket tokens that stand as plain words', () => {
    const analysis = analyzeShell('kubectl -n [NAMESPACE] logs deploy/[APP_NAME] && echo [Your name] # [TICKET]');
    expect(analysis.ok && analysis.placeholders.map((place) => [place.name, place.form, place.context.quoting])).toEqual([
      ['namespace', 'bracket', 'unquoted'],
      ['app_name', 'bracket', 'unquoted'],
      ['your-name', 'bracket', 'unquoted'],
      ['ticket', 'bracket', 'comment'],
    ]);
  });
});

describe('commands bash rejects, and those this parser cannot read for sure', () => {
  it.each([
    ['echo "abc', 1, 6],
    ['echo $(abc', 1, 11],
    ['if true; then echo <x>', 1, 10],
    ['echo <x> |', 1, 11],
    ['for x in a b; do\n  echo <x>\n', 3, 1],
    ['echo a ) b', 1, 8],
  ])('%s is an error at %i:%i', (text, line, column) => {
    const analysis = analyzeShell(text);
    expect(analysis.ok).toBe(false);
    if (!analysis.ok) {
      expect({ line: analysis.error.line, column: analysis.error.column }).toEqual({ line, column });
      expect(analysis.error.message).toMatch(/bash cannot parse this command/);
    }
  });

  it.each([
    // Valid bash the grammar misreads: refused with the heredoc's place rather than guessed.
    ['cat <<EOF\n\\$<x>\nEOF', 1, 5],
    ['cat <<EOF; y=$(echo a\necho <x>)\nbody\nEOF', 1, 5],
    ['cat <<EOF > out; echo <x>\nbody\nEOF', 1, 16],
  ])('%s is refused at %i:%i', (text, line, column) => {
    const analysis = analyzeShell(text);
    expect(analysis.ok).toBe(false);
    if (!analysis.ok) expect({ line: analysis.error.line, column: analysis.error.column }).toEqual({ line, column });
  });
});
