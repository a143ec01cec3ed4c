// `runbook resume RUN`: the same run, continued. Steps that passed are not run again (their
// captures come back from the journal); the failed or interrupted step and what follows run.
import { createHash } from 'node:crypto';
import type { StepStatus } from '../model/events.js';
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
  if (run.start.mode === 'dry-run') throw new UsageError(`run \`${run.runId}\` was a dry run: there is nothing to resume`);
  const loaded = loadRunbook(run.start.runbookPath);
  const sha = createHash('sha256').update(loaded.text).digest('hex');
  if (sha !== run.start.sha256 && !options.force) {
    throw new UsageError(`the runbook changed since run ${run.runId} started (sha256 ${run.start.sha256.slice(0, 12)}… then, ${sha.slice(0, 12)}… now); resuming would mix two procedures. Start a new run, or pass --force`, run.start.runbookPath);
  }
  const latest = new Map<string, StepStatus>();
  const captures: Record<string, string> = {};
  for (const event of run.events) {
    if (event.type !== 'step-end') continue;
    if (event.status === 'skipped' && event.reason === 'passed in an earlier attempt') continue;
    latest.set(event.stepId, event.status);
    Object.assign(captures, event.captures);
  }
  const alreadyPassed = new Set([...latest].filter(([, status]) => status === 'passed').map(([stepId]) => stepId));
  if (run.events.some((e) => e.type === 'run-end' && e.status === 'passed') && alreadyPassed.size === loaded.runbook.steps.length) {
    throw new UsageError(`run ${run.runId} already passed: there is nothing to resume`);
  }
  // Values come back from the journal, except secrets (masked there): give those again.
  const remembered = Object.entries(run.start.params).filter(([, value]) => value !== '***').map(([name, value]) => `${name}=${value}`);
  const capturesSet = Object.entries(captures).filter(([, value]) => value !== '***').map(([name, value]) => `${name}=${value}`);
  const merged: ResumeOptions = {
    ...options,
    set: [...remembered, ...capturesSet, ...(options.set ?? [])],
    concurrency: String(run.start.options.concurrency ?? options.concurrency ?? '1'),
    ...(typeof run.start.options.cwd === 'string' && options.cwd === undefined && { cwd: run.start.options.cwd }),
  };
  const prepared = await prepareRun(loaded, merged);
  const attempt = run.events.filter((e) => e.type === 'run-start').length + 1;
  const code = await startRun(loaded, prepared, merged, { runId: run.runId, attempt, priorEvents: run.events, alreadyPassed });
  if (code !== 0) throw new ExitCode(code);
  return code;
}
