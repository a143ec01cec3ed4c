// The scheduler: one task per step, in graph order, up to --concurrency at once; each task waits
// for its dependencies. Stopping at the first failure, Ctrl-C and not-run marking live here.
// Every fact is an event on the bus, and every question goes through `ask`: it never draws.
import type { RunStatus, StepStatus } from '../model/events.js';
import type { Step } from '../model/runbook.js';
import { confirmLeft } from './confirm-left.js';
import type { OpenStatement } from './open-statements.js';
import { runStep, type Ask, type StepContext } from './run-step.js';

export interface ExecuteRequest {
  steps: Step[];
  order: string[];
  dependencies: Record<string, string[]>;
  selected: Set<string>;
  concurrency: number;
  /** Asks the operator; answers undefined where nobody can (no terminal, --json). */
  ask: Ask;
  context: Omit<StepContext, 'ask' | 'signal' | 'deadline'>;
  signal: AbortSignal;
  /** The whole run's time limit: running steps are ended when it passes, the rest not run. */
  timeoutMs?: number;
  /** Steps that passed in an earlier attempt (resume): not run again. */
  alreadyPassed?: Set<string>;
  /** Settles the decision points a step's branches belong to: why it is skipped (`not chosen`), or undefined to run it. */
  decide?: (step: Step) => Promise<string | undefined>;
  /** Their statements nobody confirmed then: asked again, without running the step. */
  openStatements?: ReadonlyMap<string, OpenStatement[]>;
  attempt?: number;
}

export interface ExecuteResult {
  status: RunStatus;
  exitCode: number;
  statuses: Map<string, StepStatus>;
  /** Statements nobody confirmed, over every step that ran. */
  unconfirmed: number;
  /** The step the run stopped at and why: `A.2 failed: exit 1`. */
  stoppedAt?: string;
}

/** SPEC §1: 0 passed · 1 a step failed · 3 incomplete · 130 interrupted. */
export const exitCodes: Partial<Record<RunStatus, number>> = { passed: 0, planned: 0, incomplete: 3, aborted: 130 };

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
  let stoppedAt: string | undefined;
  let unconfirmed = 0;
  let declined = false;
  const deadline = request.timeoutMs === undefined ? undefined : { at: performance.now() + request.timeoutMs, limitMs: request.timeoutMs };

  const runTask = async (id: string): Promise<void> => {
    const step = byId.get(id) as Step;
    const done = finished.get(id);
    try {
      const deps = request.dependencies[id] ?? [];
      await Promise.all(deps.map((dep) => finished.get(dep)?.promise));
      const notRun = (reason: string, status: StepStatus = 'not-run'): void => {
        statuses.set(id, status);
        bus.emit({ type: 'step-end', stepId: id, status, durationMs: 0, exitCode: null, captures: {}, reason });
      };
      if (request.alreadyPassed?.has(id)) {
        const left = await confirmLeft(request.openStatements?.get(id) ?? [], { ...request.context, ask: request.ask });
        unconfirmed += left.unconfirmed;
        if (left.declined !== undefined) {
          declined = true;
          stoppedAt ??= left.declined;
        }
        return notRun('passed in an earlier attempt', 'skipped');
      }
      if (request.signal.aborted) return notRun('not run: the run was interrupted');
      if (stopReason !== undefined) return notRun(`not run: ${stopReason}`);
      if (!request.selected.has(id)) return notRun('not selected', 'skipped');
      if (deadline !== undefined && performance.now() >= deadline.at) return notRun('not run: the run\'s time limit ran out');
      const blocked = deps.find((dep) => {
        const status = statuses.get(dep);
        return status !== undefined && !['passed', 'skipped'].includes(status) && !byId.get(dep)?.continueOnError;
      });
      if (blocked !== undefined) return notRun(`not run: ${blocked} did not pass`);
      const unchosen = await request.decide?.(step);
      if (unchosen !== undefined) return notRun(unchosen, 'skipped');

      const result = await runStep(step, { ...request.context, ask: request.ask, signal: request.signal, ...(deadline && { deadline }) }, request.attempt ?? 1);
      statuses.set(id, result.status);
      unconfirmed += result.unconfirmed;
      if (result.status !== 'passed' && stoppedAt === undefined) stoppedAt = `${id} ${result.status}${result.reason ? `: ${result.reason}` : ''}`;
      if (result.status !== 'passed' && !step.continueOnError && stopReason === undefined && !request.signal.aborted) stopReason = `${id} ${result.status}`;
    } finally {
      done?.resolve();
    }
  };

  await runWithLimit(request.order, Math.max(1, request.concurrency), runTask);

  const all = [...statuses.values()];
  let status: RunStatus = 'passed';
  if (request.signal.aborted) status = 'aborted';
  else if (all.includes('timed-out')) status = 'timed-out';
  else if (declined || all.some((s) => s === 'failed' || s === 'interrupted')) status = 'failed';
  // Nothing failed, but what needed a person was not confirmed: not a pass (SPEC §1, exit 3).
  else if (unconfirmed > 0) status = 'incomplete';
  return { status, exitCode: exitCodes[status] ?? 1, statuses, unconfirmed, ...(stoppedAt !== undefined && { stoppedAt }) };
}

/** Starts tasks in order, at most `limit` at once. */
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
