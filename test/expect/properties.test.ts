// Properties of the matcher language, over inputs nobody would think to write down.
import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import { describe, expect, it } from 'vitest';
import { matcherSchema, type Matcher } from '../../src/model/runbook.js';
import { compareConsole } from '../../src/expect/compare-console.js';
import { formatMatcher } from '../../src/expect/format-matcher.js';
import { formatDurationCompact } from '../../src/format/format-duration.js';
import { parseDuration, parseMatcher } from '../../src/expect/parse-matcher.js';
import type { TextMatcher } from '../../src/expect/stream-watch.js';
import { DecodingWatch } from './decoding-watch.js';

const keyword = fc.constantFrom('exit', 'stdout', 'stderr', 'output', 'lines', 'within', 'EXIT', 'Stdout');
const piece = fc.constantFrom(' ', 'contains', 'matches', 'is', 'empty', 'lines', '>=', '<', '=', '!=', '0', '255', '-1', 'nonzero', '"', "'", '“', '/', '\\', '[', ']', '(', 'i', 'g', '2m', '30s', 'x');
/** Text that starts like a matcher, so the parser gets past its first word. */
const matcherish = fc.tuple(keyword, fc.array(fc.oneof(piece, fc.string()), { maxLength: 8 })).map(([head, rest]) => `${head} ${rest.join('')}`);

const stream = fc.constantFrom('stdout' as const, 'stderr' as const);
const matcher: fc.Arbitrary<Matcher> = fc.oneof(
  fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constant('nonzero' as const)).map((code) => ({ kind: 'exit' as const, code })),
  fc.record({ kind: fc.constant('contains' as const), stream, text: fc.string({ unit: 'binary', minLength: 1 }) }),
  fc.record({
    kind: fc.constant('matches' as const),
    stream,
    source: fc.constantFrom('ready', '^a.*b$', 'v\\d+\\.\\d+', '[/]x', 'a\\/b', '(?<tag>\\w+)', 'é|ü'),
    flags: fc.subarray(['i', 'm', 's', 'u']).map((flags) => flags.join('')),
  }),
  fc.record({ kind: fc.constant('empty' as const), stream }),
  fc.record({
    kind: fc.constant('lines' as const),
    stream,
    op: fc.constantFrom('>=' as const, '<=' as const, '==' as const, '>' as const, '<' as const),
    count: fc.nat({ max: 1_000_000 }),
  }),
  fc.integer({ min: 1, max: 10_000_000_000 }).map((ms) => ({ kind: 'within' as const, ms })),
);

// Every property has a bounded number of runs, and the tests a limit far above what they take on a
// busy 2-core machine (about a second each), so load can slow them but not fail them.
describe('properties', { timeout: 60_000 }, () => {
  it('parseMatcher never throws, and what it accepts is a valid matcher', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), matcherish), (source) => {
        const parsed = parseMatcher(source);
        if (parsed.kind === 'matcher') matcherSchema.parse(parsed.matcher);
        if (parsed.kind === 'invalid') {
          expect(parsed.reason).toMatch(/^Unexpected /);
          expect(parsed.offset).toBeGreaterThanOrEqual(0);
          expect(parsed.offset).toBeLessThanOrEqual(source.length);
        }
      }),
      { numRuns: propertyRuns(3000) },
    );
  });

  it('parseDuration never throws and is never negative', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const ms = parseDuration(text);
        expect(ms === undefined || (Number.isSafeInteger(ms) && ms >= 0)).toBe(true);
      }),
      { numRuns: propertyRuns(1000) },
    );
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (ms) => parseDuration(formatDurationCompact(ms)) === ms), { numRuns: propertyRuns(1000) });
  });

  it('formatMatcher writes what parseMatcher reads back', () => {
    fc.assert(
      fc.property(matcher, (original) => {
        expect(parseMatcher(formatMatcher(original))).toEqual({ kind: 'matcher', matcher: original });
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it('contains finds the needle exactly when it is there, however the output is chunked', () => {
    const alphabet = fc.string({ unit: fc.constantFrom('a', 'b', '\n', 'é', '\r'), maxLength: 300 });
    fc.assert(
      fc.property(alphabet, fc.string({ unit: fc.constantFrom('a', 'b', '\n'), minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 40 }), (text, needle, size) => {
        const probe: TextMatcher = { kind: 'contains', stream: 'stdout', text: needle };
        const watch = new DecodingWatch({ matchers: [probe], headBytes: 16, tailBytes: 16, maxLineLength: 2048 });
        const bytes = Buffer.from(text);
        for (let at = 0; at < bytes.length; at += size) watch.write(bytes.subarray(at, at + size));
        watch.end();
        const at = text.indexOf(needle);
        const found = watch.find(probe);
        expect(found !== undefined).toBe(at !== -1);
        if (found) expect(found.line).toBe(text.slice(0, at).split('\n').length);
        expect(watch.bytes).toBe(bytes.length);
        expect(watch.lines).toBe(text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('matches tests every line, however the output is chunked', () => {
    const lines = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 }), { maxLength: 60 });
    fc.assert(
      fc.property(lines, fc.constantFrom('^ab+c$', 'ca', '^$', 'b{3}'), fc.integer({ min: 1, max: 30 }), (rows, source, size) => {
        const probe: TextMatcher = { kind: 'matches', stream: 'stdout', source, flags: '' };
        const watch = new DecodingWatch({ matchers: [probe], headBytes: 8, tailBytes: 8 });
        const text = rows.map((row) => `${row}\n`).join('');
        for (let at = 0; at < text.length; at += size) watch.write(text.slice(at, at + size));
        watch.end();
        const regex = new RegExp(source);
        const expected = rows.findIndex((row) => regex.test(row));
        expect(watch.find(probe)?.line).toBe(expected === -1 ? undefined : expected + 1);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('a regex that spans lines is found across chunks exactly when it is there', () => {
    const lines = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ' '), maxLength: 6 }), { maxLength: 80 });
    fc.assert(
      fc.property(lines, fc.constantFrom('a\\nb', 'b\\s+a', 'a[^b]a'), fc.integer({ min: 1, max: 20 }), (rows, source, size) => {
        const probe: TextMatcher = { kind: 'matches', stream: 'stdout', source, flags: '' };
        const watch = new DecodingWatch({ matchers: [probe], headBytes: 8, tailBytes: 8 });
        const text = rows.map((row) => `${row}\n`).join('');
        for (let at = 0; at < text.length; at += size) watch.write(text.slice(at, at + size));
        watch.end();
        const regex = new RegExp(source);
        const exists = regex.test(text.slice(0, -1)) || rows.some((row) => regex.test(row));
        const found = watch.find(probe);
        expect(found !== undefined).toBe(exists);
        if (found) expect(found.line).toBeLessThanOrEqual(rows.length);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('text() gives back everything when it fits, and never more than head + tail otherwise', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.integer({ min: 1, max: 50 }), (text, size) => {
        const watch = new DecodingWatch({ headBytes: 64, tailBytes: 64 });
        const bytes = Buffer.from(text);
        for (let at = 0; at < bytes.length; at += size) watch.write(bytes.subarray(at, at + size));
        if (bytes.length <= 128) expect(watch.text()).toBe(text);
        else expect(watch.text()).toMatch(/\n…\[\d+ bytes omitted\]…\n/);
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('any output matches its own transcript, and `...` matches any output', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '.', ' ', '\n', '\r', 'x'), maxLength: 80 }), (text) => {
        expect(compareConsole(text, text.split('\n')).ok).toBe(true);
        expect(compareConsole(text, ['...']).ok).toBe(true);
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});
