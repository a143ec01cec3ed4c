import { describe, expect, it } from 'vitest';
import type { Matcher } from '../../src/model/runbook.js';
import type { TextMatcher } from '../../src/expect/stream-watch.js';
import { DecodingWatch } from './decoding-watch.js';

const contains = (text: string, stream: 'stdout' | 'stderr' = 'stdout'): TextMatcher => ({ kind: 'contains', stream, text });
const matches = (source: string, flags = '', stream: 'stdout' | 'stderr' = 'stdout'): TextMatcher => ({ kind: 'matches', stream, source, flags });

/** Feed `text` in chunks of `size` bytes (splitting UTF-8 sequences on purpose). */
function feed(watch: DecodingWatch, text: string, size: number): DecodingWatch {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; at += size) watch.write(bytes.subarray(at, at + size));
  watch.end();
  return watch;
}

describe('StreamWatch counting and keeping', () => {
  it('counts bytes and lines, with or without a final newline', () => {
    expect(feed(new DecodingWatch(), '', 4).lines).toBe(0);
    expect(feed(new DecodingWatch(), 'a\nb\n', 1).lines).toBe(2);
    expect(feed(new DecodingWatch(), 'a\nb', 1).lines).toBe(2);
    expect(feed(new DecodingWatch(), '\n', 1).lines).toBe(1);
    const watch = feed(new DecodingWatch(), 'héllo\n', 2);
    expect(watch.bytes).toBe(7);
    expect(watch.text()).toBe('héllo\n');
  });

  it('knows whitespace-only output is blank', () => {
    expect(feed(new DecodingWatch(), '', 1).blank).toBe(true);
    expect(feed(new DecodingWatch(), ' \n\t\r\n', 1).blank).toBe(true);
    expect(feed(new DecodingWatch(), '\n x', 1).blank).toBe(false);
  });

  it('keeps the whole text when it fits in head + tail', () => {
    const text = Array.from({ length: 30 }, (_, index) => `line ${index}`).join('\n');
    const watch = feed(new DecodingWatch({ headBytes: 100, tailBytes: 200 }), text, 7);
    expect(watch.truncated).toBe(false);
    expect(watch.text()).toBe(text);
  });

  it('keeps head and tail and says how much was left out', () => {
    const text = 'A'.repeat(50) + 'B'.repeat(1000) + 'C'.repeat(50);
    const watch = feed(new DecodingWatch({ headBytes: 50, tailBytes: 50 }), text, 33);
    expect(watch.truncated).toBe(true);
    expect(watch.text()).toBe(`${'A'.repeat(50)}\n…[1000 bytes omitted]…\n${'C'.repeat(50)}`);
  });

  it('never cuts a UTF-8 character in half at the head or tail edge', () => {
    const text = 'é'.repeat(100); // 200 bytes
    const watch = feed(new DecodingWatch({ headBytes: 5, tailBytes: 5 }), text, 3);
    expect(watch.text()).toBe('éé\n…[192 bytes omitted]…\néé');
  });

  it('accepts strings as well as buffers', () => {
    const watch = new DecodingWatch({ matchers: [contains('world')] });
    watch.write('hello ');
    watch.write(Buffer.from('wor'));
    watch.write('ld\n');
    watch.end();
    expect(watch.find(contains('world'))).toEqual({ line: 1, excerpt: 'hello world' });
  });

  it('refuses writes after end, and end is idempotent', () => {
    const watch = new DecodingWatch();
    watch.end();
    watch.end();
    expect(() => watch.write('x')).toThrow(/write after end/);
  });

  it('tells the last line with something on it', () => {
    expect(feed(new DecodingWatch(), 'one\ntwo\n\n  \n', 3).lastLine()).toBe('two');
    expect(feed(new DecodingWatch(), '', 3).lastLine()).toBe('');
  });
});

describe('StreamWatch contains', () => {
  it('finds text split across every possible chunk boundary', () => {
    const text = 'starting\nwaiting for rollout\ndeployment "web" successfully rolled out\ndone\n';
    for (let size = 1; size <= text.length; size += 1) {
      const matcher = contains('successfully rolled out');
      const watch = feed(new DecodingWatch({ matchers: [matcher] }), text, size);
      expect(watch.find(matcher), `chunk size ${size}`).toEqual({ line: 3, excerpt: 'deployment "web" successfully rolled out' });
    }
  });

  it('finds text spanning lines', () => {
    const matcher = contains('ready\nnext');
    const watch = feed(new DecodingWatch({ matchers: [matcher] }), 'a\nready\nnext\nb\n', 3);
    expect(watch.find(matcher)?.line).toBe(2);
  });

  it('finds a needle long compared with the chunks', () => {
    const needle = 'x'.repeat(300) + 'END';
    const watch = feed(new DecodingWatch({ matchers: [contains(needle)] }), `${'y'.repeat(5000)}${needle}\n`, 7);
    expect(watch.find(contains(needle))?.line).toBe(1);
  });

  it('finds text far beyond what is kept', () => {
    const matcher = contains('needle');
    const body = 'hay\n'.repeat(10_000);
    const watch = feed(new DecodingWatch({ matchers: [matcher], headBytes: 64, tailBytes: 64 }), `${body}a needle here\n${body}`, 1000);
    expect(watch.truncated).toBe(true);
    expect(watch.text()).not.toContain('needle');
    expect(watch.find(matcher)).toEqual({ line: 10_001, excerpt: 'a needle here' });
  });

  it('is case-sensitive and reports no match as undefined', () => {
    const matcher = contains('Ready');
    const watch = feed(new DecodingWatch({ matchers: [matcher] }), 'ready\n', 2);
    expect(watch.find(matcher)).toBeUndefined();
  });

  it('only watches its own stream', () => {
    const watch = new DecodingWatch({ stream: 'stderr', matchers: [contains('x', 'stdout'), contains('x', 'stderr')] });
    expect(watch.tracks(contains('x', 'stderr'))).toBe(true);
    expect(watch.tracks(contains('x', 'stdout'))).toBe(false);
  });

  it('trims a long matching line to about 200 characters around the match', () => {
    const line = `${'a'.repeat(5000)}NEEDLE${'b'.repeat(5000)}`;
    const watch = feed(new DecodingWatch({ matchers: [contains('NEEDLE')] }), `${line}\n`, 999);
    const found = watch.find(contains('NEEDLE'));
    expect(found?.excerpt).toContain('NEEDLE');
    expect(found?.excerpt.length).toBeLessThanOrEqual(202);
    expect(found?.excerpt.startsWith('…a')).toBe(true);
    expect(found?.excerpt.endsWith('b…')).toBe(true);
  });

  it('looks in the kept text for a matcher it was not told about', () => {
    const watch = feed(new DecodingWatch(), 'one\ntwo\n', 3);
    expect(watch.tracks(contains('two'))).toBe(false);
    expect(watch.find(contains('two'))).toEqual({ line: 2, excerpt: 'two' });
  });
});

describe('StreamWatch matches', () => {
  it('tests each line, so anchors mean line start and end', () => {
    const matcher = matches('^revision \\d+ rolled back$');
    const text = 'Rollback was a success!\r\nrevision 7 rolled back\r\nHappy Helming!\r\n';
    for (const size of [1, 5, 64]) {
      const watch = feed(new DecodingWatch({ matchers: [matcher] }), text, size);
      expect(watch.find(matcher), `chunk size ${size}`).toEqual({ line: 2, excerpt: 'revision 7 rolled back' });
    }
  });

  it('honours flags', () => {
    const matcher = matches('READY', 'i');
    const watch = feed(new DecodingWatch({ matchers: [matcher] }), 'x\npod is ready\n', 4);
    expect(watch.find(matcher)?.line).toBe(2);
  });

  it('finds a pattern that spans lines, in a small output and across chunks of a large one', () => {
    const matcher = matches('Status:\\s+Running\\nReady:\\s+true');
    const small = feed(new DecodingWatch({ matchers: [matcher] }), 'Name: web\nStatus:  Running\nReady:   true\n', 5);
    expect(small.find(matcher)).toEqual({ line: 2, excerpt: 'Status:  Running\nReady:   true' });

    const filler = 'noise\n'.repeat(50_000);
    const large = feed(
      new DecodingWatch({ matchers: [matcher], headBytes: 100, tailBytes: 100 }),
      `${filler}Status:  Running\nReady:   true\n${filler}`,
      4096,
    );
    expect(large.truncated).toBe(true);
    expect(large.find(matcher)?.line).toBe(50_001);
  });

  it('finds a match at the end of output without a final newline', () => {
    const matcher = matches('done$');
    const watch = feed(new DecodingWatch({ matchers: [matcher] }), 'work\nall done', 3);
    expect(watch.find(matcher)).toEqual({ line: 2, excerpt: 'all done' });
  });

  it('tests a line longer than the limit in overlapping pieces', () => {
    const matcher = matches('MARK\\d{3}');
    const line = `${'z'.repeat(10_000)}MARK123${'z'.repeat(10_000)}`;
    const watch = feed(new DecodingWatch({ matchers: [matcher], maxLineLength: 4096 }), `${line}\nnext\n`, 1500);
    expect(watch.find(matcher)?.line).toBe(1);
    expect(watch.find(matcher)?.excerpt).toContain('MARK123');
  });

  it('does not match what is not there', () => {
    const matcher = matches('^error');
    const watch = feed(new DecodingWatch({ matchers: [matcher] }), 'no error here\n', 4);
    expect(watch.find(matcher)).toBeUndefined();
  });

  it('watches several matchers at once, and stops looking once all are found', () => {
    const matchers: Matcher[] = [contains('alpha'), matches('b.t'), contains('omega')];
    const watch = new DecodingWatch({ matchers });
    watch.write('alpha\nbet\n');
    watch.write('omega\n');
    watch.write('x'.repeat(100_000));
    watch.end();
    expect(matchers.map((matcher) => watch.find(matcher as TextMatcher)?.line)).toEqual([1, 2, 3]);
    expect(watch.lines).toBe(4);
  });
});
