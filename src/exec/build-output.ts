// The one place that decides how a run is shown and reported, like go-task's output.BuildFor:
// the task list on a terminal, plain lines elsewhere (CI, pipes, dry runs), NDJSON on stdout
// with --json; after the run, JUnit with --junit and the step summary under GitHub Actions. The
// scheduler only emits events; everything here subscribes to them or reads them at the end.
import { resolve } from 'node:path';
import { createColors } from 'picocolors';
import type { PlannedStep, RunEvent, RunStatus } from '../model/events.js';
import { wantsColor } from '../output/colors.js';
import type { Subscriber } from '../run/event-bus.js';
import type { Mask } from '../run/mask-secrets.js';
import { createPlainRenderer } from '../run/render-plain.js';
import type { Ask } from '../run/run-step.js';
import type { Choose } from '../run/decision-question.js';
import type { RunSettings } from './run-settings.js';
import type { SessionIO } from './session-io.js';
import { formatElapsed } from '../format/format-duration.js';

export interface RunOutput {
  /** The live renderers: subscribers of the event bus. */
  subscribers: Subscriber[];
  /** Asks the operator where someone can answer; elsewhere every answer is undefined. */
  ask: Ask;
  /** Asks which branch of a decision point to take, where someone can answer. */
  choose: Choose;
  /** Text for the people watching: stdout, or stderr when stdout carries data (--json, --record -). */
  human(text: string): void;
  /** Starts and ends what draws while the run goes (the task list). */
  start(): void;
  stop(): Promise<void>;
  /** After the run-end event: the reports made from every event, and the closing line. */
  finish(events: readonly RunEvent[], end: { status: RunStatus; startedAt: number; recordPath?: string }): Promise<void>;
}

const nobody: Ask = async () => undefined;
const nobodyChooses: Choose = async () => undefined;

/** Where the task list is drawn and someone at the keyboard can answer (--yes answers for nobody). */
export function canAskOperator(settings: RunSettings, io: SessionIO): boolean {
  return !settings.json && io.tty.stdout && !io.env.CI && !settings.dryRun && io.tty.stdin && !settings.yes;
}

export async function buildOutput(settings: RunSettings, io: SessionIO, { steps, mask }: { steps: readonly PlannedStep[]; mask: Mask }): Promise<RunOutput> {
  const dataOnStdout = settings.json || settings.record === '-';
  const humanStream = dataOnStdout ? io.stderr : io.stdout;
  const human = (text: string): void => void humanStream.write(text);
  const warn = (text: string): void => void io.stderr.write(text);
  const subscribers: Subscriber[] = [];
  if (settings.json) subscribers.push((event) => io.stdout.write(`${JSON.stringify(event)}\n`));
  const drawn = !settings.json && io.tty.stdout && !io.env.CI && !settings.dryRun;
  const answered = canAskOperator(settings, io);
  let list: Awaited<ReturnType<typeof loadTaskList>> | undefined;
  if (drawn) {
    // A terminal nobody gave a size (`script`, some containers) reports 0 columns, and the task
    // list would wrap one character per line.
    if (!io.stdout.columns) io.stdout.columns = 80;
    list = await loadTaskList(steps, settings, io);
    subscribers.push(list.subscriber);
  } else {
    const palette = createColors(wantsColor(dataOnStdout ? io.tty.stderr : io.tty.stdout, io.env));
    subscribers.push(createPlainRenderer(human, { palette }));
  }
  // --yes approves gates only; it never answers for a person, so nothing is asked then either.
  const ask = list && answered ? list.ask : nobody;
  return {
    subscribers,
    ask,
    choose: list && answered ? list.choose : nobodyChooses,
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
      if (drawn) io.stdout.write(`\nrun ${end.status} in ${formatElapsed(io.elapsed() - end.startedAt)}${end.recordPath ? `\ndrill record: ${end.recordPath}` : ''}\n`);
    },
  };
}

/** listr2 is loaded only when a task list is drawn. */
async function loadTaskList(steps: readonly PlannedStep[], settings: RunSettings, io: SessionIO) {
  const { createTaskList } = await import('../run/render-task-list.js');
  // Only drawn when stdout is a terminal, that is the process's own stream.
  return createTaskList(steps, { concurrency: settings.concurrency, stdin: io.stdin, stdout: io.stdout as NodeJS.WriteStream, stderr: io.stderr as NodeJS.WriteStream });
}
