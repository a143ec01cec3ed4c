// The canonical text of a matcher: what evidence and the implicit check show, and what
// parseMatcher reads back to the same matcher (a property test holds us to that).
import { formatDurationCompact } from '../format/format-duration.js';
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
