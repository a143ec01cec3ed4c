// Durations in words, three ways: for people reading how long something took (records, evidence,
// summaries); exactly, for settings and matchers, in the form parseDuration reads back; and in
// tenths of a second for live progress lines (`run passed in 2.2s`). JUnit keeps its own seconds.

/**
 * Milliseconds as people read them: `412ms`, `12.4s`, `1m 02s`, `1h 02m 03s`. Seconds are kept
 * at every scale and padded, so durations line up in a table; tenths are cut, never rounded up,
 * so `59.99s` does not read as a minute.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return String(ms);
  const whole = Math.round(ms);
  if (whole < 1000) return `${whole}ms`;
  if (whole < 60_000) return `${(Math.floor(whole / 100) / 10).toFixed(1)}s`;
  const total = Math.round(whole / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}h ${pad(m)}m ${pad(s)}s` : `${m}m ${pad(s)}s`;
}

/** `1h2m3s4ms`: exact, as a runbook writes a setting, and read back by parseDuration. */
export function formatDurationCompact(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}ms`);
  return parts.join('');
}

/** Seconds with one decimal, as live progress lines show a step or run ending: `in 2.2s`. */
export function formatElapsed(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
}
