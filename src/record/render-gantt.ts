// The drill's timeline as a Mermaid gantt chart, which GitHub draws from a ```mermaid block: a
// bar per try of a step, coloured by verdict through Mermaid's task tags (done: passed, active:
// passed with statements nobody confirmed, crit: failed or timed out), gates as milestones, one
// section per attempt. Pure.
//
// Times are written as UTC wall-clock values without a zone: Mermaid reads them as the viewer's
// local time and labels the axis with them, so the axis shows UTC, as the rest of the record does.
import type { GateRecord, TimelineEntry } from './record-context.js';

export interface GanttInput {
  title: string;
  timeline: readonly TimelineEntry[];
  gates: readonly GateRecord[];
  /** Steps with a statement nobody confirmed. */
  unconfirmedSteps: ReadonlySet<string>;
}

const tags: Record<string, string> = { passed: 'done', failed: 'crit', 'timed-out': 'crit', interrupted: 'crit, active' };

/** The chart's source, or null when nothing ran (a dry run, a run stopped before its first step). */
export function renderGantt(input: GanttInput): string | null {
  const bars = input.timeline.filter((e) => e.stepId !== null && e.until !== null && e.status !== 'skipped' && e.status !== 'planned');
  if (bars.length === 0) return null;
  const lines = ['gantt', `    title ${ganttText(`Drill timeline (UTC) ${input.title}`)}`, '    dateFormat YYYY-MM-DD HH:mm:ss.SSS', '    axisFormat %H:%M:%S'];
  const gates = input.gates.filter((g): g is GateRecord & { at: string } => g.at !== null);
  let n = 0;
  // A gate belongs to the attempt that had started when it was answered.
  const starts = input.timeline.filter((e) => e.stepId === null && e.event.startsWith('Run started')).map((e) => ({ attempt: e.attempt, at: Date.parse(e.at) }));
  const attemptAt = (at: string): number => starts.filter((s) => s.at <= Date.parse(at)).at(-1)?.attempt ?? 1;
  const attempts = [...new Set([...bars.map((b) => b.attempt), ...gates.map((g) => attemptAt(g.at))])].sort((a, b) => a - b);
  for (const attempt of attempts) {
    if (attempts.length > 1) lines.push(`    section Attempt ${attempt}`);
    for (const bar of bars.filter((b) => b.attempt === attempt)) {
      n += 1;
      const status = bar.status ?? 'interrupted';
      const tag = status === 'passed' && input.unconfirmedSteps.has(bar.stepId ?? '') ? 'active' : tags[status] ?? 'crit';
      lines.push(`    ${ganttText(`Step ${bar.stepId} ${bar.event}`)} :${tag}, t${n}, ${wallClock(bar.at)}, ${wallClock(bar.until ?? bar.at)}`);
    }
    for (const gate of gates.filter((g) => attemptAt(g.at) === attempt)) {
      n += 1;
      lines.push(`    ${ganttText(`Gate ${gate.stepId} ${gate.decision} by ${gate.by}`)} :milestone, t${n}, ${wallClock(gate.at)}, ${wallClock(gate.at)}`);
    }
  }
  return lines.join('\n');
}

/**
 * Text Mermaid cannot take for syntax: `:` ends a task's name, `;` a statement, `#` starts an
 * entity, `%%` a comment, quotes, backticks and angle brackets are markup. Only letters, digits,
 * spaces and plain punctuation stay; every name starts with `Step` or `Gate`, never a keyword.
 */
export function ganttText(text: string): string {
  const safe = text.replace(/[^\p{L}\p{N} .,_+\-/()[\]'!?&*@=]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return safe.length > 100 ? `${safe.slice(0, 99)}…` : safe;
}

/** `2026-11-26T14:03:05.123Z` → `2026-11-26 14:03:05.123`. */
function wallClock(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '1970-01-01 00:00:00.000' : new Date(t).toISOString().replace('T', ' ').replace(/Z$/, '');
}
