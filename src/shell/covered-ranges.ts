// Whether a range overlaps any of many ranges, answered in time proportional to its own length:
// asking every range of a command with thousands of placeholders costs their square.
export interface Range {
  start: number;
  end: number;
}

/** A test for overlap with any of `ranges`, all within the first `length` characters. */
export function overlapsAnyOf(ranges: readonly Range[], length: number): (start: number, end: number) => boolean {
  if (ranges.length === 0) return () => false;
  const covered = new Uint8Array(length);
  for (const range of ranges) covered.fill(1, range.start, range.end);
  return (start, end) => covered.subarray(start, end).includes(1);
}
