// Markdown building blocks for everything that ends up on GitHub (plan comments, diffs, drill
// records): inline code, fenced blocks, runbook prose on one line, and table cells. One home, so
// every renderer escapes the same way. Pure.
//
// The rules they follow (CommonMark 0.31 and GFM tables, as micromark reads them):
// - A code span is closed by a backtick run of the same length; inside it backslashes are
//   literal, line endings read as spaces, and one space is stripped from each end when both ends
//   are spaces and not everything is a space.
// - Outside code, a backslash before ASCII punctuation escapes it (`\`` opens no code span).
// - A table row is cut into cells before anything else is parsed: a `|` that is not escaped ends
//   the cell, inside a code span too. In a code span of a cell `\|` then reads as `|`, while `\\`
//   stays two backslashes, so a backslash right before a pipe cannot be written in one.

/** Inline code that shows `text` exactly (line breaks as spaces), whatever backticks it holds. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  // Nothing shows an empty span; a lone space is the closest an empty value gets.
  if (flat === '') return '` `';
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || losesPadding(flat) ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run in the text. */
export function codeBlock(text: string, lang = ''): string {
  const body = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  const ticks = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  // An info string may not hold a backtick, and only its first word is the language.
  const info = lang.replace(/[`\s]/g, '');
  return `${ticks}${info}\n${body}\n${ticks}`;
}

/**
 * Runbook prose (already Markdown) on one line, made safe to embed: code spans and escapes are
 * kept as written; outside them `<` is escaped, so `<deployment-name>` in prose is shown rather
 * than swallowed as an HTML tag.
 */
export function inlineText(markdown: string): string {
  const flat = markdown.replace(/\s*(?:\r\n?|\n)\s*/g, ' ').trim();
  return scanInline(flat)
    .map((piece) => (piece.kind === 'text' ? piece.text.replaceAll('<', '&lt;') : piece.text))
    .join('');
}

/**
 * Markdown for one GFM table cell: it shows what the same Markdown shows outside a table and never
 * ends the cell or the row. Pipes get an odd number of backslashes before them (inside code spans
 * too), line breaks become `<br>`. Inline code that holds a backslash right before a pipe, which
 * no code span in a cell can show, becomes `<code>` with its text as character references.
 */
export function tableCell(markdown: string): string {
  const pieces = scanInline(markdown.replace(/\r\n?/g, '\n'));
  const cell = pieces
    .map((piece) => {
      switch (piece.kind) {
        case 'text':
          return piece.text.replaceAll('|', '\\|').replaceAll('\n', '<br>');
        case 'escape':
          // A backslash before a line ending is a hard line break.
          return piece.text === '\\\n' ? '<br>' : piece.text;
        case 'code':
          return codeInCell(piece.ticks, piece.content);
      }
    })
    .join('');
  // A lone backslash at the end would escape a `|` written right after the cell.
  const last = pieces.at(-1);
  return last?.kind === 'text' && last.text.endsWith('\\') ? `${cell}\\` : cell;
}

type InlinePiece = { kind: 'text'; text: string } | { kind: 'escape'; text: string } | { kind: 'code'; text: string; ticks: number; content: string };

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** Markdown cut into code spans, backslash escapes and the text between them. */
function scanInline(markdown: string): InlinePiece[] {
  const pieces: InlinePiece[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') pieces.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < markdown.length) {
    const ch = markdown[i] as string;
    const next = markdown[i + 1];
    if (ch === '\\' && next !== undefined && (next === '\n' || ASCII_PUNCTUATION.test(next))) {
      flush();
      pieces.push({ kind: 'escape', text: ch + next });
      i += 2;
      continue;
    }
    if (ch === '`') {
      const ticks = runAt(markdown, i);
      const close = findRun(markdown, i + ticks, ticks);
      if (close === -1) {
        // An unmatched run is literal backticks.
        text += markdown.slice(i, i + ticks);
        i += ticks;
        continue;
      }
      flush();
      pieces.push({ kind: 'code', text: markdown.slice(i, close + ticks), ticks, content: markdown.slice(i + ticks, close) });
      i = close + ticks;
      continue;
    }
    text += ch;
    i += 1;
  }
  flush();
  return pieces;
}

function codeInCell(ticks: number, content: string): string {
  const flat = content.replaceAll('\n', ' ');
  const runs = [...flat.matchAll(/(\\*)\|/g)].map((match) => (match[1] as string).length);
  if (runs.every((run) => run % 2 === 0)) {
    const fence = '`'.repeat(ticks);
    return `${fence}${flat.replace(/(\\*)\|/g, '$1\\|')}${fence}`;
  }
  const shown = losesPadding(flat) ? flat.slice(1, -1) : flat;
  return `<code>${shown.replace(/[!-/:-@[-`{-~]/g, (c) => `&#${c.charCodeAt(0)};`)}</code>`;
}

/** Would a code span strip a space from each end (spaces at both ends, not only spaces)? */
function losesPadding(content: string): boolean {
  return content.startsWith(' ') && content.endsWith(' ') && !/^ +$/.test(content);
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

function runAt(text: string, i: number): number {
  let n = 0;
  while (text[i + n] === '`') n += 1;
  return n;
}

/** Index of the next backtick run of exactly `n`, or -1 (CommonMark's rule for closing a code span). */
function findRun(text: string, from: number, n: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] !== '`') {
      i += 1;
      continue;
    }
    const m = runAt(text, i);
    if (m === n) return i;
    i += m;
  }
  return -1;
}
