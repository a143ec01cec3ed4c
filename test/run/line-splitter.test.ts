import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/run/line-splitter.js';

function split(chunks: (string | Buffer)[], maxLine?: number): [string, boolean][] {
  const out: [string, boolean][] = [];
  const splitter = new LineSplitter((line, complete) => out.push([line, complete]), maxLine);
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  return out;
}

describe('LineSplitter', () => {
  it('joins lines cut across chunks and drops CR of CRLF', () => {
    expect(split(['ab', 'c\nde\r', '\nf'])).toEqual([['abc', true], ['de', true], ['f', true]]);
  });

  it('never cuts a UTF-8 character in two', () => {
    const bytes = Buffer.from('héllo ✓\n');
    expect(split([bytes.subarray(0, 2), bytes.subarray(2, 9), bytes.subarray(9)])).toEqual([['héllo ✓', true]]);
  });

  it('passes a line longer than the limit on in pieces, so memory stays bounded', () => {
    expect(split(['x'.repeat(25), '\n'], 10)).toEqual([['x'.repeat(10), false], ['x'.repeat(10), false], ['xxxxx', true]]);
  });
});
