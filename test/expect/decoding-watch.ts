// A StreamWatch fed as the executor feeds it (src/run/spawn-shell.ts): each chunk decoded once by
// a StringDecoder of the caller's, the decoder's final text given at the end. Tests write strings
// or byte chunks to it without repeating that plumbing.
import { StringDecoder } from 'node:string_decoder';
import { StreamWatch } from '../../src/expect/stream-watch.js';

export class DecodingWatch extends StreamWatch {
  private readonly decoder = new StringDecoder('utf8');

  write(chunk: Buffer | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.writeDecoded(bytes, this.decoder.write(bytes));
  }

  override end(): void {
    super.end(this.decoder.end());
  }
}
