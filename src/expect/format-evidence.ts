// Small, deterministic wording for evidence strings: sizes, durations and excerpts.

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

/** `850ms`, `1.2s`, `2m 5s`, `1h 2m`: for people reading a record, not for parsing. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)}s`;
  const totalSeconds = Math.floor(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours}h ${minutes}m` : `${minutes}m ${seconds}s`;
}

/**
 * The part of `line` around [start, end), at most `max` characters, with `…` where it was cut, so
 * a match on a 50 kB line still shows what matched.
 */
export function excerpt(line: string, start = 0, end = start, max = EXCERPT_MAX): string {
  const clean = line.replace(/\r$/, '');
  if (clean.length <= max) return clean;
  const lead = Math.min(Math.max(0, start), clean.length);
  const from = Math.max(0, Math.min(lead - Math.floor((max - Math.min(end - lead, max)) / 2), clean.length - max));
  const to = from + max;
  return `${from > 0 ? '…' : ''}${clean.slice(from, to)}${to < clean.length ? '…' : ''}`;
}

/** A value quoted the way the matcher grammar writes it. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
