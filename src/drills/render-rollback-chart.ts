// A Mermaid bar chart of time to roll back per drill, oldest first (left to right, as time runs),
// for the Markdown history. Only drills that have the measure are drawn: a dry run, or a run
// that never finished a rollback step, has none. Pure.
import { codeBlock } from '../format/escape-markdown.js';
import { releaseOf } from './check-drills.js';
import type { Drill } from './drill-schema.js';

/** A category label: Mermaid has no escape for `"` inside a quoted label, nor a line break. */
function label(text: string): string {
  return `"${text.replace(/"/g, "'").replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')}"`;
}

/** Null when no drill has a time to roll back. */
export function renderRollbackChart(drills: Drill[]): string | null {
  const measured = drills.filter((d) => d.timeToRollbackMs !== null).sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  if (measured.length === 0) return null;
  const values = measured.map((d) => d.timeToRollbackMs as number);
  const max = Math.max(...values);
  // Seconds while every drill is under two minutes; minutes beyond.
  const [unit, size, digits] = max < 120_000 ? ['seconds', 1000, 1] : ['minutes', 60_000, 2];
  const scaled = values.map((v) => Number((v / size).toFixed(digits)));
  const top = Math.max(1, Math.ceil(Math.max(...scaled)));
  const names = measured.map((d) => label(`${d.startedAt.slice(0, 16).replace('T', ' ')} ${releaseOf(d) ?? d.drillId}`));
  const chart = [
    'xychart-beta',
    `  title "Time to roll back per drill (${unit})"`,
    `  x-axis [${names.join(', ')}]`,
    `  y-axis "${unit}" 0 --> ${top}`,
    `  bar [${scaled.join(', ')}]`,
  ].join('\n');
  return codeBlock(chart, 'mermaid');
}
