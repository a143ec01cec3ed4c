// A step's output log, written in batches: one write(2) per output line made a 1 GB step take
// millions of system calls. What is pending goes out at 64 KiB, at least every quarter second,
// and when the step ends, so a killed engine loses at most the last moment of output. A write
// that fails (a full disk, an I/O error) is told once to `onError`, and the log takes no more:
// the run decides what a lost log means.
import { closeSync, openSync, writeSync } from 'node:fs';

const FLUSH_BYTES = 64 * 1024;
const FLUSH_MS = 250;

export class LogFile {
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingLength = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(path: string, private readonly onError: (error: Error) => void = (error) => {
    throw error;
  }) {
    try {
      this.fd = openSync(path, 'a');
    } catch (error) {
      this.fail(error as Error);
    }
    this.timer = setInterval(() => this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  write(text: string): void {
    if (this.fd === undefined) return;
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_BYTES) this.flush();
  }

  flush(): void {
    if (this.pendingLength === 0 || this.fd === undefined) return;
    const buffer = Buffer.from(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
    try {
      for (let offset = 0; offset < buffer.length; ) offset += writeSync(this.fd, buffer, offset);
    } catch (error) {
      this.fail(error as Error);
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch (error) {
      this.fail(error as Error);
    }
    this.fd = undefined;
  }

  private fail(error: Error): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // Already failing; the first error is the one to tell.
      }
    }
    this.fd = undefined;
    this.pending = [];
    this.pendingLength = 0;
    this.onError(error);
  }
}
