// The commands of one statement of a shell block, as far as they can be known before running it:
// through the shell parser (src/shell) when the statement is plain words or the parser is
// loaded; otherwise through a reading of plain quoted words that gives up at the first operator
// or expansion. Placeholders (`<host>`) are words of unknown value, never redirections.
import { locatePlaceholders } from '../../shell/locate-placeholders.js';
import { isShellParserLoaded } from '../../shell/load-shell-parser.js';
import { isPlainCommand } from '../../shell/parse-plain-command.js';
import { parseShell } from '../../shell/parse-shell.js';
import type { Enclosing, SimpleCommand } from '../../shell/shell-schema.js';
import type { ArgvWord } from '../../shell/unwrap-command.js';
import { overlapsAnyOf } from '../../shell/covered-ranges.js';

export interface StatementWord extends ArgvWord {
  /** As written in the block, placeholders included. */
  raw: string;
}

export interface StatementCommand {
  argv: StatementWord[];
  /** The command name was written in quotes: `"Deploy is frozen"`. */
  quotedName: boolean;
  /** Its standard input is given (a heredoc, a here-string, `<`, a pipe): it reads no keyboard. */
  fedInput: boolean;
  /** Inside a compound command, a function, a substitution or `&`: not the statement's own command. */
  nested: boolean;
}

const NESTING: ReadonlySet<Enclosing> = new Set(['subshell', 'group', 'command-substitution', 'process-substitution', 'function', 'if', 'loop', 'case', 'background']);
const INPUT_REDIRECTS = new Set(['<', '<<', '<<-', '<<<', '<&', '<>']);

/** The commands of `text` in source order, or undefined when they cannot be read here. */
export function readStatementCommands(text: string): StatementCommand[] | undefined {
  const spans = locatePlaceholders(text).filter((span) => span.form === 'angle');
  // A placeholder becomes a word of the same length, so offsets still point into `text`.
  let masked = '';
  let at = 0;
  for (const span of spans) {
    masked += `${text.slice(at, span.start)}${'x'.repeat(span.end - span.start)}`;
    at = span.end;
  }
  masked += text.slice(at);
  const hidden = overlapsAnyOf(spans, text.length);
  if (isPlainCommand(masked) || isShellParserLoaded()) {
    const parsed = parseShell(masked);
    if (!parsed.ok) return undefined;
    const { commands } = parsed.script;
    return commands.map((command, index) => ({
      argv: wordsOf(command, text, hidden),
      quotedName: /^\$?['"]/.test(command.name?.text ?? ''),
      fedInput: command.redirects.some((r) => INPUT_REDIRECTS.has(r.operator) && (r.descriptor === null || r.descriptor === 0)) || commands.some((other) => other.pipesInto === index),
      nested: command.within.some((kind) => NESTING.has(kind)),
    }));
  }
  const words = readQuotedWords(masked, text, hidden);
  return words && [{ argv: words.words, quotedName: words.quotedName, fedInput: false, nested: false }];
}

function wordsOf(command: SimpleCommand, text: string, hidden: (start: number, end: number) => boolean): StatementWord[] {
  if (!command.name) return [];
  return [command.name, ...command.args].map((word, index) => ({
    value: hidden(word.start, word.end) ? null : word.value,
    index,
    raw: text.slice(word.start, word.end),
  }));
}

/**
 * Words of a command written with quotes but nothing else a shell gives meaning to (no operator,
 * expansion or redirection): `ssh -t db01 'sudo -i'`, `"Deploy is frozen, please hold"`. A glob
 * or `~` gives a word of unknown value; anything more is not read.
 */
function readQuotedWords(masked: string, text: string, hidden: (start: number, end: number) => boolean): { words: StatementWord[]; quotedName: boolean } | undefined {
  const words: StatementWord[] = [];
  let quotedName = false;
  let i = 0;
  while (i < masked.length) {
    while (masked[i] === ' ' || masked[i] === '\t') i += 1;
    if (i >= masked.length || masked[i] === '#') break;
    const start = i;
    let value: string | null = '';
    while (i < masked.length && masked[i] !== ' ' && masked[i] !== '\t') {
      const c = masked[i] as string;
      if (c === "'" || c === '"') {
        const end = masked.indexOf(c, i + 1);
        const inside = end === -1 ? undefined : masked.slice(i + 1, end);
        if (inside === undefined || (c === '"' && /[$`\\]/.test(inside))) return undefined;
        if (start === i && words.length === 0) quotedName = true;
        if (value !== null) value += inside;
        i = end + 1;
        continue;
      }
      if (/[|&;<>()$`\\\n]/.test(c)) return undefined;
      if (/[*?[\]{}]/.test(c) || (c === '~' && i === start)) value = null;
      else if (value !== null) value += c;
      i += 1;
    }
    words.push({ value: hidden(start, i) ? null : value, index: words.length, raw: text.slice(start, i) });
  }
  return { words, quotedName };
}
