// The UTC timeline: each attempt's start and end, and every try of every step, in time order.
import type { CollectedRun } from './collect-run.js';
import { msBetween, tryEndedAt, tryStatus } from './collect-run.js';
import type { TimelineEntry } from './record-context.js';

export function buildTimeline(run: CollectedRun, stepIds: readonly string[], titleOf: (id: string) => string): TimelineEntry[] {
  // `order` keeps a run's start before and its end after any step sharing the same second.
  const entries: Array<TimelineEntry & { order: number }> = [];
  run.attempts.forEach((a, i) => {
    const attempt = i + 1;
    const who = a.start.operator.trim() ? ` by ${a.start.operator.trim()}` : '';
    entries.push({ at: a.start.time, until: null, stepId: null, event: `Run started (attempt ${attempt}, ${a.start.mode}${who})`, status: null, durationMs: null, attempt, order: 0 });
    entries.push(
      a.end
        ? { at: a.end.time, until: null, stepId: null, event: 'Run ended', status: a.end.status, durationMs: a.end.durationMs, attempt, order: 2 }
        : { at: a.lastEventAt, until: null, stepId: null, event: 'Last event recorded; no run end (engine stopped)', status: 'interrupted', durationMs: null, attempt, order: 2 },
    );
  });
  for (const id of stepIds) {
    for (const t of run.tries.get(id) ?? []) {
      const dryRun = run.attempts[t.runAttempt - 1]?.start.mode === 'dry-run';
      if (t.started && t.startedAt !== null) {
        const until = tryEndedAt(t);
        entries.push({
          at: t.startedAt,
          until,
          stepId: id,
          event: `${titleOf(id)}${t.try > 1 ? ` (try ${t.try})` : ''}`,
          status: dryRun ? 'planned' : tryStatus(t),
          durationMs: t.end?.durationMs ?? msBetween(t.startedAt, until),
          attempt: t.runAttempt,
          order: 1,
        });
      } else if (t.end?.status === 'skipped' && !dryRun) {
        // A step skipped on resume (or not selected) is part of what happened in that attempt.
        const reason = t.end.reason ? `: ${t.end.reason}` : '';
        entries.push({ at: t.end.time, until: null, stepId: id, event: `${titleOf(id)} skipped${reason}`, status: 'skipped', durationMs: null, attempt: t.runAttempt, order: 1 });
      }
    }
  }
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.entry.attempt - b.entry.attempt || a.entry.order - b.entry.order || a.index - b.index)
    .map(({ entry: { order: _order, ...entry } }) => entry);
}
