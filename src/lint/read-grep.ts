// The patterns a grep is given (`grep -e A -e B`, `grep -E 'x'`, `rg x`), and how it applies them.
import { hasOption, optionValues, readCliArgs } from './read-cli-args.js';
import type { ShellCommand } from './read-shell-commands.js';

export interface GrepReading {
  /** As bash passes them; null where only the shell knows the pattern. */
  patterns: (string | null)[];
  /** `-v`: the lines that do not match. */
  invert: boolean;
  /** `-x`: a pattern matches whole lines only. */
  wholeLine: boolean;
}

const GREP_NAMES = new Set(['grep', 'egrep', 'fgrep', 'rg']);

const GREP_VALUE_OPTIONS = new Set([
  '-e', '--regexp', '-f', '--file', '-m', '--max-count', '-A', '--after-context', '-B', '--before-context', '-C', '--context', '--label',
  '-d', '--directories', '-D', '--devices', '--exclude', '--include', '--exclude-dir', '--binary-files', '-g', '--glob', '-t', '--type',
  '-T', '--type-not',
]);

export function readGrep(command: ShellCommand): GrepReading | null {
  if (command.name === null || !GREP_NAMES.has(command.name)) return null;
  const args = readCliArgs(command.args, GREP_VALUE_OPTIONS);
  const given = optionValues(args, '-e', '--regexp');
  return {
    patterns: given.length > 0 ? given : [args.operands[0]?.value ?? null],
    invert: hasOption(args, '-v', '--invert-match'),
    wholeLine: hasOption(args, '-x', '--line-regexp'),
  };
}
