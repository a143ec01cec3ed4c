// One run of a prepared runbook: the workspace lock, the journal, the event bus and its
// subscribers, the signals, the scheduler (or the dry run's plan), the drill record and the
// reports. Its I/O comes in as one argument, so tests drive whole runs in-process.
import { createHash } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { RunEvent, RunStatus } from '../model/events.js';
import type { Runbook } from '../model/runbook.js';
import { renderPlanText } from '../plan/render-plan-text.js';
import { EventBus } from '../run/event-bus.js';
import { executeRun } from '../run/execute-run.js';
import type { OpenStatement } from '../run/open-statements.js';
import { openJournal, runDir, type Journal } from '../run/journal.js';
import { growingMask } from '../run/growing-mask.js';
import { SESSION_DIR } from '../run/session-file.js';
import { writeSessionPrelude } from '../run/session-prelude.js';
import { carriesSession, emptySession, type ShellSession } from '../run/shell-session.js';
import { makeDirectory } from '../fs/make-directory.js';
import { createRunId } from '../run/run-id.js';
import { acquireRunLock } from '../run/run-lock.js';
import { killAllGroups } from '../run/spawn-shell.js';
import { silencedRules } from '../lint/silenced-rules.js';
import { engineVersion } from '../version.js';
import { writeDrillRecord } from '../cli/drill-record.js';
import { UsageError } from '../cli/errors.js';
import { gitCommitOf } from '../cli/git-info.js';
import type { LoadedRunbook } from '../cli/load-runbook.js';
import { buildOutput } from './build-output.js';
import { createDecider, isRefused } from './decisions.js';
import { commandEnv } from './command-env.js';
import { plannedSteps, versionCapturesOf } from './preflight.js';
import { runSecrets } from './check-before-run.js';
import { endReason, type Ending } from './end-reason.js';
import { recordTarget, type PreparedRun } from './prepare-run.js';
import { journalOptionsOf, type RunSettings } from './run-settings.js';
import type { SessionIO } from './session-io.js';

/** The run a resume continues: its id, its events so far, the steps that passed. */
export interface ResumeState {
  runId: string;
  attempt: number;
  priorEvents: RunEvent[];
  alreadyPassed: Set<string>;
  /** The session the last passed step left, as kept under the run's folder. */
  session?: ShellSession;
  /** Statements of the passed steps nobody confirmed yet: asked again. */
  openStatements?: ReadonlyMap<string, OpenStatement[]>;
}

export interface SessionResult {
  runId: string;
  status: RunStatus;
  /** SPEC §1: 0 passed, 1 failed, 3 incomplete, 130 interrupted. */
  exitCode: number;
  /** Where the drill record went (relative to the workspace root), `-` for stdout. */
  recordPath?: string;
}

export async function runSession(loaded: LoadedRunbook, settings: RunSettings, prepared: PreparedRun, io: SessionIO, resume?: ResumeState): Promise<SessionResult> {
  const { runbook, graph, text, file } = loaded;
  const { plan, root, before } = prepared;
  const path = resolve(io.workspace, file);
  const runId = resume?.runId ?? createRunId(io.now());
  // Grows while the run goes: a carried variable named like a secret is masked from then on.
  const { mask, addSecrets } = growingMask(runSecrets(runbook, plan, io.env));
  const bus = new EventBus(io.now);
  const events: RunEvent[] = [...(resume?.priorEvents ?? [])];
  bus.subscribe((event) => {
    if (event.type !== 'step-output') events.push(event);
  });
  const steps = plannedSteps(plan.plan, mask, runbook.steps, plan.includeExcluded);
  // Ctrl-C, SIGTERM and SIGHUP, and Ctrl-C typed at a question, all come here (once installed, below).
  const controller = new AbortController();
  let onInterrupt = (): void => undefined;
  const interrupt = (): void => onInterrupt();
  const output = await buildOutput(settings, io, { steps, mask, root, signal: controller.signal, onInterrupt: interrupt, gatesAtTurn: prepared.gatesAtTurn });
  // A log, the journal or a session file that cannot be written (a full disk, an I/O error)
  // stops the run as cleanly as Ctrl-C does, but as a failure: exit 1, said once.
  let writeFailure: string | undefined;
  const failWrite = (what: string, error: Error): void => {
    if (writeFailure !== undefined) return;
    writeFailure = `the run's ${what} could not be written (${error.message.split(',')[0]})`;
    io.stderr.write(`\nrunbook: ${writeFailure}; ending the run\n`);
    controller.abort(writeFailure);
  };
  for (const subscriber of output.subscribers) bus.subscribe(subscriber);

  let journal: Journal | undefined;
  let releaseLock: (() => void) | undefined;
  if (!settings.dryRun) {
    const lock = unlessUnwritable('take the run lock', () => acquireRunLock(root, path, { pid: io.pid, user: prepared.operator, startedAt: io.now().toISOString(), runId }));
    if (!lock.ok) {
      const h = lock.holder;
      throw new UsageError(`another run of this runbook is in progress: run ${h.runId} by ${h.user} (pid ${h.pid} on ${h.host}), started ${h.startedAt}`, file);
    }
    if (lock.tookOverFrom) io.stderr.write(`runbook: warning: took over the lock of run ${lock.tookOverFrom.runId} (pid ${lock.tookOverFrom.pid}, no longer running)\n`);
    releaseLock = lock.release;
    try {
      journal = unlessUnwritable('open the run journal', () => openJournal(runDir(root, runId), (error) => failWrite('journal', error)));
    } catch (error) {
      releaseLock();
      throw error;
    }
    bus.subscribe(journal.subscriber);
  }
  const session = !settings.dryRun ? startSession(runbook.shell, runDir(root, runId), resume?.session ?? emptySession(plan.cwd), io, failWrite) : undefined;

  const started = io.elapsed();
  const elapsedMs = (): number => Math.round(io.elapsed() - started);
  bus.emit({
    type: 'run-start',
    runId,
    runbookPath: relative(root, path) || file,
    runbookTitle: runbook.title,
    sha256: createHash('sha256').update(text).digest('hex'),
    gitCommit: gitCommitOf(path),
    engineVersion,
    mode: settings.dryRun ? 'dry-run' : 'live',
    operator: prepared.operator,
    params: Object.fromEntries(Object.entries(plan.values).map(([k, v]) => [k, plan.secrets.has(k) ? '***' : mask(v)])),
    // The record flags too, so a resume and `runbook record` render with the same template, into the same folder.
    options: journalOptionsOf(settings, plan.cwd, io.workspace),
    attempt: resume?.attempt ?? 1,
    steps,
    context: recordFacts(runbook, settings.facts),
    ...runStartFacts(runbook, settings, before, mask),
  });
  for (const gate of prepared.approvedGates) bus.emit({ type: 'gate', stepId: gate.stepId, reason: gate.reason, approved: true, by: gate.by });

  let interrupts = 0;
  let quit = false;
  // Once the steps are over, a signal no longer stops anything: the journal, the record and the
  // lock are finished first (a second one still quits at once).
  let finishing = false;
  let ended = false;
  onInterrupt = () => {
    interrupts += 1;
    if (finishing && interrupts === 1) {
      io.stderr.write('\nrunbook: interrupted while finishing; the journal, the drill record and the lock are finished first\n');
    } else if (interrupts === 1) {
      io.stderr.write('\nrunbook: interrupted; ending running steps (Ctrl-C again to quit at once)\n');
      controller.abort();
    } else if (!quit) {
      // Quit at once, but leave a journal that says so and a lock the next run need not take over.
      quit = true;
      killAllGroups('SIGKILL');
      if (!ended) bus.emit({ type: 'run-end', status: 'aborted', exitCode: 130, durationMs: elapsedMs() });
      journal?.close();
      releaseLock?.();
      io.exit(130);
    }
  };
  const removeHandler = io.onInterrupt(interrupt);

  let status: RunStatus;
  let exitCode: number;
  let ending: Ending = { status: 'planned', unconfirmed: 0 };
  try {
    if (settings.dryRun) {
      // What would run, resolved, and what would be checked: the plan, with this run's values.
      if (!settings.json) output.human(renderPlanText({ ...plan.plan, steps: plan.plan.steps.filter((s) => plan.selected.has(s.id)) }));
      const byId = new Map(runbook.steps.map((s) => [s.id, s]));
      for (const id of graph.order) {
        const step = byId.get(id);
        const unchosen = step !== undefined && isRefused(step, plan.decided, runbook);
        bus.emit({ type: 'step-end', stepId: id, status: plan.selected.has(id) && !unchosen ? 'planned' : 'skipped', durationMs: 0, exitCode: null, captures: {}, ...(unchosen && { reason: 'not chosen' }) });
      }
      status = 'planned';
      exitCode = 0;
    } else {
      let result: Awaited<ReturnType<typeof executeRun>>;
      output.start();
      const env = commandEnv(runbook, plan.values, runId, io.env);
      const decide = createDecider({ runbook, decided: plan.decided, choose: output.choose, bus, operator: prepared.operator, shell: runbook.shell, cwd: plan.cwd, env, mask, signal: controller.signal });
      try {
        result = await executeRun({
          steps: runbook.steps,
          order: graph.order,
          dependencies: graph.dependencies,
          selected: plan.selected,
          concurrency: settings.concurrency,
          ask: output.ask,
          decide,
          ...(output.askGate && { askGate: output.askGate }),
          signal: controller.signal,
          ...(plan.timeoutMs !== undefined && { timeoutMs: plan.timeoutMs }),
          ...(resume && { alreadyPassed: resume.alreadyPassed, attempt: resume.attempt, ...(resume.openStatements && { openStatements: resume.openStatements }) }),
          ...(session && { session }),
          context: {
            bus,
            shell: runbook.shell,
            cwd: plan.cwd,
            env: commandEnv(runbook, plan.values, runId, io.env),
            params: runbook.params,
            values: plan.values,
            captures: Object.fromEntries(Object.entries(settings.values).filter(([name]) => plan.captureNames.has(name))),
            captureNames: plan.captureNames,
            rendered: plan.rendered,
            secretNames: plan.secrets,
            mask,
            addSecrets,
            strict: settings.strict,
            ...(before.answers && { answers: before.answers.answers }),
            operator: prepared.operator,
            ...(journal && { logDir: `${runDir(root, runId)}/logs` }),
            onWriteError: failWrite,
            ...(io.env.RUNBOOK_KILL_GRACE_MS !== undefined && { killGraceMs: Number(io.env.RUNBOOK_KILL_GRACE_MS) }),
            includeExcluded: plan.includeExcluded,
          },
        });
      } finally {
        await output.stop();
      }
      ({ status, exitCode } = result);
      ending = { status, unconfirmed: result.unconfirmed, leftOut: result.leftOut, ...(result.stoppedAt !== undefined && { stoppedAt: result.stoppedAt }), ...(result.reason !== undefined && { reason: result.reason }) };
    }
  } catch (error) {
    removeHandler();
    throw error;
  }
  finishing = true;
  // Only a test's exit returns: the run has already ended, and said so.
  if (quit) {
    removeHandler();
    return { runId, status: 'aborted', exitCode: 130 };
  }
  if (writeFailure !== undefined) {
    status = 'failed';
    exitCode = 1;
    ending = { ...ending, status, reason: writeFailure };
  }

  // One run end for the record and the journal (the bus keeps a given time), so that
  // `runbook record` renders from the journal exactly the record written here.
  const reason = endReason(ending, before, mask);
  const end = { time: io.now().toISOString(), type: 'run-end' as const, status, exitCode, durationMs: elapsedMs(), ...(reason !== undefined && { reason }) };
  let recordPath: string | undefined;
  if (prepared.template) {
    try {
      const written = writeDrillRecord([...events, end], recordTarget(settings, runbook, io.workspace), prepared.template, {}, root, io.stdout);
      recordPath = written === '-' ? '-' : relative(root, written) || written;
    } catch (error) {
      io.stderr.write(`runbook: could not write the drill record: ${(error as Error).message}\n`);
    }
  }
  const shownRecord = recordPath !== undefined && recordPath !== '-' ? recordPath : undefined;
  bus.emit({ ...end, ...(shownRecord && { recordPath: shownRecord }) });
  ended = true;
  await output.finish(events, { status, startedAt: started, ...(reason !== undefined && { reason }), ...(shownRecord && { recordPath: shownRecord }) });
  journal?.close();
  releaseLock?.();
  // A record sent to stdout may still be on its way to a slow reader: it is finished too.
  await drained(io.stdout);
  removeHandler();
  // The journal's last events could not be written: the run is not on record as it ended.
  if (writeFailure !== undefined && exitCode === 0) return { runId, status: 'failed', exitCode: 1, ...(recordPath && { recordPath }) };
  return { runId, status, exitCode, ...(recordPath && { recordPath }) };
}

/**
 * The run's one session (bash only): its prelude written under the run's folder, and where it
 * starts. Another shell runs each command afresh, and the operator is told so.
 */
function startSession(shell: string, dir: string, initial: ShellSession, io: SessionIO, failWrite: (what: string, error: Error) => void): { initial: ShellSession; prelude: string; runDir: string } | undefined {
  if (!carriesSession(shell)) {
    io.stderr.write(`runbook: warning: the runbook's shell is \`${shell}\`: only bash carries variables, functions and the working directory from one command to the next, so each command starts afresh\n`);
    return undefined;
  }
  const sessionDir = join(dir, SESSION_DIR);
  let prelude: string | undefined;
  try {
    makeDirectory(sessionDir);
    // What the session files hold is the operator's: no one else may list or read them.
    chmodSync(sessionDir, 0o700);
    prelude = writeSessionPrelude(sessionDir);
  } catch (error) {
    failWrite('session prelude', error as Error);
    return undefined;
  }
  if (prelude === undefined) {
    io.stderr.write(`runbook: warning: the run's folder ${dir} has \`$\`, a backtick or a backslash in its path, which bash would expand in BASH_ENV: each command starts afresh\n`);
    return undefined;
  }
  return { initial, prelude, runDir: dir };
}

/** Resolves once what was written to `stream` has gone out, or the stream is gone. */
function drained(stream: SessionIO['stdout']): Promise<void> {
  if (!stream.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      for (const event of ['drain', 'close', 'error']) stream.off(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) stream.on(event, done);
  });
}

/** What the run-start tells beyond its steps: where it ran, who answers, what it checked and read. */
function runStartFacts(runbook: Runbook, settings: RunSettings, before: PreparedRun['before'], mask: (text: string) => string) {
  const versionCaptures = versionCapturesOf(runbook);
  return {
    host: hostname(),
    ...(before.unattended !== undefined && { unattended: before.unattended }),
    ...(before.answers && { answers: { file: before.answers.file, by: mask(before.answers.by) } }),
    ...(settings.ticket !== undefined && { ticket: settings.ticket }),
    ...(settings.note !== undefined && { note: mask(settings.note) }),
    ...(versionCaptures && { versionCaptures }),
    ...(before.preconditions.length > 0 && { preconditions: before.preconditions }),
    ...(before.facts.length > 0 && { facts: before.facts }),
    ...lintSilencedOf(runbook, mask),
  };
}

/** The lint rules the runbook silences, and why: the record shows which advice was set aside. */
function lintSilencedOf(runbook: Runbook, mask: (text: string) => string) {
  const silenced = silencedRules(runbook).map(({ rule, reason }) => ({ rule, reason: mask(reason) }));
  return silenced.length > 0 ? { lintSilenced: silenced } : {};
}

/** A workspace where .runbook/ cannot be written is bad input: say so, with nothing run. */
function unlessUnwritable<T>(what: string, act: () => T): T {
  try {
    return act();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new UsageError(`cannot ${what} under .runbook/: ${(error as Error).message}`);
  }
}

/** Participants, environment, versions and objectives: flags first, then frontmatter. */
function recordFacts(runbook: Runbook, facts: RunSettings['facts']): Record<string, string | string[]> {
  const fm = runbook.frontmatter;
  const pick = (flag: string | undefined, ...keys: string[]): string | undefined => flag ?? keys.map((k) => fm[k]).find((v): v is string => typeof v === 'string');
  const list = (flag: string[] | undefined, key: string): string[] | undefined => flag ?? (Array.isArray(fm[key]) ? (fm[key] as unknown[]).map(String) : undefined);
  const all: Record<string, string | string[] | undefined> = {
    participants: list(facts.participants, 'participants'),
    environment: pick(facts.environment, 'environment'),
    releaseVersion: pick(facts.releaseVersion, 'release', 'releaseVersion'),
    rollbackTargetVersion: pick(facts.rollbackTargetVersion, 'target', 'rollbackTargetVersion'),
    objectives: list(facts.objectives, 'objectives'),
  };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string | string[]] => e[1] !== undefined));
}
