// `runbook drills --format markdown`: the history as a table with a chart of time to roll back,
// and the release check as a table, for a pull request, a wiki page or the job summary. Pure.
import { codeSpan, tableCell } from '../format/escape-markdown.js';
import { formatUtc } from '../record/record-text.js';
import type { DrillCheck } from './check-drills.js';
import type { Drill } from './drill-schema.js';
import { renderRollbackChart } from './render-rollback-chart.js';
import { describeOthers, describeScope, describeVerdict, releaseAndTarget, timeToRollBack } from './render-drills-text.js';

const icon: Record<Drill['result'], string> = { passed: '✅', failed: '❌', incomplete: '❔', aborted: '⛔', 'timed-out': '⏱️', interrupted: '⚠️', planned: '📝' };

const cell = (text: string | null): string => (text === null || text === '' ? '—' : tableCell(text));
const code = (text: string | null): string => (text === null || text === '' ? '—' : tableCell(codeSpan(text)));

export function renderDrillsMarkdown(drills: Drill[], dir: string): string {
  const out = ['## Rollback drills', ''];
  if (drills.length === 0) return `${[...out, `No drill records in ${codeSpan(dir)}.`].join('\n')}\n`;
  out.push(`${drills.length} drill record${drills.length === 1 ? '' : 's'} in ${codeSpan(dir)}, newest first.`, '');
  out.push('| Started (UTC) | Result | Mode | Release → target | Time to roll back | Runbook | Record |', '|---|---|---|---|---|---|---|');
  for (const d of drills) {
    out.push(`| ${cell(formatUtc(d.startedAt))} | ${icon[d.result]} ${d.result} | ${d.mode} | ${cell(releaseAndTarget(d))} | ${cell(timeToRollBack(d))} | ${code(d.runbook)} | ${code(d.path)} |`);
  }
  const chart = renderRollbackChart(drills);
  out.push('', '### Time to roll back', '', chart ?? '_No drill has a time to roll back yet: dry runs, and runs that did not finish a rollback step, are not measured._');
  return `${out.join('\n')}\n`;
}

export function renderCheckMarkdown(check: DrillCheck): string {
  const scope = describeScope(check);
  const out = [`## Drills after each release cut`, '', `${scope[0]?.toUpperCase()}${scope.slice(1)}.`, ''];
  if (check.releases.length > 0) {
    out.push('| Tag | Tagged (UTC) | Passing live drill |', '|---|---|---|');
    for (const r of check.releases) {
      const drill = r.drill === null
        ? `❌ none${describeOthers(r.others) ? ` (${describeOthers(r.others)})` : ''}`
        : `✅ ${formatUtc(r.drill.startedAt)} ${tableCell(codeSpan(r.drill.path))}`;
      out.push(`| ${code(r.tag)} | ${cell(r.date === null ? null : formatUtc(r.date))} | ${drill} |`);
    }
    out.push('');
  }
  const verdict = describeVerdict(check);
  out.push(`**${verdict[0]?.toUpperCase()}${verdict.slice(1)}.**`);
  return `${out.join('\n')}\n`;
}
