// A step's output log, written in batches: one write(2) per output line made a 1 GB step take
// millions of system calls. What is pending goes out at 64 KiB, at least every quarter second,
// and when the step ends, so a killed engine loses at most the last moment of output.
import { closeSync, openSync, writeSync } from 'node:fs';

const FLUSH_BYTES = 64 * 1024;
const FLUSH_MS = 250;

export class LogFile {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingLength = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(path: string) {
    this.fd = openSync(path, 'a');
    this.timer = setInterval(() => this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_BYTES) this.flush();
  }

  flush(): void {
    if (this.pendingLength === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    writeSync(this.fd, text);
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
    closeSync(this.fd);
  }
}
