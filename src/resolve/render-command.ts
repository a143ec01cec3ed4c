// Placeholders → values, quoted for the exact spot they sit in, so that the shell reads every
// value back literally and no value can add shell syntax.
//
// The rule, by where the placeholder sits (see scan-shell-context.ts):
//   unquoted        'it'\''s'                     shellQuote(value)
//   '…<x>…'         '…'  + shellQuote(value) + '…'  close the quote, quoted word, reopen
//   $'…<x>…'        same, reopening with $'
//   "…<x>…"         \ " $ ` escaped with a backslash
//   heredoc body    \ $ ` escaped (unquoted delimiter) or the value as is (quoted delimiter);
//                   a value that would start a line with the delimiter could end the body: refused
//   $((…))          only a plain integer: arithmetic evaluates its input again
//   # comment       newlines become spaces, so the value cannot end the comment
//   ${…}            refused: bash's quoting inside parameter expansions is not reliable
//   `…`             only bare words (v1.2, web-1): bash parses backticks with quirks that no
//                   quoting survives (a quoted `<({` breaks it); $(…) has none of them
//   $<x>            refused where `$` expands: the value would continue the expansion
// Anything the lexer cannot place is refused (`unsafe`) rather than guessed.
import type { Command } from '../model/runbook.js';
import { findPlaceholderSpans, type PlaceholderSpan } from './find-placeholders.js';
import { scanShellContext, type SpanContext } from './scan-shell-context.js';
import { isBareWord, shellQuote } from './shell-quote.js';

export interface RenderOptions {
  /** Names whose values are secret: shown as `***` in `display`. */
  mask?: ReadonlySet<string>;
  /** Leave unresolved placeholders in `text` as written (plans, dry runs). */
  keepMissing?: boolean;
}

export interface RenderedCommand {
  /** What runs. Empty when a value is missing or unsafe, unless `keepMissing`: never run it then. */
  text: string;
  /** What people see: secrets as `***`, unresolved placeholders as written. */
  display: string;
  /** Names with no value, in order of first use. */
  missing: string[];
  /** Values that cannot be inserted safely where their placeholder sits. */
  unsafe: { name: string; reason: string }[];
}

const SECRET = '***';
// Integers only: a name would be looked up and evaluated again (`a[$(cmd)]`).
const ARITH_SAFE = /^[+-]?(?:0[xX][0-9a-fA-F]+|[0-9]+)$/;

const escapeDouble = (v: string): string => v.replace(/[\\"$`]/g, '\\$&');
const escapeHeredoc = (v: string): string => v.replace(/[\\$`]/g, '\\$&');

type Quoted = { ok: true; text: string } | { ok: false; reason: string };

function quoteFor(where: SpanContext, value: string): Quoted {
  const { context } = where;
  if (where.afterDollar) {
    return { ok: false, reason: 'it follows a `$`, which would read its value as an expansion ($(…), ${…}, $name)' };
  }
  if (where.backticks > 0 && !isBareWord(value)) {
    return { ok: false, reason: 'inside `…` only a plain word can be inserted safely; write $(…) instead' };
  }
  let text: string;
  switch (context.kind) {
    case 'code':
      text = shellQuote(value);
      break;
    case 'single':
      text = `'${shellQuote(value)}'`;
      break;
    case 'ansi':
      text = `'${shellQuote(value)}$'`;
      break;
    case 'double':
      text = escapeDouble(value);
      break;
    case 'heredoc':
      // Whether the value would end the body is checked on the finished text (see below).
      text = context.quoted ? value : escapeHeredoc(value);
      break;
    case 'arith':
      if (!ARITH_SAFE.test(value)) {
        return { ok: false, reason: 'inside $((…)) only an integer can be inserted safely' };
      }
      text = value;
      break;
    case 'comment':
      text = value.replace(/[\r\n]/g, ' ');
      break;
    case 'param':
      return { ok: false, reason: 'inside ${…} a value cannot be quoted reliably; set a variable first' };
    case 'unknown':
      return { ok: false, reason: 'it sits where its value cannot be quoted safely' };
  }
  if (where.escaped) {
    // The backslash is replaced with the span: `"\<x>"` keeps it as a literal `\\`; unquoted
    // `\<x>` drops it, since it would only escape the value's first character.
    if (context.kind === 'double' || context.kind === 'heredoc' || context.kind === 'ansi') text = `\\\\${text}`;
    else if (context.kind === 'arith') return { ok: false, reason: 'it follows a backslash inside $((…))' };
  }
  return { ok: true, text };
}

/** Placeholder occurrences: everything the scanner finds, plus any raw text the parser listed. */
function occurrences(command: Command): PlaceholderSpan[] {
  const spans = findPlaceholderSpans(command.text);
  const seen = new Set(spans.map((s) => s.raw));
  let extra = false;
  for (const p of command.placeholders ?? []) {
    if (seen.has(p.raw) || p.raw === '') continue;
    seen.add(p.raw);
    for (let at = command.text.indexOf(p.raw); at !== -1; at = command.text.indexOf(p.raw, at + p.raw.length)) {
      spans.push({ name: p.name, raw: p.raw, start: at, end: at + p.raw.length });
      extra = true;
    }
  }
  if (!extra) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PlaceholderSpan[] = [];
  for (const s of spans) {
    const last = kept[kept.length - 1];
    if (!last || s.start >= last.end) kept.push(s);
  }
  return kept;
}

interface HeredocInsert {
  name: string;
  from: number;
  to: number;
  delimiter: string;
  stripTabs: boolean;
}

/**
 * Could an inserted value end its heredoc early? Inside `$(…)` bash ends a body at a line that
 * merely starts with the delimiter (`EOF)` closes both), so any such line is refused.
 */
function endsHeredoc(text: string, insert: HeredocInsert): boolean {
  const lineStart = text.lastIndexOf('\n', insert.from - 1) + 1;
  const next = text.indexOf('\n', insert.to);
  const lines = text.slice(lineStart, next === -1 ? text.length : next).split('\n');
  return lines.some((line) => (insert.stripTabs ? line.replace(/^\t+/, '') : line).startsWith(insert.delimiter));
}

/** The command with every placeholder replaced by its quoted value. Pure; never runs anything. */
export function renderCommand(
  command: Command,
  values: Readonly<Record<string, string>>,
  opts: RenderOptions = {},
): RenderedCommand {
  const spans = occurrences(command);
  const contexts = scanShellContext(command.text, spans);
  const refused = new Map<string, string>();
  // A heredoc line is only known once all its values are in (`<a><b>` may spell `EOF`), so a
  // value found to end its heredoc is refused and the command rendered again without it.
  for (;;) {
    const rendered = renderOnce(command.text, spans, contexts, values, refused, opts);
    const ended = rendered.heredocInserts.find((insert) => endsHeredoc(rendered.text, insert));
    if (!ended) {
      const blocked = rendered.missing.length > 0 || refused.size > 0;
      return {
        text: blocked && !opts.keepMissing ? '' : rendered.text,
        display: rendered.display,
        missing: rendered.missing,
        unsafe: [...refused].map(([name, reason]) => ({ name, reason })),
      };
    }
    refused.set(ended.name, `its value would end the heredoc (${ended.delimiter})`);
  }
}

function renderOnce(
  source: string,
  spans: readonly PlaceholderSpan[],
  contexts: readonly SpanContext[],
  values: Readonly<Record<string, string>>,
  refused: Map<string, string>,
  opts: RenderOptions,
): { text: string; display: string; missing: string[]; heredocInserts: HeredocInsert[] } {
  const missing: string[] = [];
  const heredocInserts: HeredocInsert[] = [];
  let text = '';
  let display = '';
  let cursor = 0;
  spans.forEach((span, index) => {
    const where: SpanContext = contexts[index] ?? { context: { kind: 'unknown' }, backticks: 0, escaped: false, afterDollar: false };
    // An escaping backslash before the span is replaced together with it.
    const start = where.escaped ? span.start - 1 : span.start;
    const before = source.slice(cursor, start);
    const asWritten = source.slice(start, span.end);
    cursor = span.end;
    text += before;
    display += before;
    const value = Object.hasOwn(values, span.name) ? values[span.name] : undefined;
    if (value === undefined) {
      if (!missing.includes(span.name)) missing.push(span.name);
    }
    const quoted: Quoted =
      value === undefined
        ? { ok: false, reason: 'missing' }
        : refused.has(span.name)
          ? { ok: false, reason: refused.get(span.name) ?? '' }
          : quoteFor(where, value);
    if (!quoted.ok) {
      if (value !== undefined && !refused.has(span.name)) refused.set(span.name, quoted.reason);
      text += asWritten;
      display += asWritten;
      return;
    }
    if (where.heredoc) {
      const { delimiter, stripTabs } = where.heredoc;
      heredocInserts.push({ name: span.name, from: text.length, to: text.length + quoted.text.length, delimiter, stripTabs });
    }
    text += quoted.text;
    display += opts.mask?.has(span.name) ? SECRET : quoted.text;
  });
  text += source.slice(cursor);
  display += source.slice(cursor);
  return { text, display, missing, heredocInserts };
}
