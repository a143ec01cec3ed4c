// The live task list on a terminal (listr2), drawn from the run's events. The scheduler runs the
// steps; this only shows them: each listr2 task waits for its step's end and takes its title,
// output and result from the events. listr2 starts tasks in the same order and with the same
// limit as the scheduler, so the tasks it shows running are the steps that run. Questions to the
// operator (gates at their turn, attestations, outcomes no matcher checks) are asked under their
// step's task, one at a time.
import { Listr, ListrLogger, ProcessOutput, type DefaultRenderer, type ListrTaskWrapper, type SimpleRenderer } from 'listr2';
import type { OutcomeResult, RunEvent } from '../model/events.js';
import type { Subscriber } from './event-bus.js';
import type { Ask } from './run-step.js';
import { formatGateQuestion } from './format-gate-question.js';
import { mark } from './verdict-mark.js';
import { GATE_CHOICES, gateKeys, KeyPrompt, yesNoKeys, type GateAnswer, type Keyboard, type KeyQuestion, type KeyWait } from './key-prompt.js';
import type { AskGate } from './execute-run.js';
import { ChoicePrompt } from './choice-prompt.js';
import type { Choose } from './decision-question.js';
import { formatElapsed } from '../format/format-duration.js';
import { showControls } from './show-controls.js';

type TaskWrapper = ListrTaskWrapper<unknown, typeof DefaultRenderer, typeof SimpleRenderer>;
type StepEnd = Extract<RunEvent, { type: 'step-end' }>;

export interface TaskListOptions {
  concurrency: number;
  stdin: Keyboard;
  /** The run's interrupt: a question still open then is withdrawn. */
  signal?: AbortSignal;
  /** Ctrl-C pressed at a question (raw mode reads it as a key). */
  onInterrupt?: () => void;
  /** A terminal: listr2 moves its cursor. */
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export interface TaskList {
  subscriber: Subscriber;
  /** Asks under the step's task, one question at a time. */
  ask: Ask;
  /** Asks which branch of a decision point to take, under the task of the step whose turn it is. */
  choose: Choose;
  /** A gate, at its step's turn. */
  askGate: AskGate;
  start(): void;
  /** Resolves once the list has drawn every step's end. */
  stop(): Promise<void>;
}

interface StepView {
  id: string;
  title: string;
  task: Deferred<TaskWrapper>;
  end: Deferred<StepEnd>;
  ended: boolean;
  wrapper?: TaskWrapper;
  output?: string;
  answered: string[];
  verdicts: OutcomeResult[];
}

export function createTaskList(steps: readonly { id: string; title: string }[], options: TaskListOptions): TaskList {
  const views = new Map(steps.map((s): [string, StepView] => [s.id, { id: s.id, title: s.title, task: deferred(), end: deferred(), ended: false, answered: [], verdicts: [] }]));
  const show = (view: StepView, output: string): void => {
    view.output = output;
    if (view.wrapper) view.wrapper.output = output;
  };
  const subscriber: Subscriber = (event) => {
    const view = 'stepId' in event && event.stepId !== undefined ? views.get(event.stepId) : undefined;
    if (!view || view.ended) return;
    if (event.type === 'attestation') {
      const answer = event.answer === 'confirmed' ? '✔ confirmed' : event.answer === 'declined' ? '✖ declined' : '? unconfirmed';
      view.answered.push(`${answer}: ${event.label ? `${event.label}: ` : ''}${event.text.split('\n')[0]}${event.by ? ` (by ${event.by})` : ''}`);
    }
    if (event.type === 'step-output') show(view, showControls(event.line));
    if (event.type === 'command-end') show(view, `$ ${event.result.displayCommand.split('\n')[0]}`);
    if (event.type === 'verdict') view.verdicts.push(event.outcome);
    if (event.type === 'decision') view.answered.push(`◆ ${event.decisionId}: ${event.optionTitle} (${event.option}, by ${event.by})`);
    if (event.type === 'step-end') {
      view.ended = true;
      view.end.resolve(event);
    }
  };

  const present = async (view: StepView, task: TaskWrapper): Promise<void> => {
    view.wrapper = task;
    view.task.resolve(task);
    if (view.output !== undefined) task.output = view.output;
    const end = await view.end.promise;
    const name = `${view.id}  ${view.title}`;
    if (end.status === 'skipped' || end.status === 'not-run') {
      task.skip(`${name} — ${end.reason ?? end.status}`);
      return;
    }
    task.title = `${name} — ${summarize(end, view.verdicts)}`;
    task.output = [...view.answered, ...view.verdicts.map((o) => `${mark(o.verdict)} ${o.expected}: ${o.evidence}`)].join('\n');
    if (end.status !== 'passed') throw new Error(`${name} — ${end.status}: ${end.reason ?? ''}`);
  };

  const list = new Listr<unknown, 'default', 'simple'>(
    [...views.values()].map((view) => ({
      title: `${view.id}  ${view.title}`,
      task: (_ctx: unknown, task: TaskWrapper) => present(view, task),
      rendererOptions: { outputBar: 6, persistentOutput: true },
    })),
    {
      concurrent: Math.max(1, options.concurrency),
      exitOnError: false,
      registerSignalListeners: false,
      rendererOptions: {
        collapseErrors: false,
        showErrorMessage: true,
        collapseSkips: true,
        showSkipMessage: true,
        logger: new ListrLogger({ useIcons: true, toStderr: [], processOutput: new ProcessOutput(options.stdout, options.stderr) }),
      },
    },
  );

  let queue = Promise.resolve<unknown>(undefined);
  const interrupt: KeyWait = { ...(options.signal && { signal: options.signal }), ...(options.onInterrupt && { onInterrupt: options.onInterrupt }) };
  const prompt = <T>(stepId: string, text: string, keys: KeyQuestion<T>['keys']): Promise<T | undefined> => {
    const view = views.get(stepId);
    if (!view) return Promise.resolve(undefined);
    const question: KeyQuestion<T> = { keys, ...interrupt };
    // The step may be asking before listr2 has started its task: the question waits for it.
    const answer = queue.then(async () => (await view.task.promise).prompt(KeyPrompt).run<T | undefined>(text, options.stdin, question));
    queue = answer.catch(() => undefined);
    return answer;
  };
  const ask: Ask = async (question) => {
    const text = question.kind === 'outcome'
      ? `${question.stepId} expected: ${question.text}${question.output ? `\n  output: ${lastLines(question.output)}` : ''}\n  Confirmed? [y/n]`
      : `${question.stepId} confirm: ${question.text} [y/n]`;
    return prompt<boolean>(question.stepId, text, yesNoKeys);
  };
  const askGate: AskGate = async (gate) => prompt<GateAnswer>(gate.stepId, `${formatGateQuestion(gate)}\n  ${GATE_CHOICES}`, gateKeys);

  const choose: Choose = async (question) => {
    const view = views.get(question.stepId);
    if (!view) return undefined;
    const answer = queue.then(async () => (await view.task.promise).prompt(ChoicePrompt).run<string | undefined>(question, options.stdin, interrupt));
    queue = answer.catch(() => undefined);
    return answer;
  };

  let running: Promise<unknown> | undefined;
  return {
    subscriber,
    ask,
    choose,
    askGate,
    start: () => {
      running = list.run().catch(() => undefined);
    },
    stop: async () => {
      // A step the scheduler never ended (it stopped on an error) must not hold the list open.
      for (const view of views.values()) {
        if (!view.ended) subscriber({ time: new Date().toISOString(), type: 'step-end', stepId: view.id, status: 'not-run', durationMs: 0, exitCode: null, captures: {}, reason: 'not run' });
      }
      await running;
    },
  };
}

function summarize(end: StepEnd, verdicts: readonly OutcomeResult[]): string {
  const counts = new Map<string, number>();
  for (const o of verdicts) counts.set(o.verdict, (counts.get(o.verdict) ?? 0) + 1);
  const shown = [...counts].map(([verdict, n]) => `${n} ${verdict}`).join(', ');
  return `${end.status}${shown ? ` (${shown})` : ''} in ${formatElapsed(end.durationMs)}`;
}

function lastLines(text: string): string {
  return text.trimEnd().split('\n').slice(-5).join('\n  ');
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
