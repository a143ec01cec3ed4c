// The scheduler: one task per step, in graph order, up to --concurrency at once; each task waits
// for its dependencies. Stopping at the first failure, Ctrl-C, gates asked at their turn, the
// run's one session and not-run marking live here. Every fact is an event on the bus, and every
// question goes through `ask` or `askGate`: it never draws.
import type { RunStatus, StepStatus } from '../model/events.js';
import type { Step } from '../model/runbook.js';
import { confirmLeft } from './confirm-left.js';
import type { GateQuestion } from './format-gate-question.js';
import type { GateAnswer } from './key-prompt.js';
import type { OpenStatement } from './open-statements.js';
import { commandsAsRun, runStep, safeName, type Ask, type StepContext } from './run-step.js';
import { commandsToRun, stepNeeds } from './step-needs.js';
import { writeSessionSnapshot } from './session-file.js';
import { applyChanges, entryName, sessionChanges, type ShellSession } from './shell-session.js';

export interface ExecuteRequest {
  steps: Step[];
  order: string[];
  dependencies: Record<string, string[]>;
  selected: Set<string>;
  concurrency: number;
  /** Asks the operator; answers undefined where nobody can (no terminal, --json). */
  ask: Ask;
  /**
   * Asks a gated step's question at its turn; undefined when the run was interrupted meanwhile.
   * Absent: every gate was settled before the run (--yes).
   */
  askGate?: AskGate;
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
  /**
   * Bash only: the run's one session. `initial` is where it starts (a resume: where the last
   * passed step left it); after each passed step it is kept under `runDir` for a resume.
   */
  session?: { initial: ShellSession; prelude: string; runDir?: string };
}

export type AskGate = (question: GateQuestion) => Promise<GateAnswer | undefined>;

export interface ExecuteResult {
  status: RunStatus;
  exitCode: number;
  statuses: Map<string, StepStatus>;
  /** Why the run stopped before its end, when the operator aborted it at a gate. */
  reason?: string;
  /** Statements nobody confirmed, over every step that ran. */
  unconfirmed: number;
  /** What the run left out although it was to run (SPEC §4: then it has not passed). */
  leftOut: LeftOut;
  /** The step the run stopped at and why: `A.2 failed: exit 1`. */
  stoppedAt?: string;
}

/** SPEC §1: 0 passed · 1 a step failed · 3 incomplete · 130 interrupted. */
export const exitCodes: Partial<Record<RunStatus, number>> = { passed: 0, planned: 0, incomplete: 3, aborted: 130 };

/** Steps skipped at their gate, and steps not run because they needed what a skipped one was to capture. */
export interface LeftOut {
  skippedAtGate: string[];
  needsSkipped: string[];
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
  // A step the time limit kept from starting makes the run fail, though no step ran out of time.
  let outOfTime = false;
  let stoppedAt: string | undefined;
  let unconfirmed = 0;
  let declined = false;
  const deadline = request.timeoutMs === undefined ? undefined : { at: performance.now() + request.timeoutMs, limitMs: request.timeoutMs };

  // The operator's abort at a gate stops the run as an interrupt does.
  const controller = new AbortController();
  const signal = controller.signal;
  const abort = (): void => controller.abort(request.signal.reason);
  if (request.signal.aborted) abort();
  request.signal.addEventListener('abort', abort, { once: true });
  let abortedAtGate: string | undefined;
  const whyStopped = (): string => (typeof signal.reason === 'string' ? signal.reason : 'the run was interrupted');
  /** Captures a step skipped at its gate would have made, by name: who was to make them. */
  const skippedCaptures = new Map<string, string>();
  const leftOut: LeftOut = { skippedAtGate: [], needsSkipped: [] };
  const { operator } = request.context;

  let session = request.session?.initial;
  const keepSession = (stepId: string, kept: ShellSession, runDir: string): void => {
    try {
      const { file, withheld } = writeSessionSnapshot(runDir, safeName(stepId), kept, request.context.mask);
      bus.emit({ type: 'session', stepId, file, withheld: withheld.map(entryName) });
    } catch (error) {
      request.context.onWriteError?.(`session after step ${stepId}`, error as Error);
    }
  };

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
      if (signal.aborted) return notRun(`not run: ${whyStopped()}`);
      if (stopReason !== undefined) return notRun(`not run: ${stopReason}`);
      if (!request.selected.has(id)) return notRun('not selected', 'skipped');
      if (deadline !== undefined && performance.now() >= deadline.at) {
        outOfTime = true;
        stoppedAt ??= `${id} not started: the run's time limit ran out`;
        return notRun('not run: the run\'s time limit ran out');
      }
      const blocked = deps.find((dep) => {
        const status = statuses.get(dep);
        return status !== undefined && !['passed', 'skipped'].includes(status) && !byId.get(dep)?.continueOnError;
      });
      if (blocked !== undefined) return notRun(`not run: ${blocked} did not pass`);
      const unchosen = await request.decide?.(step);
      if (unchosen !== undefined) return notRun(unchosen, 'skipped');

      // Only what needs a capture of a step skipped at its gate is left out; the run goes on.
      const lost = stepNeeds(step, request.context.captureNames, request.context.includeExcluded).captures
        .find((name) => skippedCaptures.has(name) && !Object.hasOwn(request.context.captures, name) && !Object.hasOwn(request.context.values, name));
      if (lost !== undefined) leftOut.needsSkipped.push(id);
      if (lost !== undefined) return notRun(`not run: it needs <${lost}>, which ${skippedCaptures.get(lost)} was to capture; ${skippedCaptures.get(lost)} was skipped at its gate`);

      // The session as it is now, when the step became ready: steps that run at once each start from it.
      const start = session;
      const ctx: StepContext = { ...request.context, ask: request.ask, signal, ...(deadline && { deadline }), ...(start && request.session && { session: { start, prelude: request.session.prelude } }) };
      if (step.gate !== undefined && request.askGate && commandsToRun(step, ctx.includeExcluded).length > 0) {
        const answer = await request.askGate({ stepId: id, title: step.title, reason: step.gate, commands: commandsAsRun(step, ctx) });
        if (answer === undefined || signal.aborted) return notRun(`not run: ${whyStopped()}`);
        bus.emit({ type: 'gate', stepId: id, reason: step.gate, approved: answer === 'run', by: operator, decision: answer === 'run' ? 'approved' : answer === 'skip' ? 'skipped' : 'aborted' });
        if (answer === 'skip') {
          leftOut.skippedAtGate.push(id);
          for (const name of step.captures) skippedCaptures.set(name, id);
          return notRun(`skipped by ${operator} at its gate`, 'skipped');
        }
        if (answer === 'abort') {
          abortedAtGate = `${operator} aborted the run at the gate of ${id}`;
          controller.abort(abortedAtGate);
          return notRun(`not run: ${abortedAtGate}`);
        }
      }
      const result = await runStep(step, ctx, request.attempt ?? 1);
      if (start && session && result.session) {
        session = applyChanges(session, sessionChanges(start, result.session));
        if (result.status === 'passed' && request.session?.runDir) keepSession(id, session, request.session.runDir);
      }
      statuses.set(id, result.status);
      unconfirmed += result.unconfirmed;
      if (result.status !== 'passed' && stoppedAt === undefined) stoppedAt = `${id} ${result.status}${result.reason ? `: ${result.reason}` : ''}`;
      if (result.status !== 'passed' && !step.continueOnError && stopReason === undefined && !signal.aborted) stopReason = `${id} ${result.status}`;
    } finally {
      done?.resolve();
    }
  };

  await runWithLimit(request.order, Math.max(1, request.concurrency), runTask);

  request.signal.removeEventListener('abort', abort);
  const all = [...statuses.values()];
  let status: RunStatus = 'passed';
  if (signal.aborted) status = 'aborted';
  else if (all.includes('timed-out') || outOfTime) status = 'timed-out';
  else if (declined || all.some((s) => s === 'failed' || s === 'interrupted')) status = 'failed';
  // Nothing failed, but a step was left out or what needed a person was not confirmed: not a
  // pass (SPEC §1, §4: exit 3).
  else if (unconfirmed > 0 || leftOut.skippedAtGate.length > 0 || leftOut.needsSkipped.length > 0) status = 'incomplete';
  return { status, exitCode: exitCodes[status] ?? 1, statuses, unconfirmed, leftOut, ...(stoppedAt !== undefined && { stoppedAt }), ...(abortedAtGate && { reason: abortedAtGate }) };
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
