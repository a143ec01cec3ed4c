import { describe, expect, it } from 'vitest';
import { BlockSplitter } from '../../src/run/block-splitter.js';

function split(chunks: string[], maxLine?: number): [string, boolean][] {
  const out: [string, boolean][] = [];
  const splitter = new BlockSplitter((block, complete) => out.push([block, complete]), maxLine);
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  return out;
}

describe('BlockSplitter', () => {
  it('hands on whole lines only, joining lines cut across chunks', () => {
    expect(split(['ab', 'c\nde\r', '\nf'])).toEqual([['abc\n', true], ['de\r\n', true], ['f\n', true]]);
  });

  it('hands on every complete line of a chunk in one block', () => {
    expect(split(['a\nb\nc'])).toEqual([['a\nb\n', true], ['c\n', true]]);
  });

  it('passes a line longer than the limit on in pieces, so memory stays bounded', () => {
    expect(split(['x'.repeat(25), '\n'], 10)).toEqual([['x'.repeat(10), false], ['x'.repeat(10), false], ['xxxxx\n', true]]);
  });
});
