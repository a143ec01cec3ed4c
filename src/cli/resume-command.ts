// `runbook resume RUN`: the same run, continued. Steps that passed are not run again (their
// captures come back from the journal); the failed or interrupted step and what follows run.
import { createHash } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { workspaceAt } from '../exec/find-workspace.js';
import { openStatements } from '../run/open-statements.js';
import type { RunEvent, StepStatus } from '../model/events.js';
import { paramEnvName } from '../resolve/param-env-name.js';
import { stepsToRun } from '../exec/preflight.js';
import { prepareRun } from '../exec/prepare-run.js';
import { runSession } from '../exec/run-session.js';
import { settingsFromJournal, type ResumeFlags } from '../exec/run-settings.js';
import { runProcessIO, type SessionIO } from '../exec/session-io.js';
import { allNeeds, captureNamesOf } from '../run/step-needs.js';
import { describeLeftRunning, findLeftRunning } from '../run/find-left-running.js';
import { endProcesses } from '../run/process-tree.js';
import { isHeld, readRunLocks } from '../run/run-lock.js';
import { runDir } from '../run/journal.js';
import { readSessionSnapshot } from '../run/session-file.js';
import { entryName, type ShellSession } from '../run/shell-session.js';
import { ExitCode, UsageError } from './errors.js';
import { findRun } from './find-run.js';
import { loadRunbook } from './load-runbook.js';

export type ResumeOptions = ResumeFlags;

/** `io` is the process unless a test gives its own streams, environment and signals. */
export async function runResume(id: string, options: ResumeOptions, io: SessionIO = runProcessIO()): Promise<number> {
  const root = options.workspace !== undefined ? resolve(io.workspace, options.workspace) : workspaceAt(io.workspace);
  const run = findRun(root, id);
  // The latest attempt is what is continued: after a forced resume, its runbook is the one to match.
  const { latest } = run;
  if (latest.mode === 'dry-run') throw new UsageError(`run \`${run.runId}\` was a dry run: there is nothing to resume`);
  if (lastEndOf(run.events)?.status === 'passed') throw new UsageError(`run ${run.runId} already passed: there is nothing to resume`);
  // The journal names the runbook from the workspace root; the command may start anywhere.
  const loaded = await loadRunbook(relative(io.workspace, resolve(root, latest.runbookPath)) || latest.runbookPath);
  const sha = createHash('sha256').update(loaded.text).digest('hex');
  if (sha !== latest.sha256 && !options.force) {
    throw new UsageError(`the runbook changed since run ${run.runId} started (sha256 ${latest.sha256.slice(0, 12)}… then, ${sha.slice(0, 12)}… now); resuming would mix two procedures. Start a new run, or pass --force`, latest.runbookPath);
  }
  await settleLeftRunning(run.runId, run.events, options, root, io);
  const latestStatus = new Map<string, StepStatus>();
  const captures: Record<string, string> = {};
  for (const event of run.events) {
    if (event.type !== 'step-end') continue;
    if (event.status === 'skipped' && event.reason === 'passed in an earlier attempt') continue;
    latestStatus.set(event.stepId, event.status);
    Object.assign(captures, event.captures);
  }
  const alreadyPassed = new Set([...latestStatus].filter(([, status]) => status === 'passed').map(([stepId]) => stepId));
  // Values and captures come back from the journal, except what it keeps masked (secrets, and
  // values that held one): those must be given again, never guessed from `***`.
  const isMasked = (value: string): boolean => value.includes('***');
  const journalled = { ...latest.params, ...captures };
  const kept = Object.fromEntries(Object.entries(journalled).filter(([, value]) => !isMasked(value)));
  // Decision points the run already settled stay settled: the branch taken is the branch resumed.
  const decided = Object.fromEntries(run.events.flatMap((e) => (e.type === 'decision' ? [[e.decisionId, e.option] as const] : [])));
  const settings = settingsFromJournal(latest, kept, options, decided);
  const masked = Object.keys(journalled).filter((name) => !(name in kept));
  if (masked.length > 0) {
    const { toRun, includeExcluded } = stepsToRun(loaded, settings, alreadyPassed);
    const needs = allNeeds(toRun, captureNamesOf(loaded.runbook), includeExcluded);
    const needed = new Set([...needs.params, ...needs.captures]);
    const lost = masked.filter((name) => needed.has(name) && !Object.hasOwn(settings.values, name) && settings.varsFile === undefined && io.env[paramEnvName(name)] === undefined);
    if (lost.length > 0) {
      throw new UsageError(`the journal of run ${run.runId} keeps ${lost.map((n) => `<${n}>`).join(', ')} masked, and the steps still to run need ${lost.length === 1 ? 'it' : 'them'}; give ${lost.length === 1 ? 'it' : 'them'} again: ${lost.map((n) => `--set ${n}=…`).join(' ')}`);
    }
  }
  const session = lastSession(run.runId, run.events, alreadyPassed, root, io);
  const prepared = await prepareRun(loaded, settings, io, { alreadyPassed, root });
  const attempt = run.events.filter((e) => e.type === 'run-start').length + 1;
  const { exitCode } = await runSession(loaded, settings, prepared, io, { runId: run.runId, attempt, priorEvents: run.events, alreadyPassed, openStatements: openStatements(run.events, alreadyPassed), ...(session && { session }) });
  if (exitCode !== 0) throw new ExitCode(exitCode);
  return exitCode;
}

/**
 * A step the killed engine was running may still run: resuming beside it would run it twice.
 * Stop (exit 2, naming the pids), or with --kill-orphans end them first (TERM, then KILL).
 */
async function settleLeftRunning(runId: string, events: RunEvent[], options: ResumeOptions, root: string, io: SessionIO): Promise<void> {
  // A run whose engine still holds its lock is not left behind: taking the lock will refuse it.
  if (readRunLocks(root).some((holder) => holder.runId === runId && isHeld(holder))) return;
  const left = findLeftRunning(events);
  if (left.length === 0) return;
  const named = describeLeftRunning(left);
  if (!options.killOrphans) {
    throw new UsageError(`run ${runId} is still running what its engine left behind (${named}); stop ${left.length === 1 && left[0]?.processes.length === 1 ? 'it' : 'them'} first, or pass --kill-orphans to end ${left.length === 1 && left[0]?.processes.length === 1 ? 'it' : 'them'} and resume`);
  }
  const grace = Number(io.env.RUNBOOK_KILL_GRACE_MS ?? 3000);
  const still = await endProcesses(left.flatMap((l) => l.processes), Number.isFinite(grace) ? grace : 3000);
  if (still.length > 0) throw new UsageError(`run ${runId}: could not end ${still.map((p) => `pid ${p.pid} (${p.name})`).join(', ')}; nothing was resumed`);
  io.stderr.write(`runbook: ended what run ${runId} left running (${named})\n`);
}

/**
 * The session the last passed step left, from the file its `session` event names. Resuming
 * without it would run the next commands without the variables they were written to use
 * (`rm -rf "/tmp/$BACKUP_DIR"`), so a file that cannot be read stops the resume.
 */
function lastSession(runId: string, events: RunEvent[], passed: ReadonlySet<string>, root: string, io: SessionIO): ShellSession | undefined {
  let last: Extract<RunEvent, { type: 'session' }> | undefined;
  for (const event of events) if (event.type === 'session' && passed.has(event.stepId)) last = event;
  if (last === undefined) return undefined;
  let snapshot;
  try {
    snapshot = readSessionSnapshot(runDir(root, runId), last.file);
  } catch (error) {
    throw new UsageError(`the session step ${last.stepId} left cannot be restored: ${(error as Error).message} in .runbook/runs/${runId}; start a new run`);
  }
  if (snapshot.withheld.length > 0) {
    io.stderr.write(`runbook: warning: ${snapshot.withheld.map(entryName).join(', ')} held a secret and ${snapshot.withheld.length === 1 ? 'was' : 'were'} carried in memory only: the resumed steps start without ${snapshot.withheld.length === 1 ? 'it' : 'them'}\n`);
  }
  return snapshot.session;
}

/** The run end of the latest attempt, if it has one. */
function lastEndOf(events: RunEvent[]): Extract<RunEvent, { type: 'run-end' }> | undefined {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const event = events[i] as RunEvent;
    if (event.type === 'run-end') return event;
    if (event.type === 'run-start') return undefined;
  }
  return undefined;
}
