// `runbook drills` for a terminal: the history newest first, and the release check. Pure.
import { formatColumns } from '../format/format-columns.js';
import { formatDuration } from '../format/format-duration.js';
import { formatUtc } from '../record/record-text.js';
import { releaseOf, type DrillCheck, type ReleaseCheck } from './check-drills.js';
import type { Drill } from './drill-schema.js';

/** `v1.4.0 → v1.3.2`, with `?` for a side the record does not give; null when it gives neither. */
export function releaseAndTarget(drill: Drill): string | null {
  const release = releaseOf(drill);
  const target = drill.target ?? drill.to;
  return release === null && target === null ? null : `${release ?? '?'} → ${target ?? '?'}`;
}

export function timeToRollBack(drill: Drill): string | null {
  return drill.timeToRollbackMs === null ? null : formatDuration(drill.timeToRollbackMs);
}

export function renderDrillsText(drills: Drill[], dir: string): string {
  if (drills.length === 0) return `no drill records in ${dir}\n`;
  const rows = drills.map((d) => [formatUtc(d.startedAt), d.result, d.mode, releaseAndTarget(d) ?? '—', timeToRollBack(d) ?? '—', d.runbook ?? '?', d.path]);
  return `${formatColumns([['STARTED (UTC)', 'RESULT', 'MODE', 'RELEASE → TARGET', 'TIME TO ROLL BACK', 'RUNBOOK', 'RECORD'], ...rows])}\n`;
}

/** What else was found in a release's window: `1 failed live, 2 dry runs`. */
export function describeOthers(others: Drill[]): string | null {
  if (others.length === 0) return null;
  const counts = new Map<string, number>();
  for (const d of others) {
    const kind = d.mode === 'dry-run' ? 'dry run' : `${d.result} live`;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, n]) => `${n} ${kind}${n > 1 && kind === 'dry run' ? 's' : ''}`).join(', ');
}

/** One sentence: which tags were checked. */
export function describeScope(check: DrillCheck): string {
  return `release tags${check.since === null ? '' : ` since ${check.since}`}${check.includePrereleases ? ', pre-releases included' : ' (pre-releases left out)'}`;
}

/** The last line: the verdict, naming every tag without a drill. */
export function describeVerdict(check: DrillCheck): string {
  const scope = check.since === null ? '' : ` since ${check.since}`;
  if (check.releases.length === 0) return `no release tags${scope} to check`;
  if (check.missing.length === 0) return `every release tag${scope} has a passing live drill (${check.releases.length} checked)`;
  const has = check.missing.length === 1 ? 'has' : 'have';
  return `${check.missing.length} of ${check.releases.length} release tags${scope} ${has} no passing live drill: ${check.missing.join(', ')}`;
}

function drillCell(release: ReleaseCheck): string {
  if (release.drill === null) {
    const others = describeOthers(release.others);
    return `MISSING: no passing live drill${others ? ` (${others})` : ''}`;
  }
  return `passed ${formatUtc(release.drill.startedAt)}  ${release.drill.path}`;
}

export function renderCheckText(check: DrillCheck): string {
  const rows = check.releases.map((r) => [r.tag, r.date === null ? '?' : formatUtc(r.date), drillCell(r)]);
  const table = rows.length === 0 ? '' : `${formatColumns([['TAG', 'TAGGED (UTC)', 'PASSING LIVE DRILL'], ...rows])}\n`;
  return `${describeScope(check)}:\n${table}${describeVerdict(check)}\n`;
}
