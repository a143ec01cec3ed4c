// SPEC §2 placeholders: `<name>` where the name starts with a letter, ends with a letter or digit,
// and holds letters, digits, `-`, `_`, `.` and single inner spaces. The parser calls this on every
// command, so it is one linear pass that never throws.
import type { Placeholder, Position } from '../model/runbook.js';

const LT = 0x3c; // <
const GT = 0x3e; // >
const SPACE = 0x20;
const NL = 0x0a;
const CR = 0x0d;
const NON_ASCII_LETTER = /\p{L}/u;
const NON_ASCII_DIGIT = /\p{Nd}/u;

function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return NON_ASCII_LETTER.test(text[i] ?? '');
}

function isLetterOrDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  const ch = text[i] ?? '';
  return NON_ASCII_LETTER.test(ch) || NON_ASCII_DIGIT.test(ch);
}

function isNameChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 0x2d || c === 0x5f || c === 0x2e || isLetterOrDigit(text, i); // - _ .
}

/** Index just past the closing `>` of a placeholder opening at `start`, or -1. */
function matchAt(text: string, start: number): number {
  // `<<EOF`, `<<<word` and `<<EOF>` are heredocs and here-strings, not placeholders.
  if (start > 0 && text.charCodeAt(start - 1) === LT) return -1;
  let i = start + 1;
  if (i >= text.length || !isLetter(text, i)) return -1;
  i++;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === GT) return isLetterOrDigit(text, i - 1) ? i + 1 : -1;
    if (c === SPACE) {
      // A single space between name characters only: `<pod name>`, not `< a>`, `<a  b>`, `<a >`.
      if (!isNameChar(text, i + 1)) return -1;
      continue;
    }
    if (!isNameChar(text, i)) return -1;
  }
  return -1;
}

export interface PlaceholderSpan {
  name: string;
  raw: string;
  /** Index of the `<` in the text. */
  start: number;
  /** Index just past the `>`. */
  end: number;
}

/** Every placeholder in `text` as index ranges, in order, never overlapping. */
export function findPlaceholderSpans(text: string): PlaceholderSpan[] {
  const spans: PlaceholderSpan[] = [];
  if (typeof text !== 'string') return spans;
  let from = text.indexOf('<');
  while (from !== -1) {
    const end = matchAt(text, from);
    if (end === -1) {
      from = text.indexOf('<', from + 1);
      continue;
    }
    const raw = text.slice(from, end);
    spans.push({ name: raw.slice(1, -1), raw, start: from, end });
    from = text.indexOf('<', end);
  }
  return spans;
}

/**
 * Every placeholder in `text`, with positions relative to `offset` (the position of the text's
 * first character in its file). Lines end at `\n`, `\r\n` or a lone `\r`, as in micromark.
 */
export function findPlaceholders(text: string, offset: Position = { line: 1, column: 1 }): Placeholder[] {
  const spans = findPlaceholderSpans(text);
  const found: Placeholder[] = [];
  // Line/column advance from the previous placeholder, keeping the whole pass linear.
  let line = offset.line;
  let lineStart = 0; // index of the current line's first character
  let firstLine = true;
  let scanned = 0;
  for (const span of spans) {
    for (; scanned < span.start; scanned++) {
      const c = text.charCodeAt(scanned);
      if (c === NL || (c === CR && text.charCodeAt(scanned + 1) !== NL)) {
        line++;
        lineStart = scanned + 1;
        firstLine = false;
      }
    }
    const column = firstLine ? offset.column + span.start : span.start - lineStart + 1;
    found.push({ name: span.name, raw: span.raw, position: { line, column } });
  }
  return found;
}
