// Reading what the user names on the command line, with one clear message for each way it can fail.
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from './errors.js';

const maxRunbookBytes = 16 * 1024 * 1024;

export function readTextFile(file: string, what = 'runbook'): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(readInputBytes(file, what));
  if ((text.match(/\uFFFD/g)?.length ?? 0) > 16) throw new UsageError('is not UTF-8 text', file);
  return text;
}

/** The file's bytes, after the checks every input gets (there, a file, not too large, not binary). */
export function readInputBytes(file: string, what = 'runbook'): Uint8Array {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `${what} not found` : `cannot read the ${what} (${code ?? 'error'})`, file);
  }
  if (stats.isDirectory()) throw new UsageError(`is a directory, expected a Markdown ${what} file`, file);
  if (stats.size > maxRunbookBytes) throw new UsageError(`is ${stats.size} bytes, more than a ${what} should be (16 MiB)`, file);
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read the ${what} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, file);
  }
  if (buffer.subarray(0, 8192).includes(0)) throw new UsageError(`looks like a binary file, expected Markdown text`, file);
  return buffer;
}
