// A run in a few lines of Markdown for the CI job page (GITHUB_STEP_SUMMARY): the result, one
// table row per step, and what needs attention. The drill record holds the rest. Pure; built on
// the record's context so both always tell the same story.
import type { RunEvent, StepStatus } from '../model/events.js';
import { codeBlock, codeSpan, inlineText, tableCell } from '../format/escape-markdown.js';
import { buildRecordContext } from '../record/build-record-context.js';
import { formatDuration } from '../format/format-duration.js';

const icons: Record<StepStatus, string> = {
  passed: '✅',
  failed: '❌',
  'timed-out': '⏱️',
  interrupted: '⛔',
  'not-run': '⏭️',
  skipped: '⏭️',
  planned: '📝',
};

const resultIcons: Record<string, string> = { passed: '✅', failed: '❌', incomplete: '⚠️', aborted: '⛔', interrupted: '⛔', 'timed-out': '⏱️', planned: '📝' };

export function renderRunSummary(events: readonly RunEvent[]): string {
  if (!events.some((e) => e.type === 'run-start')) return '### runbook\n\nNo run was started.\n';
  const context = buildRecordContext(events);
  const { totals } = context;
  const out: string[] = [];
  out.push(`### ${resultIcons[totals.result] ?? ''} ${inlineText(context.runbook.title)}: ${totals.result}`.replace('###  ', '### '), '');
  out.push(inlineText(totals.summary), '');
  const facts = [
    codeSpan(context.runbook.path),
    `${context.mode === 'dry-run' ? 'dry run' : 'live run'} ${codeSpan(context.drillId)}${context.operator ? ` by ${inlineText(context.operator)}` : ''}`,
    context.mode === 'live' && formatDuration(totals.durationMs),
    totals.outcomeSummary && `outcomes: ${inlineText(totals.outcomeSummary)}`,
  ].filter(Boolean);
  out.push(facts.join(' · '), '');
  out.push('| Step | Status | Outcomes | Time |', '|---|---|---|---|');
  for (const step of context.steps) {
    const outcomes = countWords(step.outcomes.map((o) => o.verdict));
    const time = step.durationMs === null ? '—' : formatDuration(step.durationMs);
    out.push(`| ${tableCell(`${codeSpan(step.id)} ${inlineText(step.title)}`)} | ${icons[step.status]} ${tableCell(inlineText(step.verdict))} | ${tableCell(outcomes || '—')} | ${time} |`);
  }
  out.push('');
  if (context.gantt !== null) out.push(codeBlock(context.gantt, 'mermaid'), '');
  if (context.issues.length > 0) {
    out.push('**Needs attention**', '');
    for (const issue of context.issues) out.push(`- ${inlineText(issue.text)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function countWords(verdicts: string[]): string {
  const counts = new Map<string, number>();
  for (const v of verdicts) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${n} ${v === 'not-run' ? 'not run' : v}`).join(', ');
}
