// The canonical text of a matcher: what evidence and the implicit check show, and what
// parseMatcher reads back to the same matcher (a property test holds us to that).
import type { Matcher } from '../model/runbook.js';

export function formatMatcher(matcher: Matcher): string {
  switch (matcher.kind) {
    case 'exit':
      return `exit ${matcher.code}`;
    case 'contains':
      return `${matcher.stream} contains ${JSON.stringify(matcher.text)}`;
    case 'matches':
      return `${matcher.stream} matches /${matcher.source}/${matcher.flags}`;
    case 'empty':
      return `${matcher.stream} is empty`;
    case 'lines':
      return `${matcher.stream} lines ${matcher.op} ${matcher.count}`;
    case 'within':
      return `within ${formatDurationCompact(matcher.ms)}`;
  }
}

/** `1h2m3s4ms`: exact, and readable back by parseDuration. */
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
