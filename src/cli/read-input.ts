// Reading what the user names on the command line, with one clear message for each way it can fail.
// Only regular files are read, and only up to MAX_INPUT_BYTES: `plan /dev/zero` or a FIFO nobody
// writes to must not read forever.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UsageError } from './errors.js';

/** The largest runbook, --vars file or template read: 10 MiB. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

export function readTextFile(file: string, what = 'runbook'): string {
  const buffer = readRegularFile(file, what);
  const nul = buffer.indexOf(0);
  if (nul >= 0) throw new UsageError(`looks like a binary file (a NUL byte on line ${lineOf(buffer, nul)}), expected ${what === 'runbook' ? 'Markdown' : 'plain'} text`, file);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  if ((text.match(/\uFFFD/g)?.length ?? 0) > 16) throw new UsageError('is not UTF-8 text', file);
  return text;
}

function readRegularFile(file: string, what: string): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO nobody writes to would otherwise wait here for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new UsageError(unreadable(error, what), file);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new UsageError(`is a directory, expected ${expectedFile(what)}`, file);
    if (!stats.isFile()) throw new UsageError(`is not a regular file (a device, a pipe or a socket), expected ${expectedFile(what)}`, file);
    if (stats.size > MAX_INPUT_BYTES) throw new UsageError(`is ${stats.size} bytes, more than a ${what} may be (10 MiB)`, file);
    // Read at most one byte more than allowed, in case the file grows while it is read.
    const buffer = Buffer.alloc(Math.min(stats.size, MAX_INPUT_BYTES) + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_INPUT_BYTES) throw new UsageError(`is more than a ${what} may be (10 MiB)`, file);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(unreadable(error, what), file);
  } finally {
    closeSync(fd);
  }
}

function expectedFile(what: string): string {
  if (what === 'runbook') return 'a Markdown runbook file';
  return what.endsWith('file') ? `a ${what}` : `a ${what} file`;
}

function unreadable(error: unknown, what: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? `${what} not found` : `cannot read the ${what} (${code ?? 'error'})`;
}

function lineOf(buffer: Buffer, index: number): number {
  let line = 1;
  for (let at = buffer.indexOf(0x0a); at !== -1 && at < index; at = buffer.indexOf(0x0a, at + 1)) line += 1;
  return line;
}
