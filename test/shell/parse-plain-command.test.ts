import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeShell, analyzeShellTree, commandNeedsShellParser } from '../../src/shell/analyze-shell.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';
import { isPlainCommand, parsePlainCommand } from '../../src/shell/parse-plain-command.js';
import { parseShellTree } from '../../src/shell/parse-shell.js';

beforeAll(() => loadShellParser());

const bareWord = fc.constantFrom('kubectl', 'helm', 'sudo', 'ssh', 'db01', 'rollback', '-n', '--', '--to-revision=3', 'a=b', 'web-1', '41', 'v1.2.3', 'x/y:z', '%1', '@now', '+x', ',', '.', 'PPPP', 'bash', '-c', 'watch', 'su', 'env', 'sh', 'grep', 'Image');
const quotedWord = fc.constantFrom('"v*.*.*"', "'a b'", '"x y"', "'$HOME'", '"[abc]"', "a'b c'", '"a"b', "--msg='it is'", '""', "''", '"a;b|c"', "'#x'");

describe('plain commands, described without the parser', () => {
  it('are single lines of plain or simply quoted words, maybe piped, with an ordinary command name', () => {
    for (const text of ['helm rollback web 41', 'make smoke', '  kubectl get pods -n prod --output=wide  ', 'sudo systemctl restart nginx.service', 'echo "a"', 'a | b', 'git tag --list "v*.*.*" | sort -V | tail -n 2 | head -n 1', "grep 'a b' log"]) {
      expect(isPlainCommand(text), text).toBe(true);
    }
    for (const text of ['X=1 make', 'ls *.log', 'echo {a,b}', 'cd ~', 'echo $HOME', 'echo "$HOME"', 'echo "a\\"b"', 'if true', 'let n=1', 'declare -i n=1', 'a\nb', 'echo a # c', 'time make', 'echo a\\ b', '', 'a || b', 'a |& b', '| a', 'a |', '"ls" x', 'echo "a', 'a | if']) {
      expect(isPlainCommand(text), text).toBe(false);
    }
  });

  it('take a reference to a variable whose value is known, and no other', () => {
    expect(isPlainCommand('helm rollback "$RUNBOOK_VALUE_1" "${RUNBOOK_VALUE_2}"', { RUNBOOK_VALUE_1: 'web', RUNBOOK_VALUE_2: '41' })).toBe(true);
    expect(isPlainCommand('helm rollback "$RUNBOOK_VALUE_1"', {})).toBe(false);
    expect(parsePlainCommand('rm "$V" x', 'rm "$V" x', [], { V: '-rf' })?.commands[0]?.args.map((a) => a.value)).toEqual(['-rf', 'x']);
  });

  it('are described exactly as the grammar describes them', () => {
    const word = fc.oneof({ weight: 3, arbitrary: bareWord }, { weight: 1, arbitrary: quotedWord }, { weight: 1, arbitrary: fc.constantFrom('"$V"', 'a"${V}"b', '"${W}"') });
    const stage = fc.tuple(bareWord, fc.array(word, { maxLength: 5 }), fc.constantFrom(' ', '  ', '\t')).map(([name, words, gap]) => [name, ...words].join(gap));
    const command = fc.tuple(fc.array(stage, { minLength: 1, maxLength: 3 }), fc.constantFrom(' | ', '|', ' |  ')).map(([stages, pipe]) => stages.join(pipe));
    const variables = { V: 'it is', W: '-rf' };
    fc.assert(
      fc.property(command, (text) => {
        const plain = parsePlainCommand(text, text, [], variables);
        fc.pre(plain !== undefined);
        const tree = parseShellTree(text, variables);
        expect(tree.ok && tree.script).toEqual(plain);
      }),
      { numRuns: propertyRuns(400) },
    );
  });

  it('give every placeholder the context the grammar gives it', () => {
    const placeholder = fc.constantFrom('<x>', '<deployment-name>', '[NAMESPACE]', 'YYYYMMDD', 'YOUR_TOKEN', '{{y}}');
    const word = fc.oneof(
      bareWord,
      placeholder,
      placeholder.map((p) => `"${p}"`),
      placeholder.map((p) => `'a ${p}'`),
      placeholder.map((p) => `pre-${p}`),
    );
    const stage = fc.tuple(fc.constantFrom('kubectl', 'ssh', 'bash', 'sudo', 'su', 'xargs', 'echo', 'sh', 'watch', 'docker'), fc.array(word, { maxLength: 5 })).map(([name, words]) => [name, ...words].join(' '));
    const command = fc.array(stage, { minLength: 1, maxLength: 3 }).map((stages) => stages.join(' | '));
    fc.assert(
      fc.property(command, (text) => {
        fc.pre(!commandNeedsShellParser(text));
        expect(analyzeShell(text)).toEqual(analyzeShellTree(text));
      }),
      { numRuns: propertyRuns(400) },
    );
  });

  it('keep placeholders and their contexts, and need no parser', () => {
    expect(commandNeedsShellParser('helm rollback <release-name> <revision>')).toBe(false);
    expect(commandNeedsShellParser('kubectl describe deployment <deployment-name> | grep Image')).toBe(false);
    expect(commandNeedsShellParser('git tag --list "v*.*.*" | sort -V | tail -n 2 | head -n 1')).toBe(false);
    expect(commandNeedsShellParser('kubectl logs <pod> 2>&1 | grep x')).toBe(true);
    const analysis = analyzeShell('ssh <host> systemctl restart <unit>');
    expect(analysis.ok && analysis.placeholders.map((p) => [p.name, p.context.evaluatedBy, p.context.optionPosition])).toEqual([
      ['host', null, true],
      ['unit', 'ssh', true],
    ]);
    expect(analysis.ok && analysis.script.commands[0]?.args.map((a) => a.value)).toEqual([null, 'systemctl', 'restart', null]);
    const quoted = analyzeShell(`echo "<a>" 'b <b>' | ssh db "ls <c>"`);
    expect(quoted.ok && quoted.placeholders.map((p) => [p.name, p.context.quoting, p.context.evaluatedBy])).toEqual([
      ['a', 'double-quoted', null],
      ['b', 'single-quoted', null],
      ['c', 'double-quoted', 'ssh'],
    ]);
  });
});
