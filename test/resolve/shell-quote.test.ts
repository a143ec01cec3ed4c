import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/resolve/shell-quote.js';
import { shellString } from './arbitraries.js';
import { runBashBatch } from './run-bash.js';

describe('shellQuote', () => {
  it.each([
    ['', "''"],
    ['abc', 'abc'],
    ['v1.2.3', 'v1.2.3'],
    ['a/b:c,d=e@f%g+h-i_j', 'a/b:c,d=e@f%g+h-i_j'],
    ["it's", "'it'\\''s'"],
    ['a b', "'a b'"],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ["'", "''\\'''"],
    ['-N', "'-N'"],
    ['--force', "'--force'"],
  ])('quotes %j as %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });

  it('round-trips any string through bash', () => {
    // One bash a batch of strings; a failing batch shrinks to the string that fails.
    fc.assert(
      fc.property(fc.array(shellString, { minLength: 1, maxLength: 30, size: 'medium' }), (strings) => {
        expect(runBashBatch(strings.map((s) => `printf %s ${shellQuote(s)}`))).toEqual(strings);
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
