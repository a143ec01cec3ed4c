// Turns a byte stream into lines, so masking and live output never cut a secret or a line in two.
// Bounded: a line longer than `maxLine` characters is passed on in pieces.
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly onLine: (line: string, complete: boolean) => void, private readonly maxLine = 64 * 1024) {}

  write(chunk: Buffer | string): void {
    let text = this.pending + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      this.onLine(text.slice(from, newline).replace(/\r$/, ''), true);
      from = newline + 1;
    }
    text = text.slice(from);
    while (text.length > this.maxLine) {
      this.onLine(text.slice(0, this.maxLine), false);
      text = text.slice(this.maxLine);
    }
    this.pending = text;
  }

  end(): void {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest !== '') this.onLine(rest.replace(/\r$/, ''), true);
  }
}
