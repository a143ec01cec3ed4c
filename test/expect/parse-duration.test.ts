import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/expect/parse-matcher.js';
import { formatDurationCompact } from '../../src/format/format-duration.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1m 30s', 90_000],
    ['1h, 30m', 5_400_000],
    ['1 minute and 30 seconds', 90_000],
    ['500ms', 500],
    ['90', 90_000],
    ['1.5', 1500],
    ['1.5m', 90_000],
    ['2 minutes', 120_000],
    ['5 min', 300_000],
    ['10 secs', 10_000],
    ['2 hours', 7_200_000],
    ['1d', 86_400_000],
    [' 2M ', 120_000],
    ['0s', 0],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '2 fortnights', '2m,', 'm', '-5s', '2m of it', '1e3s', '30 s s', '9'.repeat(400)])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('reads back what formatDurationCompact writes', () => {
    for (const ms of [1, 999, 1000, 61_001, 3_600_000, 3_723_004]) expect(parseDuration(formatDurationCompact(ms))).toBe(ms);
  });
});
