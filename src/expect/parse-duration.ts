// Durations as people write them in runbooks: `30s`, `2m`, `1h`, `1m30s`, `500ms`, `2 minutes`,
// `5 min`, `1h, 30m`. A bare number is seconds, because that is what `Timeout: 90` means to an SRE.

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  msec: 1,
  msecs: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

const BARE_NUMBER = /^\d+(?:\.\d+)?$/;
// One `<number> <unit>` component, optionally preceded by a separator (`,` or `and`).
const COMPONENT = /\s*(?:(?:,|and)\s*)?(\d+(?:\.\d+)?)\s*([a-z]+)/y;

/** Milliseconds (an integer ≥ 0), or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const input = text.trim().toLowerCase();
  if (input === '') return undefined;
  if (BARE_NUMBER.test(input)) return finite(Number(input) * 1000);

  let total = 0;
  let offset = 0;
  COMPONENT.lastIndex = 0;
  while (offset < input.length) {
    COMPONENT.lastIndex = offset;
    const match = COMPONENT.exec(input);
    if (!match) return undefined;
    const unit = UNIT_MS[match[2] ?? ''];
    if (unit === undefined) return undefined;
    total += Number(match[1]) * unit;
    offset = COMPONENT.lastIndex;
    // A trailing separator (`2m,`) is not a duration.
    if (/^\s*$/.test(input.slice(offset))) break;
  }
  return finite(total);
}

function finite(ms: number): number | undefined {
  const rounded = Math.round(ms);
  return Number.isSafeInteger(rounded) ? rounded : undefined;
}
