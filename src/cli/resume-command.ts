// `runbook resume RUN`: the same run, continued. Steps that passed are not run again (their
// captures come back from the journal); the failed or interrupted step and what follows run.
import { createHash } from 'node:crypto';
import type { RunEvent, StepStatus } from '../model/events.js';
import { commandPlaceholders } from '../resolve/command-placeholders.js';
import { paramEnvName } from '../resolve/param-env-name.js';
import { ExitCode, UsageError } from './errors.js';
import { prepareRun, startRun, type ExecOptions } from './exec-command.js';
import { findRun } from './find-run.js';
import { loadRunbook } from './load-runbook.js';

export interface ResumeOptions extends ExecOptions {
  force?: boolean;
}

export async function runResume(id: string, options: ResumeOptions): Promise<number> {
  const workspace = process.cwd();
  const run = findRun(workspace, id);
  // The latest attempt is what is continued: after a forced resume, its runbook is the one to match.
  const { latest } = run;
  if (latest.mode === 'dry-run') throw new UsageError(`run \`${run.runId}\` was a dry run: there is nothing to resume`);
  if (lastEndOf(run.events)?.status === 'passed') throw new UsageError(`run ${run.runId} already passed: there is nothing to resume`);
  const loaded = loadRunbook(latest.runbookPath);
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
  const stillToRun = loaded.runbook.steps.filter((s) => !alreadyPassed.has(s.id));
  const needed = new Set(stillToRun.flatMap((s) => s.commands.flatMap((c) => commandPlaceholders(c).map((p) => p.name))));
  const given = new Set((options.set ?? []).map((raw) => raw.slice(0, raw.indexOf('='))));
  const lost = Object.entries({ ...latest.params, ...captures })
    .filter(([name, value]) => isMasked(value) && needed.has(name) && !given.has(name) && options.vars === undefined && process.env[paramEnvName(name)] === undefined)
    .map(([name]) => name);
  if (lost.length > 0) {
    throw new UsageError(`the journal of run ${run.runId} keeps ${lost.map((n) => `<${n}>`).join(', ')} masked, and the steps still to run need ${lost.length === 1 ? 'it' : 'them'}; give ${lost.length === 1 ? 'it' : 'them'} again: ${lost.map((n) => `--set ${n}=…`).join(' ')}`);
  }
  const remembered = Object.entries(latest.params).filter(([, value]) => !isMasked(value)).map(([name, value]) => `${name}=${value}`);
  const capturesSet = Object.entries(captures).filter(([, value]) => !isMasked(value)).map(([name, value]) => `${name}=${value}`);
  const was = latest.options;
  const merged: ResumeOptions = {
    ...options,
    set: [...remembered, ...capturesSet, ...(options.set ?? [])],
    concurrency: String(was.concurrency ?? options.concurrency ?? '1'),
    // The same selection and strictness as the run being continued, unless given again.
    ...(options.only === undefined && Array.isArray(was.only) && was.only.length > 0 && { only: was.only.map(String) }),
    ...(options.from === undefined && typeof was.from === 'string' && { from: was.from }),
    ...(options.strict === undefined && was.strict === true && { strict: true }),
    ...(typeof was.cwd === 'string' && options.cwd === undefined && { cwd: was.cwd }),
    ...(typeof was.template === 'string' && options.template === undefined && { template: was.template }),
    ...(typeof was.recordDir === 'string' && options.recordDir === undefined && { recordDir: was.recordDir }),
  };
  const prepared = await prepareRun(loaded, merged, { skip: alreadyPassed });
  const attempt = run.events.filter((e) => e.type === 'run-start').length + 1;
  const code = await startRun(loaded, prepared, merged, { runId: run.runId, attempt, priorEvents: run.events, alreadyPassed });
  if (code !== 0) throw new ExitCode(code);
  return code;
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
