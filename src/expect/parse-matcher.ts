// The matcher language: the text of one inline code span in an Expected Outcome becomes a
// checkable claim, an explained mistake, or stays prose.
//
//   exit 0 | exit N | exit nonzero            (also `exit code 0`, `exit non-zero`, `exit != 0`)
//   STREAM contains "text"                    (double, single or curly quotes; JS escapes)
//   STREAM matches /re/flags                  (flags from i m s u v)
//   STREAM is empty                           (nothing but whitespace)
//   [STREAM] lines OP N                       (OP: >= <= == = > <; default stream stdout)
//   within DURATION                           (30s, 2m, 1h, 1m30s, 500ms…)
//   STREAM: stdout | stderr | output (= stdout); keywords ignore case.
//
// A span is a matcher attempt only when it starts with a keyword followed by more text, so
// prose such as `stdout`, `exit;`, `output.json` or `Image:` stays prose.
import type { Matcher, StreamName } from '../model/runbook.js';
import { parseDuration } from './parse-duration.js';

export { parseDuration } from './parse-duration.js';

export type ParsedMatcher =
  | { kind: 'matcher'; matcher: Matcher }
  /** `offset`: where in `source` the unexpected part starts (0-based), for a lint column. */
  | { kind: 'invalid'; reason: string; offset: number }
  | { kind: 'prose' };

const KEYWORDS = new Set(['exit', 'stdout', 'stderr', 'output', 'lines', 'within']);
const LINE_OPS = ['>=', '<=', '==', '=', '>', '<'] as const;
const ALLOWED_FLAGS = 'imsuv';
const QUOTES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '“': '”', '‘': '’' };
const OP_CHARS = '<>=!';

class SyntaxProblem extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

type Token =
  | { type: 'word'; text: string; start: number }
  | { type: 'op'; text: string; start: number }
  | { type: 'string'; value: string; raw: string; start: number }
  | { type: 'regex'; source: string; flags: string; raw: string; start: number }
  | { type: 'end'; start: number };

export function parseMatcher(source: string): ParsedMatcher {
  const lead = /^[A-Za-z]+/.exec(source.trimStart());
  if (!lead || !KEYWORDS.has(lead[0].toLowerCase())) return { kind: 'prose' };
  const start = source.length - source.trimStart().length;
  const after = source.slice(start + lead[0].length);
  const next = after[0];
  const opensOp = lead[0].toLowerCase() === 'lines' && next !== undefined && OP_CHARS.includes(next);
  if (next !== undefined && !/\s/.test(next) && !opensOp) return { kind: 'prose' };
  if (after.trim() === '') return { kind: 'prose' };
  try {
    return { kind: 'matcher', matcher: new Parser(source, start).parse() };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { kind: 'invalid', reason: error.reason, offset: error.offset };
    throw error;
  }
}

class Parser {
  private offset: number;

  constructor(
    private readonly source: string,
    start: number,
  ) {
    this.offset = start;
  }

  parse(): Matcher {
    const keyword = this.expectWord('a matcher keyword');
    switch (keyword.text.toLowerCase()) {
      case 'exit':
        return this.exit();
      case 'within':
        return this.within();
      case 'lines':
        return this.lines('stdout');
      default:
        return this.stream(keyword.text.toLowerCase() === 'stderr' ? 'stderr' : 'stdout');
    }
  }

  private exit(): Matcher {
    let token = this.next();
    if (token.type === 'word' && token.text.toLowerCase() === 'code') token = this.next();
    const expected = 'an exit code from 0 to 255 or `nonzero`';
    let code: number | 'nonzero';
    if (token.type === 'word' && /^(non-?zero)$/i.test(token.text)) code = 'nonzero';
    else if (token.type === 'op' && token.text === '!=') {
      const zero = this.next();
      if (zero.type !== 'word' || !/^0+$/.test(zero.text)) throw this.unexpected(zero, '`0` after `!=`');
      code = 'nonzero';
    } else if (token.type === 'word' && /^\d+$/.test(token.text) && Number(token.text) <= 255) code = Number(token.text);
    else throw this.unexpected(token, expected);
    this.expectEnd();
    return { kind: 'exit', code };
  }

  private within(): Matcher {
    const rest = this.source.slice(this.offset);
    const at = this.offset + (rest.length - rest.trimStart().length);
    const ms = parseDuration(rest);
    const shown = rest.trim();
    if (ms === undefined || ms <= 0) {
      throw new SyntaxProblem(`Unexpected ${show(shown)}, expected a positive duration such as \`30s\`, \`2m\` or \`1m30s\``, at);
    }
    return { kind: 'within', ms };
  }

  private stream(stream: StreamName): Matcher {
    const verb = this.next();
    const verbText = verb.type === 'word' ? verb.text.toLowerCase() : '';
    if (verbText === 'contains') {
      const text = this.next();
      if (text.type !== 'string') throw this.unexpected(text, 'quoted text such as `"ready"`');
      if (text.value === '') throw new SyntaxProblem('Unexpected empty text, expected something to look for', text.start);
      this.expectEnd();
      return { kind: 'contains', stream, text: text.value };
    }
    if (verbText === 'matches') {
      const re = this.next();
      if (re.type !== 'regex') throw this.unexpected(re, 'a regular expression such as `/ready|done/i`');
      this.expectEnd();
      return { kind: 'matches', stream, source: re.source, flags: re.flags };
    }
    if (verbText === 'is') {
      const empty = this.next();
      if (empty.type !== 'word' || empty.text.toLowerCase() !== 'empty') throw this.unexpected(empty, '`empty`');
      this.expectEnd();
      return { kind: 'empty', stream };
    }
    if (verbText === 'lines') return this.lines(stream);
    throw this.unexpected(verb, '`contains`, `matches`, `is empty` or `lines`');
  }

  private lines(stream: StreamName): Matcher {
    const op = this.next();
    const known = LINE_OPS.find((candidate) => op.type === 'op' && op.text === candidate);
    if (!known) throw this.unexpected(op, 'a comparison (`>=`, `<=`, `==`, `>` or `<`)');
    const count = this.next();
    if (count.type !== 'word' || !/^\d+$/.test(count.text) || !Number.isSafeInteger(Number(count.text))) {
      throw this.unexpected(count, 'a whole number of lines');
    }
    this.expectEnd();
    return { kind: 'lines', stream, op: known === '=' ? '==' : known, count: Number(count.text) };
  }

  private expectWord(expected: string): Extract<Token, { type: 'word' }> {
    const token = this.next();
    if (token.type !== 'word') throw this.unexpected(token, expected);
    return token;
  }

  private expectEnd(): void {
    const token = this.next();
    if (token.type !== 'end') throw this.unexpected(token, 'the end of the matcher');
  }

  private unexpected(token: Token, expected: string): SyntaxProblem {
    return new SyntaxProblem(`Unexpected ${describe(token)}, expected ${expected}`, token.start);
  }

  /** The next token; scanning problems (an unclosed quote, a bad regex) are reported here. */
  private next(): Token {
    const { source } = this;
    while (this.offset < source.length && /\s/.test(source[this.offset] ?? '')) this.offset += 1;
    const start = this.offset;
    const char = source[start];
    if (char === undefined) return { type: 'end', start };
    const close = QUOTES[char];
    if (close !== undefined) return this.string(start, close);
    if (char === '/') return this.regex(start);
    if (OP_CHARS.includes(char)) {
      const two = source.slice(start, start + 2);
      const text = ['>=', '<=', '==', '!='].includes(two) ? two : char;
      this.offset += text.length;
      return { type: 'op', text, start };
    }
    let end = start;
    while (end < source.length && !/\s/.test(source[end] ?? '') && !OP_CHARS.includes(source[end] ?? '')) end += 1;
    this.offset = end;
    return { type: 'word', text: source.slice(start, end), start };
  }

  private string(start: number, close: string): Token {
    const { source } = this;
    let value = '';
    let index = start + 1;
    while (index < source.length) {
      const char = source[index] ?? '';
      if (char === close) {
        this.offset = index + 1;
        return { type: 'string', value, raw: source.slice(start, index + 1), start };
      }
      if (char === '\\') {
        const [decoded, length] = unescape(source, index + 1);
        value += decoded;
        index += 1 + length;
        continue;
      }
      value += char;
      index += 1;
    }
    throw new SyntaxProblem(`Unexpected end of matcher, expected a closing ${close} for the text starting at ${show(source.slice(start, start + 20))}`, source.length);
  }

  private regex(start: number): Token {
    const { source } = this;
    let index = start + 1;
    let inClass = false;
    while (index < source.length) {
      const char = source[index];
      if (char === '\\') index += 2;
      else if (char === '[') (inClass = true), (index += 1);
      else if (char === ']') (inClass = false), (index += 1);
      else if (char === '/' && !inClass) break;
      else index += 1;
    }
    if (index >= source.length) {
      throw new SyntaxProblem(`Unexpected end of matcher, expected a closing \`/\` for the regular expression ${show(source.slice(start))}`, source.length);
    }
    const body = source.slice(start + 1, index);
    const flagsMatch = /^[A-Za-z]*/.exec(source.slice(index + 1));
    const flags = flagsMatch?.[0] ?? '';
    this.offset = index + 1 + flags.length;
    const raw = source.slice(start, this.offset);
    if (body === '') throw new SyntaxProblem('Unexpected empty regular expression `//`, expected a pattern between the slashes', start);
    const badFlag = [...flags].find((flag) => !ALLOWED_FLAGS.includes(flag));
    if (badFlag !== undefined) {
      throw new SyntaxProblem(`Unexpected flag \`${badFlag}\` in ${show(raw)}, expected flags from \`i\`, \`m\`, \`s\`, \`u\` and \`v\``, index + 1);
    }
    try {
      new RegExp(body, flags);
    } catch (error) {
      const cause = error instanceof Error ? error.message.replace(/^.*: /, '') : String(error);
      throw new SyntaxProblem(`Unexpected regular expression ${show(raw)} (${cause}), expected a valid JavaScript regular expression`, start);
    }
    return { type: 'regex', source: body, flags, raw, start };
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** JS string escapes: the decoded text and how many characters after the backslash it used. */
function unescape(source: string, at: number): [string, number] {
  const char = source[at];
  if (char === undefined) return ['\\', 0];
  const simple = SIMPLE_ESCAPES[char];
  if (simple !== undefined) return [simple, 1];
  const hex = (length: number): [string, number] | undefined => {
    const digits = source.slice(at + 1, at + 1 + length);
    return /^[0-9a-fA-F]+$/.test(digits) && digits.length === length ? [String.fromCharCode(parseInt(digits, 16)), 1 + length] : undefined;
  };
  if (char === 'x') return hex(2) ?? [char, 1];
  if (char === 'u') {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(source.slice(at + 1));
    if (braced?.[1] !== undefined) {
      const point = parseInt(braced[1], 16);
      if (point <= 0x10ffff) return [String.fromCodePoint(point), 1 + braced[0].length];
    }
    return hex(4) ?? [char, 1];
  }
  // `\"`, `\\`, and any other escaped character stand for themselves.
  const point = source.codePointAt(at) ?? 0;
  const whole = String.fromCodePoint(point);
  return [whole, whole.length];
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'end of matcher';
    case 'word':
    case 'op':
      return show(token.text);
    case 'string':
    case 'regex':
      return show(token.raw);
  }
}

/** Inline code for a reason, shortened so one bad matcher does not flood a lint line. */
function show(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 39)}…` : text;
  return short.includes('`') ? `"${short}"` : `\`${short}\``;
}
