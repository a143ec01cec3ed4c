// The one place that decides how a run is shown and reported, like go-task's output.BuildFor:
// the task list on a terminal, plain lines elsewhere (CI, pipes, dry runs), NDJSON on stdout
// with --json; after the run, JUnit with --junit and the step summary under GitHub Actions. The
// scheduler only emits events; everything here subscribes to them or reads them at the end.
import { relative, resolve } from 'node:path';
import { createColors } from 'picocolors';
import type { PlannedStep, RunEvent, RunStatus } from '../model/events.js';
import { wantsColor } from '../output/colors.js';
import type { Subscriber } from '../run/event-bus.js';
import type { Mask } from '../run/mask-secrets.js';
import { createPlainRenderer } from '../run/render-plain.js';
import type { Ask } from '../run/run-step.js';
import type { Choose } from '../run/decision-question.js';
import type { AskGate } from '../run/execute-run.js';
import { gateAsker } from './ask-on-terminal.js';
import type { RunSettings } from './run-settings.js';
import type { SessionIO } from './session-io.js';
import { runEndLine } from '../run/run-end-line.js';

export interface RunOutput {
  /** The live renderers: subscribers of the event bus. */
  subscribers: Subscriber[];
  /** Asks the operator where someone can answer; elsewhere every answer is undefined. */
  ask: Ask;
  /** Asks the operator which branch of a decision point to take, where someone can answer. */
  choose: Choose;
  /** Asks a gate at its step's turn, when gates are asked then (a terminal, no --yes). */
  askGate?: AskGate;
  /** Text for the people watching: stdout, or stderr when stdout carries data (--json, --record -). */
  human(text: string): void;
  /** Starts and ends what draws while the run goes (the task list). */
  start(): void;
  stop(): Promise<void>;
  /** After the run-end event: the reports made from every event, and the closing line. */
  finish(events: readonly RunEvent[], end: { status: RunStatus; startedAt: number; reason?: string; recordPath?: string }): Promise<void>;
}

const nobody: Ask = async () => undefined;
const nobodyChooses: Choose = async () => undefined;

export interface OutputRun {
  steps: readonly PlannedStep[];
  mask: Mask;
  /** The workspace root: paths in events are relative to it. */
  root: string;
  /** Aborted when the run is interrupted: open questions are withdrawn. */
  signal: AbortSignal;
  /** What Ctrl-C at a question does (raw mode reads it as a key). */
  onInterrupt: () => void;
  gatesAtTurn: boolean;
}

export async function buildOutput(settings: RunSettings, io: SessionIO, { steps, mask, root, signal, onInterrupt, gatesAtTurn }: OutputRun): Promise<RunOutput> {
  // Paths in events are the workspace root's; people read them from where they started.
  const showPath = (path: string): string => relative(io.workspace, resolve(root, path)) || path;
  const dataOnStdout = settings.json || settings.record === '-';
  const humanStream = dataOnStdout ? io.stderr : io.stdout;
  const human = (text: string): void => void humanStream.write(text);
  const warn = (text: string): void => void io.stderr.write(text);
  const subscribers: Subscriber[] = [];
  if (settings.json) subscribers.push((event) => io.stdout.write(`${JSON.stringify(event)}\n`));
  const drawn = !settings.json && io.tty.stdout && !io.env.CI && !settings.dryRun;
  let list: Awaited<ReturnType<typeof loadTaskList>> | undefined;
  if (drawn) {
    // A terminal nobody gave a size (`script`, some containers) reports 0 columns and 0 rows:
    // the task list would wrap one character per line, and show no line at all until the end,
    // not even a question waiting for an answer.
    if (!io.stdout.columns) io.stdout.columns = 80;
    if (!io.stdout.rows) io.stdout.rows = 24;
    list = await loadTaskList(steps, settings, io, { signal, onInterrupt });
    subscribers.push(list.subscriber);
  } else {
    const palette = createColors(wantsColor(dataOnStdout ? io.tty.stderr : io.tty.stdout, io.env));
    subscribers.push(createPlainRenderer(human, { palette, showPath }));
  }
  const answered = list !== undefined && nobodyToAsk(settings, io) === undefined;
  const askGate = gatesAtTurn ? list?.askGate ?? gateAsker(io, { signal, onInterrupt }) : undefined;
  return {
    subscribers,
    ask: answered && list ? list.ask : nobody,
    choose: answered && list ? list.choose : nobodyChooses,
    ...(askGate && { askGate }),
    human,
    start: () => list?.start(),
    stop: async () => list?.stop(),
    finish: async (events, end) => {
      if (settings.junit) {
        const { writeJunit } = await import('../run/write-junit.js');
        writeJunit(resolve(io.workspace, settings.junit), events, mask, warn);
      }
      const summaryFile = io.env.GITHUB_STEP_SUMMARY;
      if (summaryFile) {
        const { appendStepSummary } = await import('../cli/step-summary.js');
        const { renderRunSummary } = await import('../run/render-run-summary.js');
        appendStepSummary(renderRunSummary(events), summaryFile, warn);
      }
      if (drawn) io.stdout.write(`\n${runEndLine(end.status, io.elapsed() - end.startedAt, end.reason)}${end.recordPath ? `\ndrill record: ${showPath(end.recordPath)}` : ''}\n`);
    },
  };
}

/**
 * Why no person can be asked to confirm anything in this run, or undefined when someone can: the
 * task list asks under each step, so only where it is drawn and its terminal can answer.
 */
export function nobodyToAsk(settings: Pick<RunSettings, 'dryRun' | 'json' | 'yes'>, io: Pick<SessionIO, 'tty' | 'env'>): string | undefined {
  if (settings.dryRun) return 'dry run';
  if (settings.json) return '--json';
  if (!io.tty.stdout || !io.tty.stdin) return 'no terminal';
  if (io.env.CI) return 'CI';
  // --yes approves gates only; it never answers for a person, so nothing is asked then either.
  if (settings.yes) return '--yes asks nobody';
  return undefined;
}

/** listr2 is loaded only when a task list is drawn. */
async function loadTaskList(steps: readonly PlannedStep[], settings: RunSettings, io: SessionIO, run: { signal: AbortSignal; onInterrupt: () => void }) {
  const { createTaskList } = await import('../run/render-task-list.js');
  // Only drawn when stdout is a terminal, that is the process's own stream.
  return createTaskList(steps, { concurrency: settings.concurrency, stdin: io.stdin, stdout: io.stdout as NodeJS.WriteStream, stderr: io.stderr as NodeJS.WriteStream, ...run });
}
