// Small, deterministic wording for evidence strings: sizes and excerpts.
import type { Mask } from '../run/mask-secrets.js';

export const EXCERPT_MAX = 200;

/** `0 B`, `512 B`, `1.2 kB`, `3.4 MB`, `1.0 GB` (decimal units, as `ls -h --si` prints). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}


/**
 * The part of `line` around [start, end), at most `max` characters, with `…` where it was cut, so
 * a match on a 50 kB line still shows what matched. With a mask, the line is masked before it is
 * cut: a cut that would split a secret moves past it, so no piece of one is left.
 */
export function excerpt(line: string, start = 0, end = start, max = EXCERPT_MAX, mask?: Mask): string {
  const clean = line.replace(/\r$/, '');
  const shown = mask ?? ((text: string) => text);
  if (clean.length <= max) return shown(clean);
  const lead = Math.min(Math.max(0, start), clean.length);
  let from = Math.max(0, Math.min(lead - Math.floor((max - Math.min(end - lead, max)) / 2), clean.length - max));
  let to = from + max;
  from = mask?.spanAt?.(clean, from)?.start ?? from;
  to = mask?.spanAt?.(clean, to)?.end ?? to;
  return `${from > 0 ? '…' : ''}${shown(clean.slice(from, to))}${to < clean.length ? '…' : ''}`;
}

/** A value quoted the way the matcher grammar writes it. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
