// The scheduler: listr2 runs one task per step, in graph order, up to --concurrency at once; each
// task waits for its dependencies. Stopping at the first failure, Ctrl-C and not-run marking live
// here. Every fact is an event on the bus; the TTY task list is the only thing drawn directly.
import { Listr, type DefaultRenderer, type ListrTaskWrapper, type SimpleRenderer } from 'listr2';
import type { RunStatus, StepStatus } from '../model/events.js';
import type { Step } from '../model/runbook.js';
import { runStep, type Ask, type StepContext, type StepResult } from './run-step.js';
import { YesNoPrompt } from './yes-no-prompt.js';

type TaskWrapper = ListrTaskWrapper<unknown, typeof DefaultRenderer, typeof SimpleRenderer>;

export interface ExecuteRequest {
  steps: Step[];
  order: string[];
  dependencies: Record<string, string[]>;
  selected: Set<string>;
  concurrency: number;
  /** `tty` draws the listr2 task list; `silent` leaves output to the event subscribers. */
  display: 'tty' | 'silent';
  interactive: boolean;
  context: Omit<StepContext, 'ask' | 'signal' | 'deadline'>;
  signal: AbortSignal;
  /** The whole run's time limit: running steps are ended when it passes, the rest not run. */
  timeoutMs?: number;
  /** Steps that passed in an earlier attempt (resume): not run again. */
  alreadyPassed?: Set<string>;
  attempt?: number;
}

export interface ExecuteResult {
  status: RunStatus;
  exitCode: number;
  statuses: Map<string, StepStatus>;
}

export async function executeRun(request: ExecuteRequest): Promise<ExecuteResult> {
  const { bus } = request.context;
  const byId = new Map(request.steps.map((s) => [s.id, s]));
  const statuses = new Map<string, StepStatus>();
  const finished = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  for (const id of request.order) {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    finished.set(id, { promise, resolve });
  }
  let stopReason: string | undefined;
  const deadline = request.timeoutMs === undefined ? undefined : { at: performance.now() + request.timeoutMs, limitMs: request.timeoutMs };
  let askQueue = Promise.resolve<unknown>(undefined);

  const runTask = async (id: string, task?: TaskWrapper): Promise<void> => {
    const step = byId.get(id) as Step;
    const done = finished.get(id);
    try {
      const deps = request.dependencies[id] ?? [];
      await Promise.all(deps.map((dep) => finished.get(dep)?.promise));
      const notRun = (reason: string, status: StepStatus = 'not-run'): void => {
        statuses.set(id, status);
        bus.emit({ type: 'step-end', stepId: id, status, durationMs: 0, exitCode: null, captures: {}, reason });
        task?.skip(`${id}  ${step.title} — ${reason}`);
      };
      if (request.alreadyPassed?.has(id)) return notRun('passed in an earlier attempt', 'skipped');
      if (request.signal.aborted) return notRun('not run: the run was interrupted');
      if (stopReason !== undefined) return notRun(`not run: ${stopReason}`);
      if (!request.selected.has(id)) return notRun('not selected', 'skipped');
      if (deadline !== undefined && performance.now() >= deadline.at) return notRun('not run: the run\'s time limit ran out');
      const blocked = deps.find((dep) => {
        const status = statuses.get(dep);
        return status !== undefined && !['passed', 'skipped'].includes(status) && !byId.get(dep)?.continueOnError;
      });
      if (blocked !== undefined) return notRun(`not run: ${blocked} did not pass`);

      const ask: Ask = async (question) => {
        if (!request.interactive || !task) return undefined;
        // One prompt at a time, even with several steps running.
        const answer = askQueue.then(() => task.prompt(YesNoPrompt).run<boolean>(question.kind === 'outcome' ? `${id} expected: ${question.text}${question.output ? `\n  output: ${lastLines(question.output)}` : ''}\n  Confirmed?` : `${id} confirm: ${question.text}`));
        askQueue = answer.catch(() => undefined);
        return answer;
      };
      const answered: string[] = [];
      const onOutput = task ? bus.subscribe((event) => {
        if (event.type === 'attestation' && event.stepId === id) {
          const answer = event.answer === 'confirmed' ? '✔ confirmed' : event.answer === 'declined' ? '✖ declined' : '? unconfirmed';
          answered.push(`${answer}: ${event.label ? `${event.label}: ` : ''}${event.text.split('\n')[0]}${event.by ? ` (by ${event.by})` : ''}`);
        }
        if (event.type === 'step-output' && event.stepId === id) task.output = event.line;
        if (event.type === 'command-end' && event.stepId === id) task.output = `$ ${event.result.displayCommand.split('\n')[0]}`;
      }) : undefined;
      let result: StepResult;
      try {
        result = await runStep(step, { ...request.context, ask, signal: request.signal, ...(deadline && { deadline }) }, request.attempt ?? 1);
      } finally {
        onOutput?.();
      }
      statuses.set(id, result.status);
      if (task) {
        task.title = `${id}  ${step.title} — ${summarize(result)}`;
        task.output = [...answered, ...result.outcomes.map((o) => `${mark(o.verdict)} ${o.expected}: ${o.evidence}`)].join('\n');
      }
      if (result.status !== 'passed') {
        if (!step.continueOnError && stopReason === undefined && !request.signal.aborted) stopReason = `${id} ${result.status}`;
        if (task) throw new Error(`${id}  ${step.title} — ${result.status}: ${result.reason ?? ''}`);
      }
    } finally {
      done?.resolve();
    }
  };

  if (request.display === 'tty') {
    const list = new Listr<unknown, 'default', 'simple'>(
      request.order.map((id) => ({
        title: `${id}  ${byId.get(id)?.title ?? ''}`,
        task: (_ctx: unknown, task: TaskWrapper) => runTask(id, task),
        rendererOptions: { outputBar: 6, persistentOutput: true },
      })),
      {
        concurrent: Math.max(1, request.concurrency),
        exitOnError: false,
        registerSignalListeners: false,
        rendererOptions: { collapseErrors: false, showErrorMessage: true, collapseSkips: true, showSkipMessage: true },
      },
    );
    await list.run().catch(() => undefined);
  } else {
    await runWithLimit(request.order, Math.max(1, request.concurrency), (id) => runTask(id));
  }

  const all = [...statuses.values()];
  let status: RunStatus = 'passed';
  if (request.signal.aborted) status = 'aborted';
  else if (all.includes('timed-out')) status = 'timed-out';
  else if (all.some((s) => s === 'failed' || s === 'interrupted')) status = 'failed';
  return { status, exitCode: status === 'passed' ? 0 : status === 'aborted' ? 130 : 1, statuses };
}

/** Starts tasks in order, at most `limit` at once (the same policy listr2 applies on a TTY). */
async function runWithLimit(ids: string[], limit: number, run: (id: string) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next] as string;
      next += 1;
      await run(id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, ids.length) }, worker));
}

function summarize(result: StepResult): string {
  const counts = new Map<string, number>();
  for (const o of result.outcomes) counts.set(o.verdict, (counts.get(o.verdict) ?? 0) + 1);
  const verdicts = [...counts].map(([verdict, n]) => `${n} ${verdict}`).join(', ');
  return `${result.status}${verdicts ? ` (${verdicts})` : ''} in ${(result.durationMs / 1000).toFixed(1)}s`;
}

export function mark(verdict: string): string {
  return { verified: '✔', attested: '✔', unverified: '?', failed: '✖', planned: '·', 'not-run': '-' }[verdict] ?? '·';
}

function lastLines(text: string): string {
  return text.trimEnd().split('\n').slice(-5).join('\n  ');
}
