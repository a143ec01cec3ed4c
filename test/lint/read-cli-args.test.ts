// Options and operands read the way getopt and cobra read them, over words from a real parse.
import { beforeAll, describe, expect, it } from 'vitest';
import { optionText, optionValue, readCliArgs } from '../../src/lint/read-cli-args.js';
import { readShellCommands, wordText } from '../../src/lint/read-shell-commands.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';

beforeAll(() => loadShellParser());

const VALUES = new Set(['-n', '--namespace', '-o', '--to-revision', '-k']);

function read(command: string) {
  const [first] = readShellCommands(command)?.commands ?? [];
  if (!first) throw new Error(`no command in ${command}`);
  return { command: first, args: readCliArgs(first.args, VALUES) };
}

describe('readCliArgs', () => {
  it('reads attached, separate and clustered values, and `--` ending the options', () => {
    const { args } = read('kubectl -nshop rollout undo --to-revision=3 -o json -- -x');
    expect(args.options.map((o) => [o.name, optionValue({ options: [o], operands: [] }, o.name)])).toEqual([['-n', 'shop'], ['--to-revision', '3'], ['-o', 'json']]);
    expect(args.operands.map(wordText)).toEqual(['rollout', 'undo', '-x']);
  });

  it('takes a clustered flag up to the first one that wants a value', () => {
    const { args } = read('sort -rk1,1V');
    expect(args.options.map((o) => o.name)).toEqual(['-r', '-k']);
    expect(optionValue(args, '-k')).toBe('1,1V');
  });

  it('keeps an option whose value is a placeholder, written `--option=<value>`, and gives its text', () => {
    const { args } = read('kubectl rollout undo deployment/web --to-revision=<good-revision>');
    expect(optionText(args, '--to-revision')).toBe('<good-revision>');
    expect(args.operands.map(wordText)).toEqual(['rollout', 'undo', 'deployment/web']);
  });

  it('reads a word only the shell knows as an operand, or as the value an option waits for', () => {
    const { args } = read('helm rollback "$release" -n "$ns" <revision>');
    expect(args.operands.map(wordText)).toEqual(['rollback', '"$release"', '<revision>']);
    expect(optionValue(args, '-n')).toBeNull();
    expect(optionText(args, '-n')).toBe('"$ns"');
  });

  it('sees through wrappers to the command that takes effect', () => {
    const { command } = read("sudo -u deploy env KUBECONFIG=/k timeout 60 helm rollback web 3");
    expect(command.name).toBe('helm');
    expect(command.args.map(wordText)).toEqual(['rollback', 'web', '3']);
  });
});
