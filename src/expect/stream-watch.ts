// Watches one stream of one process as its chunks arrive. Memory stays flat however much the
// process prints: only the head and the tail are kept, yet every `contains` and `matches`
// matcher for this stream is checked against everything that went past.
//
// Semantics, exactly:
// - `contains` finds its text anywhere in the stream, across chunk and line boundaries (a carry of
//   the last needle-length characters joins one chunk to the next); case-sensitive, bytes as
//   UTF-8 text, line endings untouched.
// - `matches` tests the regex against each line (without its `\n` or `\r\n`); a line longer than
//   `maxLineLength` is tested in overlapping pieces of that length. A regex that can match a line
//   break (`\n`, `\s`, `[^…]`, the `s` flag…) is also tested against a sliding window of recent
//   whole lines (8 Ki characters plus the new chunk). At the end, every regex still unmatched is
//   tested against the kept text: the whole output when it fit in head + tail, else the head and
//   the tail windows separately (each cut to whole lines).
// - The first match of each matcher is kept as evidence: its 1-based line number and the matching
//   line, cut to about 200 characters around the match, masked before it is cut (with `mask`).
// - `text()` is the raw kept text, for captures and matchers; `shown()` is what may be shown:
//   masked, its head and tail cut where no piece of a secret is left on either side.
import type { Matcher, StreamName } from '../model/runbook.js';
import { excerpt } from './format-evidence.js';
import type { Mask } from '../run/mask-secrets.js';
import { formatMatcher } from './format-matcher.js';

export type TextMatcher = Extract<Matcher, { kind: 'contains' | 'matches' }>;

export interface Finding {
  /** 1-based line of the stream where the match starts. */
  line: number;
  /** The matching line (or lines), cut to about 200 characters around the match. */
  excerpt: string;
}

export interface StreamWatchOptions {
  stream?: StreamName;
  /** Matchers of the step; those about this stream's text are checked while streaming. */
  matchers?: readonly Matcher[];
  headBytes?: number;
  tailBytes?: number;
  maxLineLength?: number;
  /** Masks every excerpt and `shown()` before cutting; without it they are raw. */
  mask?: Mask;
}

interface Watched {
  matcher: TextMatcher;
  regex: RegExp | undefined;
  spans: boolean;
  finding: Finding | undefined;
}

export const DEFAULT_KEEP_BYTES = 64 * 1024;
const SPAN_WINDOW = 8 * 1024;
const PIECE_OVERLAP = 1024;
const EXCERPT_CONTEXT = 200;
const NEWLINE = 0x0a;
const COMPACT_PARTS = 64;

export class StreamWatch {
  readonly stream: StreamName;
  private readonly headBytes: number;
  private readonly tailBytes: number;
  private readonly maxLine: number;
  private readonly watched = new Map<string, Watched>();
  private readonly carryLength: number;
  /** What excerpts and `shown()` are masked with. */
  readonly mask: Mask | undefined;

  private total = 0;
  private newlines = 0;
  private lastByte = -1;
  private sawText = false;
  private readonly headParts: Buffer[] = [];
  private headLength = 0;
  private tailParts: Buffer[] = [];
  private tailLength = 0;
  private ended = false;

  /** Text of the current line not scanned yet (held back until its end arrives). */
  private pending = '';
  /** 1-based line number of the first character of the next block to scan. */
  private lineNo = 1;
  /** The last characters scanned, so `contains` finds text spanning two blocks. */
  private recent = '';
  /** Recent whole lines, for regexes that can match across a line break. */
  private spanCarry = '';
  /** False after a forced cut in the middle of a very long line: the next block starts mid-line. */
  private aligned = true;

  constructor(options: StreamWatchOptions = {}) {
    this.stream = options.stream ?? 'stdout';
    this.headBytes = options.headBytes ?? DEFAULT_KEEP_BYTES;
    this.tailBytes = options.tailBytes ?? DEFAULT_KEEP_BYTES;
    this.maxLine = Math.max(options.maxLineLength ?? DEFAULT_KEEP_BYTES, PIECE_OVERLAP * 2);
    this.mask = options.mask;
    let longest = 0;
    for (const matcher of options.matchers ?? []) {
      if ((matcher.kind !== 'contains' && matcher.kind !== 'matches') || matcher.stream !== this.stream) continue;
      const regex = matcher.kind === 'matches' ? compileMatcherRegex(matcher) : undefined;
      const spans = matcher.kind === 'matches' && canSpanLines(matcher.source, matcher.flags);
      if (matcher.kind === 'contains') longest = Math.max(longest, matcher.text.length);
      this.watched.set(formatMatcher(matcher), { matcher, regex, spans, finding: undefined });
    }
    this.carryLength = Math.max(longest - 1, EXCERPT_CONTEXT);
  }

  /** Bytes seen so far. */
  get bytes(): number {
    return this.total;
  }

  /** Lines seen so far: newlines, plus one for a last line without its newline. */
  get lines(): number {
    return this.newlines + (this.total > 0 && this.lastByte !== NEWLINE ? 1 : 0);
  }

  /** Nothing but whitespace so far (what `is empty` means: a lone `\n` is still empty). */
  get blank(): boolean {
    return !this.sawText;
  }

  /** More was seen than is kept. */
  get truncated(): boolean {
    return this.total > this.headLength + this.tailLength;
  }

  /**
   * One chunk of the stream: its bytes (kept and counted) and their text, decoded by the caller
   * with a StringDecoder over the same bytes in the same order, so the output is decoded once for
   * the matchers, the masking and the log alike. The decoder's final text goes to `end(rest)`.
   */
  writeDecoded(bytes: Buffer, text: string): void {
    if (this.ended) throw new Error(`StreamWatch(${this.stream}): write after end`);
    if (bytes.length === 0) return;
    this.keep(bytes);
    this.count(bytes);
    if (this.searching()) this.feed(text, false);
  }

  /** The stream closed: scan what was held back and try the kept text. Safe to call twice. */
  end(rest = ''): void {
    if (this.ended) return;
    this.ended = true;
    if (this.searching()) this.feed(rest, true);
    for (const watched of this.watched.values()) {
      if (watched.finding === undefined && watched.regex !== undefined) watched.finding = this.searchKept(watched.matcher);
    }
  }

  /** Is this matcher checked on the whole stream (it was given to the constructor)? */
  tracks(matcher: TextMatcher): boolean {
    return matcher.stream === this.stream && this.watched.has(formatMatcher(matcher));
  }

  /**
   * Where the matcher matched, or undefined. A matcher not given to the constructor is looked
   * for in the kept text only (see `tracks`).
   */
  find(matcher: TextMatcher): Finding | undefined {
    const watched = matcher.stream === this.stream ? this.watched.get(formatMatcher(matcher)) : undefined;
    if (watched?.finding !== undefined) return watched.finding;
    if (watched !== undefined && (this.ended || matcher.kind === 'contains')) return undefined;
    return this.searchKept(matcher);
  }

  /** Head and tail, with a marker saying how much was left out between them. */
  text(): string {
    const head = Buffer.concat(this.headParts);
    const tail = Buffer.concat(this.tailParts);
    if (!this.truncated) {
      const rest = this.total - head.length;
      return Buffer.concat([head, tail.subarray(tail.length - rest)]).toString('utf8');
    }
    const kept = this.keptParts(head, tail);
    return `${kept.head}\n…[${kept.omitted} bytes omitted]…\n${kept.tail}`;
  }

  /**
   * The kept text as it may be shown: masked, and where head and tail were cut apart, each cut
   * moved so that no piece of a secret is left at it.
   */
  shown(): string {
    const mask = this.mask ?? ((text: string) => text);
    if (!this.truncated) return mask(this.text());
    const kept = this.keptParts(Buffer.concat(this.headParts), Buffer.concat(this.tailParts));
    const head = kept.head.slice(0, this.mask?.safeEnd?.(kept.head) ?? kept.head.length);
    const tail = kept.tail.slice(this.mask?.safeStart?.(kept.tail) ?? 0);
    const omitted = kept.omitted + Buffer.byteLength(kept.head.slice(head.length)) + Buffer.byteLength(kept.tail.slice(0, kept.tail.length - tail.length));
    return `${mask(head)}\n…[${omitted} bytes omitted]…\n${mask(tail)}`;
  }

  /** The last line with something on it, for evidence of what a command ended with (masked, then cut). */
  lastLine(): string {
    const tail = Buffer.concat(this.tailParts);
    const text = tail.subarray(utf8Start(tail)).toString('utf8');
    const lines = text.split('\n').map((line) => line.trimEnd());
    const last = [...lines].reverse().find((line) => line !== '') ?? '';
    // The first kept line may be the end of a longer one, and of a secret.
    const whole = this.truncated && last === lines.find((line) => line !== '') ? last.slice(this.mask?.safeStart?.(last) ?? 0) : last;
    return excerpt(whole, 0, 0, undefined, this.mask);
  }

  private keptParts(head: Buffer, tail: Buffer): { head: string; tail: string; omitted: number } {
    const headKept = head.subarray(0, utf8End(head));
    const tailKept = tail.subarray(utf8Start(tail));
    return {
      head: headKept.toString('utf8'),
      tail: tailKept.toString('utf8'),
      omitted: this.total - headKept.length - tailKept.length,
    };
  }

  private keep(bytes: Buffer): void {
    if (this.headLength < this.headBytes) {
      const take = bytes.subarray(0, this.headBytes - this.headLength);
      // Copies, so a kept slice never pins the caller's (possibly huge) chunk in memory.
      this.headParts.push(Buffer.from(take));
      this.headLength += take.length;
    }
    if (this.tailBytes === 0) return;
    // A chunk no larger than the tail is kept as it is: streams hand each read its own buffer, and
    // copying every chunk of a gigabyte only to drop it a moment later is what made memory climb.
    // A larger chunk is cut and copied, so it is not pinned whole.
    const piece = bytes.length > this.tailBytes ? Buffer.from(bytes.subarray(bytes.length - this.tailBytes)) : bytes;
    this.tailParts.push(piece);
    this.tailLength += piece.length;
    while (this.tailParts.length > 1 && this.tailLength - (this.tailParts[0]?.length ?? 0) >= this.tailBytes) {
      this.tailLength -= this.tailParts.shift()?.length ?? 0;
    }
    const first = this.tailParts[0];
    if (first !== undefined && this.tailLength > this.tailBytes) {
      this.tailParts[0] = first.subarray(this.tailLength - this.tailBytes);
      this.tailLength = this.tailBytes;
    }
    if (this.tailParts.length > COMPACT_PARTS) this.tailParts = [Buffer.concat(this.tailParts)];
  }

  private count(bytes: Buffer): void {
    this.total += bytes.length;
    this.lastByte = bytes[bytes.length - 1] ?? this.lastByte;
    for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) this.newlines += 1;
    if (!this.sawText) this.sawText = bytes.some((byte) => !WHITESPACE_BYTES.has(byte));
  }

  private searching(): boolean {
    for (const watched of this.watched.values()) if (watched.finding === undefined) return true;
    return false;
  }

  /** Split decoded text into blocks of whole lines; hold the unfinished line back (bounded). */
  private feed(text: string, final: boolean): void {
    const data = this.pending + text;
    const cut = final ? data.length : data.lastIndexOf('\n') + 1;
    this.pending = data.slice(cut);
    if (cut > 0) this.scanBlock(data.slice(0, cut), true);
    if (this.pending.length > this.maxLine) {
      // A line too long to hold: scan what we have of it and go on mid-line.
      const piece = this.pending;
      this.pending = '';
      this.scanBlock(piece, false);
    }
  }

  private scanBlock(block: string, atLineEnd: boolean): void {
    const firstLine = this.lineNo;
    this.searchContains(block, firstLine);
    this.searchLines(block, firstLine);
    this.searchSpans(block, firstLine, atLineEnd);
    this.lineNo += countNewlines(block, 0, block.length);
  }

  private open(kind: TextMatcher['kind'], spans = false): Watched[] {
    return [...this.watched.values()].filter(
      (watched) => watched.finding === undefined && watched.matcher.kind === kind && (!spans || watched.spans),
    );
  }

  private searchContains(block: string, firstLine: number): void {
    const open = this.open('contains');
    if (open.length === 0) return;
    const window = this.recent + block;
    const windowLine = firstLine - countNewlines(this.recent, 0, this.recent.length);
    for (const watched of open) {
      if (watched.matcher.kind !== 'contains') continue;
      const at = window.indexOf(watched.matcher.text);
      if (at !== -1) watched.finding = findingAt(window, at, watched.matcher.text.length, windowLine, this.mask);
    }
    this.recent = window.slice(-this.carryLength);
  }

  private searchLines(block: string, firstLine: number): void {
    let open = this.open('matches');
    if (open.length === 0) return;
    let line = firstLine;
    for (let start = 0; start < block.length && open.length > 0; line += 1) {
      const newline = block.indexOf('\n', start);
      const end = newline === -1 ? block.length : newline;
      const text = block.slice(start, end);
      let found = false;
      for (const watched of open) {
        watched.finding = watched.regex === undefined ? undefined : matchLine(watched.regex, text, line, this.maxLine, this.mask);
        found ||= watched.finding !== undefined;
      }
      if (found) open = open.filter((watched) => watched.finding === undefined);
      start = end + 1;
    }
  }

  private searchSpans(block: string, firstLine: number, atLineEnd: boolean): void {
    const open = this.open('matches', true);
    if (open.length === 0) return;
    // Keep the window aligned to line starts, so `^` never matches in the middle of a line.
    const skip = this.aligned ? 0 : block.indexOf('\n') + 1 || block.length;
    const window = this.spanCarry + block.slice(skip);
    const windowLine = firstLine + countNewlines(block, 0, skip) - countNewlines(this.spanCarry, 0, this.spanCarry.length);
    const tested = window.endsWith('\n') ? window.slice(0, -1) : window;
    for (const watched of window === '' ? [] : open) {
      const match = watched.regex?.exec(tested);
      if (match) watched.finding = findingAt(tested, match.index, match[0].length, windowLine, this.mask);
    }
    this.aligned = atLineEnd;
    if (!atLineEnd) {
      this.spanCarry = '';
      return;
    }
    const from = window.length <= SPAN_WINDOW ? 0 : window.indexOf('\n', window.length - SPAN_WINDOW - 1) + 1;
    this.spanCarry = window.slice(from);
  }

  /** Look in the kept text: all of it when nothing was dropped, else head and tail apart. */
  private searchKept(matcher: TextMatcher): Finding | undefined {
    const head = Buffer.concat(this.headParts);
    const tail = Buffer.concat(this.tailParts);
    if (!this.truncated) return searchText(matcher, this.text(), 1, this.maxLine, this.mask);
    const kept = this.keptParts(head, tail);
    // Whole lines only: a cut line could match where the real one does not.
    const headLines = this.headLength > 0 && kept.head.includes('\n') ? kept.head.slice(0, kept.head.lastIndexOf('\n') + 1) : '';
    const found = searchText(matcher, headLines, 1, this.maxLine, this.mask);
    if (found !== undefined) return found;
    const tailLines = kept.tail.includes('\n') ? kept.tail.slice(kept.tail.indexOf('\n') + 1) : '';
    const tailLine = 1 + this.newlines - countNewlines(tailLines, 0, tailLines.length);
    return searchText(matcher, tailLines, tailLine, this.maxLine, this.mask);
  }
}

/** The regex of a `matches` matcher, or undefined when it cannot be compiled. */
export function compileMatcherRegex(matcher: Extract<Matcher, { kind: 'matches' }>): RegExp | undefined {
  try {
    // `g` and `y` make a RegExp stateful between tests; a matcher never needs them.
    return new RegExp(matcher.source, matcher.flags.replace(/[gy]/g, ''));
  } catch {
    return undefined;
  }
}

const WHITESPACE_BYTES = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]);

/** Can this regex match a line break? A cheap, generous guess; the kept text covers the rest. */
function canSpanLines(source: string, flags: string): boolean {
  return flags.includes('s') || /\\[nrsDWc]|\\x0[aAdD]|\\u\{?0*[aAdD]\}?|\[\^/.test(source);
}

function searchText(matcher: TextMatcher, text: string, firstLine: number, maxLine: number, mask: Mask | undefined): Finding | undefined {
  // No output has no lines: not even `/^$/` matches it.
  if (text === '') return undefined;
  if (matcher.kind === 'contains') {
    const at = text.indexOf(matcher.text);
    return at === -1 ? undefined : findingAt(text, at, matcher.text.length, firstLine, mask);
  }
  const regex = compileMatcherRegex(matcher);
  if (regex === undefined) return undefined;
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (index === lines.length - 1 && line === '') break;
    const found = matchLine(regex, line, firstLine + index, maxLine, mask);
    if (found !== undefined) return found;
  }
  const tested = text.endsWith('\n') ? text.slice(0, -1) : text;
  const match = regex.exec(tested);
  return match ? findingAt(tested, match.index, match[0].length, firstLine, mask) : undefined;
}

function matchLine(regex: RegExp, raw: string, line: number, maxLine: number, mask: Mask | undefined): Finding | undefined {
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  for (let from = 0; ; from += maxLine - PIECE_OVERLAP) {
    const piece = text.length <= maxLine ? text : text.slice(from, from + maxLine);
    const match = regex.exec(piece);
    if (match) return { line, excerpt: detach(excerpt(piece, match.index, match.index + match[0].length, undefined, mask)) };
    if (from + maxLine >= text.length) return undefined;
  }
}

/** The finding for a match at [at, at + length) of `text`, whose first line is `firstLine`. */
function findingAt(text: string, at: number, length: number, firstLine: number, mask: Mask | undefined): Finding {
  const start = at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', Math.max(at, at + length - 1));
  const end = newline === -1 ? text.length : newline;
  return {
    line: firstLine + countNewlines(text, 0, at),
    excerpt: detach(excerpt(text.slice(start, end), at - start, at + length - start, undefined, mask)),
  };
}

/** A copy of a short string, so a kept excerpt does not pin the 64 KiB block it was sliced from. */
function detach(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** Length of `buffer` without a UTF-8 sequence cut off at its end. */
function utf8End(buffer: Buffer): number {
  for (let back = 1; back <= Math.min(4, buffer.length); back += 1) {
    const byte = buffer[buffer.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? buffer.length - back : buffer.length;
  }
  return buffer.length;
}

/** Offset of the first byte in `buffer` that does not continue a sequence cut off before it. */
function utf8Start(buffer: Buffer): number {
  let at = 0;
  while (at < Math.min(3, buffer.length) && ((buffer[at] ?? 0) & 0xc0) === 0x80) at += 1;
  return at;
}
