// Whether a range overlaps any of many ranges, answered in time proportional to its own length:
// asking every range of a command with thousands of placeholders costs their square.
export interface Range {
  start: number;
  end: number;
}

/** The characters of a text of `length` that ranges added so far cover. */
export class CoveredRanges {
  private readonly covered: Uint8Array;

  constructor(length: number, ranges: readonly Range[] = []) {
    this.covered = new Uint8Array(length);
    for (const range of ranges) this.add(range);
  }

  add(range: Range): void {
    this.covered.fill(1, range.start, range.end);
  }

  overlaps(start: number, end: number): boolean {
    return this.covered.subarray(start, end).includes(1);
  }
}

/** A test for overlap with any of `ranges`, all within the first `length` characters. */
export function overlapsAnyOf(ranges: readonly Range[], length: number): (start: number, end: number) => boolean {
  if (ranges.length === 0) return () => false;
  const covered = new CoveredRanges(length, ranges);
  return (start, end) => covered.overlaps(start, end);
}
