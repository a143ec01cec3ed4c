import { describe, expect, it } from 'vitest';
import { editDistance, suggestNearest } from '../../src/format/suggest-nearest.js';

describe('suggestNearest', () => {
  it('names the closest candidate, ignoring case', () => {
    expect(suggestNearest('operatr', ['operator', 'mode', 'drillId'])).toBe('operator');
    expect(suggestNearest('V1.2.O', ['v1.2.0', 'v1.3.0'])).toBe('v1.2.0');
  });
  it('names nothing when no candidate is close enough to be a typo', () => {
    expect(suggestNearest('zebra', ['operator', 'mode'])).toBeNull();
    expect(suggestNearest('x', [])).toBeNull();
  });
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
