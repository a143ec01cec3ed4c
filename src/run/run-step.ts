// One step: its attestations, its commands (with retries), the verdict on every expected outcome,
// its captures. Emits events; prints nothing.
import { join } from 'node:path';
import { evaluateImplicitExit, evaluateOutcome } from '../expect/evaluate-outcome.js';
import { expectedText } from '../expect/expected-text.js';
import { formatDurationCompact } from '../format/format-duration.js';
import type { CommandResult, OutcomeResult, StepStatus } from '../model/events.js';
import type { Attestation, Command, Expectation, Param, Step } from '../model/runbook.js';
import { commandPlaceholders } from '../resolve/command-placeholders.js';
import { renderCommand, type RenderedCommand } from '../resolve/render-command.js';
import { checkCapture } from '../resolve/check-capture.js';
import { commandsToRun, stepNeeds } from './step-needs.js';
import type { EventBus } from './event-bus.js';
import type { Mask } from './mask-secrets.js';
import { resolveCwd } from './resolve-cwd.js';
import { spawnShell, type SpawnResult } from './spawn-shell.js';
import { bootId } from './process-tree.js';
import { keepNames, readSessionReport, restoreScript, secretValuesOf, withoutNames, type ShellSession } from './shell-session.js';
import { fillExpectation, fillPlaceholders } from '../resolve/fill-placeholders.js';
import { confirmStatement, type GivenAnswer } from './confirm-statement.js';
import { isCheckedPrecondition } from './precondition-label.js';

/** A question for the operator; resolves to their answer, or undefined when nobody can answer. */
export type Ask = (question: { stepId: string; kind: 'outcome' | 'attestation'; text: string; output?: string }) => Promise<boolean | undefined>;

export interface StepContext {
  bus: EventBus;
  shell: string;
  cwd: string;
  env: Record<string, string>;
  values: Record<string, string>;
  /** Captured values so far, by name; this step adds its own. */
  captures: Record<string, string>;
  /** Names some step captures: a command reading one is rendered when its turn comes. */
  captureNames: ReadonlySet<string>;
  /** Commands rendered before the run with `values` (the plan's rendering), used as they are. */
  rendered?: ReadonlyMap<Command, RenderedCommand>;
  /** The runbook's params: what a value may be (pattern, allowDash, allowEmpty, secret). */
  params?: readonly Param[];
  secretNames: ReadonlySet<string>;
  mask: Mask;
  strict: boolean;
  operator: string;
  ask: Ask;
  /** Answers given ahead (--answers), by statement id. */
  answers?: ReadonlyMap<string, GivenAnswer>;
  signal: AbortSignal;
  logDir?: string;
  /** The run's time limit (--timeout, frontmatter `timeout`): when it ends, by performance.now(). */
  deadline?: { at: number; limitMs: number };
  killGraceMs?: number;
  /** Commands marked excludeFromRunAll run only when the step was named with --only. */
  includeExcluded: boolean;
  /** Bash only: the run's session as this step starts, and the prelude that restores it in each shell. */
  session?: { start: ShellSession; prelude: string };
  /** Learns values that turned out secret while running (carried variables named like secrets). */
  addSecrets?: (values: string[]) => void;
  /** A log write failed: the run decides what that means (it stops). */
  onWriteError?: (what: string, error: Error) => void;
}

export interface StepResult {
  status: StepStatus;
  exitCode: number | null;
  durationMs: number;
  outcomes: OutcomeResult[];
  /** Statements nobody confirmed: attestations and outcomes only a person could judge. */
  unconfirmed: number;
  reason?: string;
  /** The session the step's last command left, for the run to carry on with. */
  session?: ShellSession;
}

const MAX_OUTPUT_EVENTS = 1000;
const RESULT_EXCERPT = 8 * 1024;
/** Lines of both streams kept, in the order printed, for the record's excerpt. */
const TAIL_LINES = 20;

export async function runStep(step: Step, ctx: StepContext, attempt = 1): Promise<StepResult> {
  const started = performance.now();
  ctx.bus.emit({ type: 'step-start', stepId: step.id, title: step.title, attempt });
  const outcomes: OutcomeResult[] = [];
  let exitCode: number | null = null;
  let status: StepStatus = 'passed';
  let reason: string | undefined;
  const verdict = (outcome: OutcomeResult): void => {
    const masked = maskOutcome(outcome, ctx.mask);
    outcomes.push(masked);
    ctx.bus.emit({ type: 'verdict', stepId: step.id, outcome: masked });
  };

  const firstCommandLine = step.commands[0]?.position.line ?? Number.POSITIVE_INFINITY;
  // A `Precondition:` with a command was checked before the run started; nobody is asked it.
  const asked = step.attestations.filter((a) => !isCheckedPrecondition(a));
  const before = asked.filter((a) => a.position.line < firstCommandLine);
  const after = asked.filter((a) => a.position.line >= firstCommandLine);
  let unconfirmed = 0;
  const countUnconfirmed = (n: number): void => void (unconfirmed += n);
  const unconfirmedBefore = await confirmAll(step, before, ctx, countUnconfirmed);
  if (unconfirmedBefore !== undefined) {
    status = 'failed';
    reason = unconfirmedBefore;
  }

  const commands = commandsToRun(step, ctx.includeExcluded);
  // Preflight makes sure every param has a value; a capture may still be absent (its step failed
  // and went on, or was not selected): then nothing of this step runs.
  const absent = stepNeeds(step, ctx.captureNames, ctx.includeExcluded).captures.filter((name) => !Object.hasOwn(ctx.captures, name) && !Object.hasOwn(ctx.values, name));
  if (status === 'passed' && absent.length > 0) {
    status = 'failed';
    reason = `no value for ${absent.map((n) => `<${n}>`).join(', ')}`;
  }
  // A step's own `Cwd:` is where its commands run; the session's directory is left as it was.
  const stepCwd = step.cwd !== undefined ? resolveCwd(ctx.cwd, step.cwd, ctx.env.HOME) : undefined;
  const start = ctx.session?.start;
  let session = start && stepCwd !== undefined ? { ...start, cwd: stepCwd } : start;
  for (const [index, command] of commands.entries()) {
    if (status !== 'passed') break;
    const isLast = index === commands.length - 1;
    // Ids are taken before filling, which makes new objects.
    const expectations = step.expectations
      .filter((e) => (e.commandIndex === undefined ? isLast : e.commandIndex === step.commands.indexOf(command)))
      .map((e) => ({ ...fillExpectation(e, { ...ctx.values, ...ctx.captures }), id: e.id }));
    const rendered = renderForRun(command, ctx);
    if (!rendered.ok) {
      status = 'failed';
      reason = rendered.missing.length > 0 ? `no value for ${rendered.missing.map((n) => `<${n}>`).join(', ')}` : `the value cannot be used: ${rendered.unsafe.map((u) => `${u.raw || 'the command'} (${u.reason}; ${u.fix})`).join(', ')}`;
      break;
    }
    let results: OutcomeResult[] = [];
    let tail: { stream: 'stdout' | 'stderr'; line: string }[] = [];
    let spawned: SpawnResult | undefined;
    // Every attempt starts from the session as it was before the command, not from a failed try.
    const before = session;
    let ranIn = stepCwd ?? ctx.cwd;
    let interrupted = false;
    let runOutOfTime = false;
    for (let attemptNo = 0; attemptNo <= step.retries; attemptNo += 1) {
      if (attemptNo > 0) {
        await delay(Math.min(step.retryDelayMs, timeLeft(ctx) ?? Number.POSITIVE_INFINITY), ctx.signal);
        if (ctx.signal.aborted) {
          interrupted = true;
          break;
        }
        if (timeLeft(ctx) === 0) {
          runOutOfTime = true;
          break;
        }
      }
      let emitted = 0;
      tail = [];
      const runLeft = timeLeft(ctx);
      const timeoutMs = minDefined(step.timeoutMs, runLeft);
      const stepEnv = Object.fromEntries(Object.entries(step.env).map(([name, value]) => [name, fillPlaceholders(value, { ...ctx.values, ...ctx.captures })]));
      ranIn = before?.cwd ?? stepCwd ?? ctx.cwd;
      // The values reach the shell as variables, each command its own (render-command.ts); those
      // and the step's `Env:` are the engine's, never carried in the session from one command to the next.
      const engineNames = [...Object.keys(stepEnv), ...Object.keys(rendered.env)];
      const env = { ...ctx.env, ...stepEnv, ...rendered.env, ...(before && sessionPaths(before)) };
      spawned = await spawnShell({
        command: rendered.text,
        shell: ctx.shell,
        cwd: ranIn,
        env,
        // A step's `Env:` names come from the step for its commands, not from the session.
        ...(before && ctx.session && { session: { prelude: ctx.session.prelude, restore: restoreScript(withoutNames(before, engineNames)) } }),
        ...(timeoutMs !== undefined && { timeoutMs }),
        signal: ctx.signal,
        matchers: expectations.flatMap((e) => e.matchers.map((m) => m.matcher)),
        mask: ctx.mask,
        ...(ctx.logDir && { logFile: join(ctx.logDir, `${safeName(step.id)}.log`) }),
        maxLines: MAX_OUTPUT_EVENTS + 1,
        onLine: (stream, line) => {
          emitted += 1;
          tail.push({ stream, line });
          if (tail.length > TAIL_LINES) tail.shift();
          if (emitted <= MAX_OUTPUT_EVENTS) ctx.bus.emit({ type: 'step-output', stepId: step.id, stream, line });
          else if (emitted === MAX_OUTPUT_EVENTS + 1) ctx.bus.emit({ type: 'step-output', stepId: step.id, stream, line: '[… more output in the log file]' });
        },
        ...(ctx.killGraceMs !== undefined && { killGraceMs: ctx.killGraceMs }),
        onProcesses: (processes) => ctx.bus.emit({ type: 'processes', stepId: step.id, bootId: bootId(), processes }),
        onWriteError: (error) => ctx.onWriteError?.(`log of step ${step.id}`, error),
      });
      const summary = { exitCode: spawned.exitCode, signal: spawned.signal, durationMs: spawned.durationMs, timedOut: spawned.timedOut, stdout: spawned.stdout, stderr: spawned.stderr };
      // A command that never started has no exit code or output to judge.
      results = spawned.spawnError
        ? [{ expected: 'the command starts', verdict: 'failed', evidence: spawned.spawnError, implicit: true }]
        : judge(expectations, summary);
      const reported = before && spawned.sessionReport !== undefined ? readSessionReport(spawned.sessionReport, env) : undefined;
      if (reported) ctx.addSecrets?.(secretValuesOf(reported));
      // A shell that reported nothing (killed, exec'd, its EXIT trap replaced) leaves the session as it was.
      session = reported && before ? keepNames(withoutNames(reported.session, Object.keys(rendered.env)), before, Object.keys(stepEnv)) : before;
      // The tail is the real one only when every line reached onLine.
      const result = commandResult(rendered.text, rendered.display, ranIn, step, ctx, spawned, emitted < MAX_OUTPUT_EVENTS + 1 ? tail : undefined);
      ctx.bus.emit({ type: 'command-end', stepId: step.id, result });
      runOutOfTime = spawned.timedOut && runLeft !== undefined && (step.timeoutMs === undefined || runLeft <= step.timeoutMs);
      // A step's own Timeout is retried like any failure; the run's time limit and Ctrl-C are not.
      if (spawned.aborted || runOutOfTime || spawned.spawnError || !results.some((r) => r.verdict === 'failed')) break;
    }
    if (!spawned) break;
    exitCode = spawned.exitCode;
    for (const outcome of results) {
      const judged = outcome.verdict === 'unverified' ? await attestOutcome(step, outcome, spawned, ctx) : outcome;
      if (judged.verdict === 'unverified') unconfirmed += 1;
      verdict(judged);
    }
    if (spawned.aborted || interrupted) {
      status = 'interrupted';
      // An interrupt carries no reason; a run stopped for a reason (a log that cannot be written) says it.
      reason = typeof ctx.signal.reason === 'string' ? `ended: ${ctx.signal.reason}` : 'interrupted';
    } else if (runOutOfTime) {
      status = 'timed-out';
      reason = `the run's time limit of ${formatDurationCompact(ctx.deadline?.limitMs ?? 0)} ran out`;
    } else if (spawned.timedOut) {
      status = 'timed-out';
      reason = `timed out after ${formatDurationCompact(step.timeoutMs ?? 0)}${step.retries > 0 ? ` (${step.retries + 1} attempts)` : ''}`;
    } else if (outcomes.some((o) => o.verdict === 'failed')) {
      status = 'failed';
      reason = outcomes.find((o) => o.verdict === 'failed')?.evidence;
    }
    if (status === 'passed' && isLast) {
      for (const name of step.captures) {
        const captured = spawned.stdout.truncated ? { problem: `stdout is too large to capture as <${name}>` } : checkCapture(name, spawned.stdout.text().trim(), ctx.params ?? []);
        if ('problem' in captured) {
          status = 'failed';
          reason = captured.problem;
        } else ctx.captures[name] = captured.value;
      }
    }
  }

  // Outcomes of a step with no command can only be attested.
  if (commands.length === 0) {
    for (const expectation of step.expectations) {
      const judged = await attestText(step, expectation, ctx);
      if (judged.verdict === 'unverified') unconfirmed += 1;
      verdict(judged);
    }
  }
  const unconfirmedAfter = status === 'passed' ? await confirmAll(step, after, ctx, countUnconfirmed) : undefined;
  if (unconfirmedAfter !== undefined) {
    status = 'failed';
    reason = unconfirmedAfter;
  }
  if (status === 'passed' && ctx.strict && outcomes.some((o) => o.verdict === 'unverified')) {
    status = 'failed';
    reason = 'an outcome could not be verified (--strict)';
  }
  const durationMs = Math.round(performance.now() - started);
  const captures = Object.fromEntries(step.captures.filter((n) => n in ctx.captures).map((n) => [n, ctx.mask(ctx.captures[n] as string)]));
  ctx.bus.emit({ type: 'step-end', stepId: step.id, status, durationMs, exitCode, captures, ...(reason !== undefined && { reason: ctx.mask(reason) }) });
  const left = session && start && stepCwd !== undefined ? { ...session, cwd: start.cwd, ...(start.oldpwd !== undefined ? { oldpwd: start.oldpwd } : {}) } : session;
  return { status, exitCode, durationMs, outcomes, unconfirmed, ...(reason !== undefined && { reason }), ...(left && { session: left }) };
}

/** The step's commands as they will run now, captures filled in and secrets masked: what a gate shows. */
export function commandsAsRun(step: Step, ctx: StepContext): string[] {
  return commandsToRun(step, ctx.includeExcluded).map((command) => ctx.mask(renderForRun(command, ctx).display));
}

/** The implicit exit check, then each expectation's verdicts, each tagged with the expectation's id. */
function judge(expectations: readonly (Expectation & { id: string })[], summary: Parameters<typeof evaluateOutcome>[1]): OutcomeResult[] {
  const implicit = evaluateImplicitExit(expectations, summary);
  return [
    ...(implicit ? [{ ...implicit, implicit: true }] : []),
    ...expectations.flatMap((e) => evaluateOutcome(e, summary).map((r) => ({ ...r, statementId: e.id }))),
  ];
}

/** The plan's rendering, unless the command reads a capture: that value is only known now. */
function renderForRun(command: Command, ctx: StepContext): RenderedCommand {
  const planned = ctx.rendered?.get(command);
  if (planned && !commandPlaceholders(command).some((p) => ctx.captureNames.has(p.name))) return planned;
  return renderCommand(command, { ...ctx.values, ...ctx.captures }, ctx.params ?? []);
}

/**
 * Asks for each attestation; returns why the step cannot pass, or undefined when it can. A box
 * ticked in the source is asked too: the author ticking it confirms nothing about this drill.
 */
async function confirmAll(step: Step, attestations: Attestation[], ctx: StepContext, countUnconfirmed: (n: number) => void): Promise<string | undefined> {
  let failure: string | undefined;
  for (const attestation of attestations) {
    const text = `${attestation.label ? `${attestation.label}: ` : ''}${attestation.text}`;
    const statementId = attestation.id;
    const { answer, by, via, note } = await confirmStatement(ctx, statementId, { stepId: step.id, kind: 'attestation', text });
    ctx.bus.emit({
      type: 'attestation',
      stepId: step.id,
      text: ctx.mask(attestation.text),
      ...(attestation.label !== undefined && { label: attestation.label }),
      answer,
      ...(by !== undefined && { by }),
      position: attestation.position,
      statementId,
      ...(via !== undefined && { via }),
      ...(note !== undefined && { note: ctx.mask(note) }),
    });
    if (answer === 'unconfirmed') countUnconfirmed(1);
    if (answer === 'declined') failure ??= `declined: ${text}`;
    if (answer === 'unconfirmed' && ctx.strict) failure ??= `not confirmed by anyone (--strict): ${text}`;
  }
  return failure === undefined ? undefined : ctx.mask(failure);
}

async function attestOutcome(step: Step, outcome: OutcomeResult, spawned: SpawnResult, ctx: StepContext): Promise<OutcomeResult> {
  const output = spawned.stdout.shown().slice(-2000);
  const given = await confirmStatement(ctx, outcome.statementId ?? '', { stepId: step.id, kind: 'outcome', text: ctx.mask(outcome.expected), output });
  if (given.answer === 'unconfirmed') return outcome;
  const seen = given.via === 'answers' ? 'in the answers file' : 'after seeing the output';
  return attested(outcome, given, `${given.answer} by ${given.by} ${seen}; ${outcome.evidence}`);
}

async function attestText(step: Step, expectation: Expectation, ctx: StepContext): Promise<OutcomeResult> {
  const statementId = expectation.id;
  const expected = expectedText(expectation);
  const unasked: OutcomeResult = { expected, verdict: 'unverified', evidence: 'no command to check it and nobody to attest it', statementId };
  const given = await confirmStatement(ctx, statementId, { stepId: step.id, kind: 'outcome', text: ctx.mask(expected) });
  if (given.answer === 'unconfirmed') return unasked;
  return attested(unasked, given, `${given.answer} by ${given.by}${given.via === 'answers' ? ' in the answers file' : ''}`);
}

/** PWD and OLDPWD as the session has them, so bash keeps the path as typed (symlinks included). */
function sessionPaths(session: ShellSession): Record<string, string> {
  return { PWD: session.cwd, ...(session.oldpwd !== undefined && { OLDPWD: session.oldpwd }) };
}

function attested(outcome: OutcomeResult, given: Awaited<ReturnType<typeof confirmStatement>>, evidence: string): OutcomeResult {
  return {
    ...outcome,
    verdict: given.answer === 'confirmed' ? 'attested' : 'failed',
    evidence,
    ...(given.by !== undefined && { by: given.by }),
    ...(given.via !== undefined && { via: given.via }),
    ...(given.note !== undefined && { note: given.note }),
  };
}

function commandResult(command: string, display: string, cwd: string, step: Step, ctx: StepContext, spawned: SpawnResult, tail: CommandResult['tail']): CommandResult {
  // Masked, then cut: the cut can only split `***`.
  const cut = (text: string) => (text.length > RESULT_EXCERPT ? `…${text.slice(-RESULT_EXCERPT)}` : text);
  return {
    command: ctx.mask(command),
    // Secret params are *** here already; a capture may still carry a secret.
    displayCommand: ctx.mask(display),
    cwd,
    startedAt: spawned.startedAt,
    durationMs: spawned.durationMs,
    exitCode: spawned.exitCode,
    signal: spawned.signal,
    timedOut: spawned.timedOut,
    failed: spawned.exitCode !== 0,
    stdout: cut(spawned.stdout.shown()),
    stderr: cut(spawned.stderr.shown()),
    stdoutBytes: spawned.stdout.bytes,
    stderrBytes: spawned.stderr.bytes,
    // onLine's lines are masked already.
    ...(tail && { tail: [...tail] }),
    ...(ctx.logDir && { logFile: join(ctx.logDir, `${safeName(step.id)}.log`) }),
  };
}

/** An outcome as it may be shown: what was expected, the matcher's own text and the evidence, masked. */
function maskOutcome(outcome: OutcomeResult, mask: Mask): OutcomeResult {
  const { matcher } = outcome;
  const shownMatcher = matcher?.kind === 'contains' ? { ...matcher, text: mask(matcher.text) } : matcher?.kind === 'matches' ? { ...matcher, source: mask(matcher.source) } : matcher;
  return { ...outcome, expected: mask(outcome.expected), evidence: mask(outcome.evidence), ...(shownMatcher && { matcher: shownMatcher }) };
}

/** Milliseconds until the run's time limit, 0 once it passed; undefined without a limit. */
function timeLeft(ctx: StepContext): number | undefined {
  return ctx.deadline === undefined ? undefined : Math.max(0, Math.round(ctx.deadline.at - performance.now()));
}


function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

export function safeName(id: string): string {
  return id.replace(/[^\w.-]+/g, '_');
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
