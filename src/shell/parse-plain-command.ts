// Most runbook commands are one line of plain words (`helm rollback web 41`, `make smoke`): no
// quotes, expansions, operators, globs or reserved words, so bash splits them at blanks and does
// nothing else. Those are described here without the parser (which costs a load of about 80 ms
// and half a millisecond a command); anything else goes to the grammar. A test proves both give
// the same description for every plain command.
import type { ShellScript, ShellWord } from './shell-schema.js';

// Characters bash gives no meaning in a word (no quote, `$`, glob, brace, tilde, `#`, `=`-prefix).
const PLAIN_LINE = /^[ \t]*[A-Za-z0-9_./:@%+,-]+(?:[ \t]+[A-Za-z0-9_./:=@%+,-]+)*[ \t]*$/;
// Reserved words, and commands whose words bash reads specially (assignments, arithmetic).
const NOT_PLAIN_NAMES = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'function', 'time', 'coproc', 'in',
  'let', 'declare', 'typeset', 'local', 'export', 'readonly', 'unset', 'eval', 'alias',
]);

/** Can `text` be described without the parser? `text` has its placeholders masked as words. */
export function isPlainCommand(text: string): boolean {
  if (!PLAIN_LINE.test(text)) return false;
  const name = /[^ \t]+/.exec(text)?.[0] ?? '';
  return !NOT_PLAIN_NAMES.has(name);
}

/**
 * The description of a plain command, as parseShell gives it; `source` is the text as written
 * (offsets are shared with `masked`), and words overlapping an `opaque` range have no value.
 */
export function parsePlainCommand(masked: string, source: string = masked, opaque: readonly { start: number; end: number }[] = []): ShellScript | undefined {
  if (!isPlainCommand(masked)) return undefined;
  const words: ShellWord[] = [];
  for (const match of masked.matchAll(/[^ \t]+/g)) {
    const start = match.index;
    const end = start + match[0].length;
    const hidden = opaque.some((range) => range.start < end && start < range.end);
    const text = source.slice(start, end);
    words.push({ start, end, line: 1, column: start + 1, text, value: hidden ? null : text });
  }
  const [name, ...args] = words;
  if (!name) return { text: source, commands: [], comments: [] };
  const last = words[words.length - 1] ?? name;
  return {
    text: source,
    commands: [{ start: name.start, end: last.end, line: 1, column: name.column, text: source.slice(name.start, last.end), name, args, assignments: [], redirects: [], within: [], pipesInto: null }],
    comments: [],
  };
}
