// Folds the event stream into attempts and per-step tries: the one pass over the events that
// every part of the record context is built from. Pure.
import type { CommandResult, OutcomeResult, PlannedStep, RunEvent, StepStatus } from '../model/events.js';

export type RunStart = Extract<RunEvent, { type: 'run-start' }>;
export type RunEnd = Extract<RunEvent, { type: 'run-end' }>;
export type StepEnd = Extract<RunEvent, { type: 'step-end' }>;
export type AttestationEvent = Extract<RunEvent, { type: 'attestation' }>;
export type GateEvent = Extract<RunEvent, { type: 'gate' }>;
export type DecisionEvent = Extract<RunEvent, { type: 'decision' }>;

/** One run-start and what followed it: the first run, or a resume. */
export interface Attempt {
  start: RunStart;
  end: RunEnd | undefined;
  lastEventAt: string;
}

/** One try of a step. `started` is false for a bare step-end (not run, skipped on resume). */
export interface Try {
  /** 1-based index of the attempt it belongs to. */
  runAttempt: number;
  /** 1-based count of step-starts for this step within that attempt. */
  try: number;
  started: boolean;
  startedAt: string | null;
  end: StepEnd | undefined;
  /** Set when another try of the step began before this one ended. */
  supersededAt: string | undefined;
  results: CommandResult[];
  verdicts: OutcomeResult[];
  /** The last lines of output, kept for steps that never reached a command-end. */
  output: string[];
}

export interface CollectedRun {
  attempts: Attempt[];
  /** First-seen order; a later attempt's definition replaces an earlier one. */
  planned: Map<string, PlannedStep>;
  /** Titles from step-start, for steps the plan does not list. */
  titles: Map<string, string>;
  tries: Map<string, Try[]>;
  attestations: AttestationEvent[];
  gates: GateEvent[];
  decisions: DecisionEvent[];
}

const OUTPUT_LINES_KEPT = 20;

// Array.prototype.findLast is ES2023; the project's typings stop at ES2022.
export function findLast<T>(list: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i] as T)) return list[i];
  return undefined;
}

export function collectRun(events: readonly RunEvent[]): CollectedRun {
  const run: CollectedRun = { attempts: [], planned: new Map(), titles: new Map(), tries: new Map(), attestations: [], gates: [], decisions: [] };
  const listOf = (stepId: string): Try[] => {
    let list = run.tries.get(stepId);
    if (list === undefined) {
      list = [];
      run.tries.set(stepId, list);
    }
    return list;
  };
  const add = (stepId: string, attempt: number, started: boolean, startedAt: string | null): Try => {
    const list = listOf(stepId);
    const n = list.filter((t) => t.runAttempt === attempt && t.started).length + (started ? 1 : 0);
    const t: Try = { runAttempt: attempt, try: Math.max(1, n), started, startedAt, end: undefined, supersededAt: undefined, results: [], verdicts: [], output: [] };
    list.push(t);
    return t;
  };
  const open = (stepId: string, attempt: number): Try | undefined =>
    findLast(listOf(stepId), (t) => t.runAttempt === attempt && t.end === undefined && t.supersededAt === undefined);
  // Results, verdicts and output outside a step-start still belong to the step.
  const current = (stepId: string, attempt: number): Try =>
    open(stepId, attempt) ?? findLast(listOf(stepId), (t) => t.runAttempt === attempt) ?? add(stepId, attempt, false, null);

  for (const event of events) {
    if (event.type === 'run-start') {
      run.attempts.push({ start: event, end: undefined, lastEventAt: event.time });
      for (const step of event.steps) run.planned.set(step.id, step);
      continue;
    }
    const attempt = run.attempts.at(-1);
    if (attempt === undefined) continue; // nothing before the first run-start belongs to a run
    attempt.lastEventAt = event.time;
    const n = run.attempts.length;
    switch (event.type) {
      case 'step-start': {
        run.titles.set(event.stepId, event.title);
        const previous = open(event.stepId, n);
        if (previous) previous.supersededAt = event.time;
        // The event's own `attempt` is the run attempt; tries within one attempt are counted in `add`.
        add(event.stepId, n, true, event.time);
        break;
      }
      case 'step-output': {
        const t = current(event.stepId, n);
        t.output.push(`${event.stream === 'stderr' ? '[stderr] ' : ''}${event.line}`);
        if (t.output.length > OUTPUT_LINES_KEPT) t.output.shift(); // bounded, however much a step prints
        break;
      }
      case 'command-end':
        current(event.stepId, n).results.push(event.result);
        break;
      case 'verdict':
        current(event.stepId, n).verdicts.push(event.outcome);
        break;
      case 'step-end':
        (open(event.stepId, n) ?? add(event.stepId, n, false, null)).end = event;
        break;
      case 'attestation':
        run.attestations.push(event);
        break;
      case 'gate':
        run.gates.push(event);
        break;
      case 'decision':
        run.decisions.push(event);
        break;
      case 'run-end':
        attempt.end = event;
        break;
    }
  }
  return run;
}

/** The latest try that actually started wins; a bare step-end counts only if none started. */
export function winningTry(list: readonly Try[]): Try | undefined {
  return findLast(list, (t) => t.started) ?? list.at(-1);
}

export function tryStatus(t: Try): StepStatus {
  if (t.end) return t.end.status;
  if (t.supersededAt !== undefined) return 'failed'; // another try began, so this one did not pass
  return 'interrupted'; // started and never ended: the engine stopped, or the run was cut short mid-step
}

export function tryEndedAt(t: Try): string | null {
  return t.end?.time ?? t.supersededAt ?? null;
}

/** Milliseconds between two instants, or null when either is missing or unreadable. */
export function msBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const d = Date.parse(to) - Date.parse(from);
  return Number.isNaN(d) ? null : Math.max(0, d);
}
