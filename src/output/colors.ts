// Colour is presentation: on for a terminal, off for pipes, files and logs (even in CI), and off
// whenever NO_COLOR is set. FORCE_COLOR turns it on for a pipe that can show it.
import { createColors } from 'picocolors';

function wanted(stream: NodeJS.WriteStream): boolean {
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return stream.isTTY === true && process.env.TERM !== 'dumb';
}

export const colors = createColors(wanted(process.stdout));
export const errorColors = createColors(wanted(process.stderr));
