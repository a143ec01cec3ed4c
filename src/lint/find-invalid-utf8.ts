// Invalid UTF-8 in a runbook is an error with its place, never replaced silently: a decoder that
// substitutes U+FFFD would run a command other than the one written.
import type { Position } from '../model/runbook.js';

/** The length of the valid UTF-8 sequence at `i`, or 0 when the bytes there are not one. */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const continuation = (k: number, low = 0x80, high = 0xbf): boolean => {
    const b = bytes[i + k];
    return b !== undefined && b >= low && b <= high;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return continuation(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    // No overlong forms (E0 80–9F) and no surrogates (ED A0–BF).
    const [low, high] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const [low, high] = b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/** Where the first byte that is not UTF-8 is (line, and column in characters), or undefined. */
export function findInvalidUtf8(bytes: Uint8Array): Position | undefined {
  let line = 1;
  let column = 1;
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceAt(bytes, i);
    if (length === 0) return { line, column };
    if (bytes[i] === 0x0a) {
      line++;
      column = 1;
    } else column += length === 4 ? 2 : 1;
    i += length;
  }
  return undefined;
}
