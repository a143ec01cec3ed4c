// Line-per-event output for logs and CI: no cursor movement, one fact per line, colour only on a
// colour terminal (see src/output/colors.ts). What a step printed is shown with its control
// characters made visible (show-controls.ts): only our own colour codes reach the terminal.
import type { Colors } from 'picocolors/types.js';
import { colors } from '../output/colors.js';
import type { RunEvent } from '../model/events.js';
import type { Subscriber } from './event-bus.js';
import { mark } from './verdict-mark.js';
import { formatElapsed } from '../format/format-duration.js';
import { showControls } from './show-controls.js';
import { runEndLine } from './run-end-line.js';

export function createPlainRenderer(write: (text: string) => void, { showOutput = true, palette = colors, showPath = (p: string) => p }: { showOutput?: boolean; palette?: Colors; showPath?: (path: string) => string } = {}): Subscriber {
  return (event: RunEvent) => {
    const line = formatEvent(event.type === 'run-end' && event.recordPath ? { ...event, recordPath: showPath(event.recordPath) } : event, showOutput, palette);
    if (line !== undefined) write(`${line}\n`);
  };
}

function formatEvent(event: RunEvent, showOutput: boolean, pc: Colors): string | undefined {
  switch (event.type) {
    case 'run-start':
      return `${pc.bold(event.runbookTitle)} — ${event.mode === 'dry-run' ? 'dry run' : 'run'} ${event.runId}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`;
    case 'step-start':
      return `${pc.cyan(`[${event.stepId}]`)} ${showControls(event.title)}`;
    case 'step-output':
      return showOutput ? `${pc.dim(`[${event.stepId}] │`)} ${showControls(event.line)}` : undefined;
    case 'command-end':
      return `${pc.cyan(`[${event.stepId}]`)} $ ${event.result.displayCommand.split('\n').map(showControls).join('\n    ')}  ${pc.dim(`→ exit ${event.result.exitCode ?? event.result.signal ?? '?'}${event.result.timedOut ? ' (timed out)' : ''} in ${formatElapsed(event.result.durationMs)}`)}`;
    case 'verdict': {
      const colour = event.outcome.verdict === 'failed' ? pc.red : event.outcome.verdict === 'unverified' ? pc.yellow : pc.green;
      return `${pc.cyan(`[${event.stepId}]`)} ${colour(`${mark(event.outcome.verdict)} ${event.outcome.verdict}`)}: ${oneLine(event.outcome.expected)} — ${oneLine(event.outcome.evidence)}`;
    }
    case 'attestation':
      return `${pc.cyan(`[${event.stepId}]`)} ${event.answer === 'confirmed' ? pc.green('✔ confirmed') : event.answer === 'declined' ? pc.red('✖ declined') : pc.yellow('? unconfirmed')}: ${event.label ? `${event.label}: ` : ''}${oneLine(event.text)}${event.by ? ` (by ${event.by})` : ''}`;
    case 'decision':
      return `${pc.cyan(`[${event.decisionId}]`)} ◆ ${event.option === 'none' ? 'no branch taken' : `takes ${event.option}: ${oneLine(event.optionTitle)}`} (${event.how === 'check' ? event.evidence ?? 'checked' : `by ${event.by}`})`;
    case 'gate': {
      const decision = event.decision === 'skipped' ? 'skipped at its gate' : event.decision === 'aborted' ? 'run aborted at its gate' : event.approved ? 'approved' : 'refused';
      return `${pc.cyan(`[${event.stepId}]`)} ${decision}: ${event.reason} (by ${event.by})`;
    }
    case 'step-end': {
      const colour = event.status === 'passed' ? pc.green : event.status === 'skipped' || event.status === 'not-run' || event.status === 'planned' ? pc.dim : pc.red;
      return `${pc.cyan(`[${event.stepId}]`)} ${colour(event.status)}${event.reason ? `: ${oneLine(event.reason)}` : ''}${event.durationMs > 0 ? ` (${formatElapsed(event.durationMs)})` : ''}`;
    }
    case 'run-end':
      return `${(event.status === 'passed' ? pc.green : event.status === 'incomplete' ? pc.yellow : pc.red)(runEndLine(event.status, event.durationMs, event.reason && oneLine(event.reason)))}${event.recordPath ? `\ndrill record: ${event.recordPath}` : ''}`;
    default:
      return undefined;
  }
}

function oneLine(text: string): string {
  const flat = showControls(text.replace(/\s*\n\s*/g, ' ⏎ ').trim());
  return flat.length > 240 ? `${flat.slice(0, 237)}…` : flat;
}
