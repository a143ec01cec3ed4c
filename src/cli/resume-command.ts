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
  const loaded = loadRunbook(relative(io.workspace, resolve(root, latest.runbookPath)) || latest.runbookPath);
  const sha = createHash('sha256').update(loaded.text).digest('hex');
  if (sha !== latest.sha256 && !options.force) {
    throw new UsageError(`the runbook changed since run ${run.runId} started (sha256 ${latest.sha256.slice(0, 12)}… then, ${sha.slice(0, 12)}… now); resuming would mix two procedures. Start a new run, or pass --force`, latest.runbookPath);
  }
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
  const prepared = await prepareRun(loaded, settings, io, { alreadyPassed, root });
  const attempt = run.events.filter((e) => e.type === 'run-start').length + 1;
  const { exitCode } = await runSession(loaded, settings, prepared, io, { runId: run.runId, attempt, priorEvents: run.events, alreadyPassed, openStatements: openStatements(run.events, alreadyPassed) });
  if (exitCode !== 0) throw new ExitCode(exitCode);
  return exitCode;
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
