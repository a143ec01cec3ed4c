// Turns decoded output into runs of whole lines, so masking and live output never cut a secret or
// a line in two. Bounded: a line longer than `maxLine` characters is passed on in pieces. The
// bytes are decoded once, before (spawn-shell.ts), for the matchers and for this alike.

/**
 * Each call gets every complete line that arrived (newlines included), so a step printing
 * millions of lines costs one mask and one log write per chunk rather than per line. A line
 * longer than `maxLine` is passed on in pieces (`complete` false).
 */
export class BlockSplitter {
  private pending = '';

  constructor(private readonly onBlock: (block: string, complete: boolean) => void, private readonly maxLine = 64 * 1024) {}

  write(chunk: string): void {
    const text = this.pending + chunk;
    const last = text.lastIndexOf('\n');
    let rest = text;
    if (last !== -1) {
      this.onBlock(text.slice(0, last + 1), true);
      rest = text.slice(last + 1);
    }
    while (rest.length > this.maxLine) {
      this.onBlock(rest.slice(0, this.maxLine), false);
      rest = rest.slice(this.maxLine);
    }
    this.pending = rest;
  }

  end(): void {
    const rest = this.pending;
    this.pending = '';
    if (rest !== '') this.onBlock(`${rest}\n`, true);
  }
}
