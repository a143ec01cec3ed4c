import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/expect/parse-duration.js';
import { formatDuration, formatDurationCompact } from '../../src/format/format-duration.js';

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [80, '80ms'],
    [412, '412ms'],
    [999.4, '999ms'],
    [999.6, '1.0s'],
    [12_400, '12.4s'],
    [59_999, '59.9s'],
    [61_500, '1m 02s'],
    [62_000, '1m 02s'],
    [120_000, '2m 00s'],
    [125_000, '2m 05s'],
    [3_723_000, '1h 02m 03s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('writes what it cannot measure as it is', () => {
    expect(formatDuration(-1)).toBe('-1');
    expect(formatDuration(Number.NaN)).toBe('NaN');
  });

  it('never says less time than a shorter duration', () => {
    const seconds = (text: string): number => {
      const [, h = '0', m = '0', s = '0'] = /^(?:(\d+)h )?(?:(\d+)m )?([\d.]+)s$/.exec(text) ?? [];
      return text.endsWith('ms') && !text.includes(' ') ? Number(text.slice(0, -2)) / 1000 : Number(h) * 3600 + Number(m) * 60 + Number(s);
    };
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 10_000_000 }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(seconds(formatDuration(low))).toBeLessThanOrEqual(seconds(formatDuration(high)));
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
});

describe('formatDurationCompact', () => {
  it.each([
    [0, '0ms'],
    [500, '500ms'],
    [30_000, '30s'],
    [90_000, '1m30s'],
    [300_000, '5m'],
    [3_723_004, '1h2m3s4ms'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDurationCompact(ms)).toBe(text);
  });

  it('is read back exactly by parseDuration', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (ms) => parseDuration(formatDurationCompact(ms)) === ms), { numRuns: propertyRuns(1000) });
  });
});
