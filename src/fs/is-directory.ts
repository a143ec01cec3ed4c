// Whether a path names a directory (following links). Anything that stops us from telling, a
// missing path or one we may not read, answers no: callers report the folder as missing.
import { statSync } from 'node:fs';

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
