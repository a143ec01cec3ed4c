// Colour is presentation: on for a terminal, off for pipes, files and logs (even in CI), and off
// whenever NO_COLOR is set. FORCE_COLOR turns it on for a pipe that can show it.
import { createColors } from 'picocolors';

/** Whether text written to a stream should be coloured; the run session passes its own streams. */
export function wantsColor(isTTY: boolean, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  if ('NO_COLOR' in env && env.NO_COLOR !== '' && env.NO_COLOR !== undefined) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

export const colors = createColors(wantsColor(process.stdout.isTTY === true));
export const errorColors = createColors(wantsColor(process.stderr.isTTY === true));
