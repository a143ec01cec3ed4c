// Most runbook commands are one line of plain words (`helm rollback web 41`, `make smoke`), maybe
// piped (`kubectl describe deploy web | grep Image`) and with simple quoted words
// (`git tag --list "v*.*.*"`): no expansions, redirections, globs, braces or reserved words, so
// bash splits them at blanks, removes the quotes and does nothing else. Those are described here
// without the parser (which costs a load of 60–70 ms); anything else goes to the grammar. A word
// may also hold `"$NAME"` or `"${NAME}"` for a variable whose value the caller knows (the
// engine's own RUNBOOK_VALUE_n in a rendered command): bash gives its value as it is, one word.
// A property test proves that both give the same description for every such command.
import type { ShellScript, ShellWord, SimpleCommand } from './shell-schema.js';
import type { KnownVariables } from './shell-word-value.js';
import { overlapsAnyOf } from './covered-ranges.js';

// Characters bash gives no meaning in an unquoted word (no `$`, glob, brace, tilde, `#`, `=`-prefix).
const BARE = /[A-Za-z0-9_./:=@%+,-]/;
const NAME_BARE = /^[A-Za-z0-9_./:@%+,-]+$/;
const REFERENCES = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
// Reserved words, and commands whose words bash reads specially (assignments, arithmetic).
const NOT_PLAIN_NAMES = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'function', 'time', 'coproc', 'in',
  'let', 'declare', 'typeset', 'local', 'export', 'readonly', 'unset', 'eval', 'alias',
]);

interface PlainWord {
  start: number;
  end: number;
  value: string;
  /** Offsets inside quotes, each with its quote. */
  quoted: { start: number; end: number; quote: '"' | "'" }[];
  /** The references to known variables in it: `$NAME` or `${NAME}` inside double quotes. */
  references: { start: number; end: number; name: string }[];
}

/** A plain command's pipeline stages, each a list of words; undefined when it is not plain. */
function tokenize(text: string, variables: KnownVariables): PlainWord[][] | undefined {
  const stages: PlainWord[][] = [[]];
  let i = 0;
  const blank = (c: string | undefined): boolean => c === ' ' || c === '\t';
  while (i < text.length) {
    const c = text[i] as string;
    if (blank(c)) {
      i++;
      continue;
    }
    if (c === '|') {
      // `a | b` only: not `||`, `|&`, nor a pipe with no command before it.
      if (text[i + 1] === '|' || text[i + 1] === '&' || (stages[stages.length - 1] as PlainWord[]).length === 0) return undefined;
      stages.push([]);
      i++;
      continue;
    }
    const word: PlainWord = { start: i, end: i, value: '', quoted: [], references: [] };
    while (i < text.length && !blank(text[i]) && text[i] !== '|') {
      const ch = text[i] as string;
      if (BARE.test(ch)) {
        word.value += ch;
        i++;
      } else if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        if (close === -1 || text.slice(i + 1, close).includes('\n')) return undefined;
        word.quoted.push({ start: i + 1, end: close, quote: "'" });
        word.value += text.slice(i + 1, close);
        i = close + 1;
      } else if (ch === '"') {
        const close = text.indexOf('"', i + 1);
        if (close === -1) return undefined;
        const inner = text.slice(i + 1, close);
        // Literal text and references to known variables (`"node/${RUNBOOK_VALUE_1} drained"`).
        if (/[$`\\!\n]/.test(inner.replace(REFERENCES, ''))) return undefined;
        let literalFrom = 0;
        for (const reference of inner.matchAll(REFERENCES)) {
          const name = (reference[1] ?? reference[2]) as string;
          if (!Object.hasOwn(variables, name)) return undefined;
          word.value += inner.slice(literalFrom, reference.index) + (variables[name] as string);
          word.references.push({ start: i + 1 + reference.index, end: i + 1 + reference.index + reference[0].length, name });
          literalFrom = reference.index + reference[0].length;
        }
        word.value += inner.slice(literalFrom);
        word.quoted.push({ start: i + 1, end: close, quote: '"' });
        i = close + 1;
      } else return undefined;
    }
    word.end = i;
    (stages[stages.length - 1] as PlainWord[]).push(word);
  }
  if (stages.some((stage) => stage.length === 0)) return undefined;
  for (const stage of stages) {
    const name = stage[0] as PlainWord;
    const written = text.slice(name.start, name.end);
    if (!NAME_BARE.test(written) || NOT_PLAIN_NAMES.has(written)) return undefined;
  }
  return stages;
}

/** Can `text` be described without the parser? `text` has its placeholders masked as words. */
export function isPlainCommand(text: string, variables: KnownVariables = {}): boolean {
  return !text.includes('\n') && tokenize(text, variables) !== undefined;
}

/** The ranges of `text` inside quotes, when it is a plain command: a placeholder there is quoted. */
export function plainQuotedRanges(text: string): PlainWord['quoted'] {
  return (tokenize(text, {}) ?? []).flat().flatMap((word) => word.quoted);
}

/**
 * The description of a plain command, as parseShell gives it; `source` is the text as written
 * (offsets are shared with `masked`), and words overlapping an `opaque` range have no value.
 */
export function parsePlainCommand(masked: string, source: string = masked, opaque: readonly { start: number; end: number }[] = [], variables: KnownVariables = {}): ShellScript | undefined {
  if (masked.includes('\n')) return undefined;
  const stages = tokenize(masked, variables);
  if (!stages) return undefined;
  const commands: SimpleCommand[] = [];
  const piped = stages.length > 1;
  const isOpaque = overlapsAnyOf(opaque, masked.length);
  stages.forEach((stage, index) => {
    const words: ShellWord[] = stage.map((word) => {
      const hidden = isOpaque(word.start, word.end);
      return { start: word.start, end: word.end, line: 1, column: word.start + 1, text: source.slice(word.start, word.end), value: hidden ? null : word.value, ...(hidden && { masked: word.value }) };
    });
    const [name, ...args] = words as [ShellWord, ...ShellWord[]];
    const last = words[words.length - 1] ?? name;
    commands.push({
      start: name.start,
      end: last.end,
      line: 1,
      column: name.column,
      text: source.slice(name.start, last.end),
      name,
      args,
      assignments: [],
      redirects: [],
      within: piped ? ['pipeline'] : [],
      pipesInto: piped && index + 1 < stages.length ? index + 1 : null,
    });
  });
  const expansions = stages.flat().flatMap((word) => word.references.map(({ start, end, name }) => ({ start, end, line: 1, column: start + 1, name, text: source.slice(start, end), guarded: false })));
  return { text: source, commands, comments: [], expansions, loopVariables: [] };
}
