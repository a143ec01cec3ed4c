// Small text utilities shared by the record builder and the template helpers. Pure.

const normalise = (text: string): string => text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');

/** Keep the first `maxLines` lines and at most `maxChars` characters, saying what was cut. */
export function limitHead(text: string, maxLines = 40, maxChars = 4000): string {
  const lines = normalise(text).split('\n');
  let kept = lines.slice(0, maxLines).join('\n');
  let truncated = lines.length > maxLines;
  if (kept.length > maxChars) {
    kept = kept.slice(0, maxChars);
    truncated = true;
  }
  if (!truncated) return kept;
  const more = lines.length - kept.split('\n').length;
  return `${kept}\n… (truncated${more > 0 ? `: ${more} more lines` : ''})`;
}

/** Keep the last `maxLines` lines and at most `maxChars` characters, saying what was cut. */
export function limitTail(text: string, maxLines = 20, maxChars = 4000): string {
  const lines = normalise(text).split('\n');
  let kept = lines.slice(-maxLines).join('\n');
  let truncated = lines.length > maxLines;
  if (kept.length > maxChars) {
    kept = kept.slice(-maxChars);
    truncated = true;
  }
  if (!truncated) return kept;
  const earlier = lines.length - kept.split('\n').length;
  return `… (truncated${earlier > 0 ? `: ${earlier} earlier lines` : ''})\n${kept}`;
}

export function firstLine(text: string, maxChars = 160): string {
  const line = text.replace(/\r\n?/g, '\n').split('\n').find((l) => l.trim() !== '') ?? '';
  const trimmed = line.trim();
  return trimmed.length > maxChars ? `${trimmed.slice(0, maxChars - 1)}…` : trimmed;
}

/** `1 passed, 2 not run`: non-zero counts only, in the order given. */
export function countPhrase(counts: Array<[number, string]>): string {
  return counts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`)
    .join(', ');
}


/** An ISO instant as `2026-11-26 14:03:05Z`; anything unparseable is returned as given. */
export function formatUtc(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** Step statuses as the record's prose says them. */
export const statusWords: Record<string, string> = {
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  'not-run': 'not run',
  interrupted: 'interrupted',
  'timed-out': 'timed out',
  planned: 'planned',
  aborted: 'aborted',
  incomplete: 'incomplete',
};

/**
 * `"The image tag is identified"`: first line, quoted, without its closing full stop. Text that
 * holds straight quotes itself (`stdout contains "ok"`) gets curly ones, so the two stay apart.
 */
export function quote(text: string, maxChars = 120): string {
  const line = firstLine(text, maxChars).replace(/\.$/, '');
  return line.includes('"') ? `“${line}”` : `"${line}"`;
}

/** Whether an outcome is the exit-code check, which the exit code shown beside it already tells. */
export function isExitCheck(expected: string): boolean {
  return /^exit\s+(-?\d+|nonzero)$/i.test(expected.trim());
}

/** The line of an output excerpt most likely to say what went wrong: stderr's first, else stdout's. */
export function telltaleLine(excerpt: string | null): string {
  if (excerpt === null) return '';
  const at = excerpt.indexOf('[stderr]\n');
  if (at >= 0) return firstLine(excerpt.slice(at + '[stderr]\n'.length), 120);
  // Streams in the order printed: stderr's lines are marked one by one.
  const stderr = excerpt.split('\n').find((l) => l.startsWith('[stderr] ') && l.slice(9).trim() !== '');
  return firstLine(stderr !== undefined ? stderr.slice(9) : excerpt, 120);
}

/** Why a run is incomplete: what it left out, what nobody confirmed. */
export interface IncompleteFacts {
  unconfirmed: number;
  /** Why nobody could answer: `no terminal`. */
  unattended?: string | null | undefined;
  answersFile?: string | null | undefined;
  /** Steps the operator skipped at their gate. */
  skippedAtGate?: readonly string[];
  /** Steps not run because they needed what a skipped step was to capture. */
  needsSkipped?: readonly string[];
}

/**
 * `A.3 skipped at its gate; 9 statements not confirmed (no terminal); give --answers`: why a run
 * is incomplete, and what would complete it.
 */
export function incompleteReason(facts: IncompleteFacts): string {
  const { unconfirmed: n, unattended, answersFile, skippedAtGate = [], needsSkipped = [] } = facts;
  const parts: string[] = [];
  if (skippedAtGate.length > 0) parts.push(`${listOf(skippedAtGate)} skipped at ${skippedAtGate.length === 1 ? 'its gate' : 'their gates'}`);
  if (needsSkipped.length > 0) parts.push(`${listOf(needsSkipped)} not run: ${needsSkipped.length === 1 ? 'it needs' : 'they need'} a capture of a skipped step`);
  if (n > 0 || parts.length === 0) {
    const why = unattended ? ` (${unattended})` : '';
    const fix = answersFile ? `; answer ${n === 1 ? 'it' : 'them'} in ${answersFile}` : unattended ? '; give --answers' : '';
    parts.push(`${n} statement${n === 1 ? '' : 's'} not confirmed${why}${fix}`);
  }
  return parts.join('; ');
}

/** `A.1`, `A.1 and A.2`, `A.1, A.2 and A.3`. */
function listOf(ids: readonly string[]): string {
  return ids.length <= 1 ? (ids[0] ?? '') : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
}
