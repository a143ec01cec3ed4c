import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeShell, commandNeedsShellParser } from '../../src/shell/analyze-shell.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';
import { isPlainCommand, parsePlainCommand } from '../../src/shell/parse-plain-command.js';
import { parseShellTree } from '../../src/shell/parse-shell.js';

beforeAll(() => loadShellParser());

describe('plain commands, described without the parser', () => {
  it('are only single lines of plain words with an ordinary command name', () => {
    for (const text of ['helm rollback web 41', 'make smoke', '  kubectl get pods -n prod --output=wide  ', 'sudo systemctl restart nginx.service']) expect(isPlainCommand(text), text).toBe(true);
    for (const text of ['echo "a"', 'a | b', 'X=1 make', 'ls *.log', 'echo {a,b}', 'cd ~', 'echo $HOME', 'if true', 'let n=1', 'declare -i n=1', 'a\nb', 'echo a # c', 'time make', 'echo a\\ b', '']) expect(isPlainCommand(text), text).toBe(false);
  });

  it('are described exactly as the grammar describes them', () => {
    const word = fc.constantFrom('kubectl', 'helm', 'sudo', 'ssh', 'db01', 'rollback', '-n', '--', '--to-revision=3', 'a=b', 'web-1', '41', 'v1.2.3', 'x/y:z', '%1', '@now', '+x', ',', '.', 'PPPP', 'bash', '-c', 'watch', 'su', 'env');
    const command = fc.tuple(fc.array(word, { minLength: 1, maxLength: 7 }), fc.constantFrom(' ', '  ', '\t')).map(([words, gap]) => words.join(gap));
    fc.assert(
      fc.property(command, (text) => {
        const plain = parsePlainCommand(text);
        fc.pre(plain !== undefined);
        const tree = parseShellTree(text);
        expect(tree.ok && tree.script).toEqual(plain);
      }),
      { numRuns: 300 },
    );
  });

  it('keep placeholders and their contexts, and need no parser', () => {
    expect(commandNeedsShellParser('helm rollback <release-name> <revision>')).toBe(false);
    expect(commandNeedsShellParser('kubectl describe deployment <deployment-name> | grep Image')).toBe(true);
    const analysis = analyzeShell('ssh <host> systemctl restart <unit>');
    expect(analysis.ok && analysis.placeholders.map((p) => [p.name, p.context.evaluatedBy, p.context.optionPosition])).toEqual([
      ['host', null, true],
      ['unit', 'ssh', true],
    ]);
    expect(analysis.ok && analysis.script.commands[0]?.args.map((a) => a.value)).toEqual([null, 'systemctl', 'restart', null]);
  });
});
