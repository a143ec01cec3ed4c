// Compare a command's output with the lines a console transcript shows after it.
// `...` alone on a line matches any number of lines (none included); `...` inside a line matches
// any text there (so `Waiting for rollout...` still matches itself). Trailing whitespace,
// CRLF and trailing blank lines do not count.
import { excerpt, quote } from './format-evidence.js';
import type { Mask } from '../run/mask-secrets.js';

export interface ConsoleComparison {
  ok: boolean;
  /** On success a summary; on failure the first line that differs, expected vs actual. */
  evidence: string;
}

const ELLIPSIS = '...';
const ANY_LINES = Symbol('any lines');
type Pattern = typeof ANY_LINES | string;

export function compareConsole(actual: string, expected: readonly string[], mask?: Mask): ConsoleComparison {
  const lines = normalize(actual.split('\n'));
  const patterns = compile(normalize(expected.flatMap((line) => line.split('\n'))));

  // Glob matching over lines: backtrack to the last `...` when a line does not fit.
  let line = 0;
  let pattern = 0;
  let starPattern = -1;
  let starLine = 0;
  let worst: { pattern: number; line: number } | undefined;
  const miss = (at: { pattern: number; line: number }): void => {
    // The deepest point reached is the most telling mismatch to show.
    if (worst === undefined || at.pattern > worst.pattern || (at.pattern === worst.pattern && at.line > worst.line)) worst = at;
  };
  while (line < lines.length) {
    const current = patterns[pattern];
    if (current === ANY_LINES) {
      starPattern = pattern;
      starLine = line;
      pattern += 1;
    } else if (current !== undefined && lineMatches(current, lines[line] ?? '')) {
      line += 1;
      pattern += 1;
    } else {
      miss({ pattern, line });
      if (starPattern === -1) break;
      starLine += 1;
      line = starLine;
      pattern = starPattern + 1;
    }
  }
  while (patterns[pattern] === ANY_LINES) pattern += 1;
  if (line >= lines.length && pattern >= patterns.length) {
    return { ok: true, evidence: `output matches the transcript (${lines.length} ${lines.length === 1 ? 'line' : 'lines'})` };
  }
  if (line >= lines.length) miss({ pattern, line });
  return { ok: false, evidence: describeMiss(worst ?? { pattern, line }, patterns, lines, mask) };
}

function describeMiss(at: { pattern: number; line: number }, patterns: readonly Pattern[], lines: readonly string[], mask: Mask | undefined): string {
  const want = patterns[at.pattern];
  const got = lines[at.line];
  const expected = want === undefined || want === ANY_LINES ? 'end of output' : quote(excerpt(want, 0, 0, undefined, mask));
  const actual = got === undefined ? 'end of output' : quote(excerpt(got, 0, 0, undefined, mask));
  return `line ${at.line + 1}: expected ${expected}, got ${actual}`;
}

function normalize(lines: readonly string[]): string[] {
  const trimmed = lines.map((line) => line.replace(/\s+$/, ''));
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return trimmed;
}

function compile(lines: readonly string[]): Pattern[] {
  const patterns: Pattern[] = [];
  for (const line of lines) {
    const wild = line.trim() === ELLIPSIS;
    if (wild && patterns[patterns.length - 1] === ANY_LINES) continue;
    patterns.push(wild ? ANY_LINES : line);
  }
  return patterns;
}

/** Exact, except that each `...` inside the expected line matches any text. */
function lineMatches(expected: string, actual: string): boolean {
  if (!expected.includes(ELLIPSIS)) return expected === actual;
  const parts = expected.split(ELLIPSIS);
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (!actual.startsWith(first) || actual.length < first.length + last.length) return false;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = actual.indexOf(part, at);
    if (found === -1) return false;
    at = found + part.length;
  }
  return actual.length - last.length >= at && actual.endsWith(last);
}
