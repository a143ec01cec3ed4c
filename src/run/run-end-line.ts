// The line a run ends with, on a terminal and in CI logs alike: which result, and why.
import { formatElapsed } from '../format/format-duration.js';

/** `run incomplete in 2.1s: 9 statements not confirmed (no terminal); give --answers`. */
export function runEndLine(status: string, durationMs: number, reason?: string): string {
  return `run ${status} in ${formatElapsed(durationMs)}${reason ? `: ${reason}` : ''}`;
}
