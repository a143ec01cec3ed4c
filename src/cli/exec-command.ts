// `runbook exec FILE`: flags into settings, preflight (nothing runs until every value, gate and id
// is settled), the run session, and the exit code of SPEC §1. The work is in src/exec/.
import { prepareRun } from '../exec/prepare-run.js';
import { runSession } from '../exec/run-session.js';
import { settingsFromFlags, type ExecFlags } from '../exec/run-settings.js';
import { runProcessIO, type SessionIO } from '../exec/session-io.js';
import { ExitCode } from './errors.js';
import { loadRunbook } from './load-runbook.js';

export type ExecOptions = ExecFlags;

/** `io` is the process unless a test gives its own streams, environment and signals. */
export async function runExec(file: string, options: ExecOptions, io: SessionIO = runProcessIO()): Promise<number> {
  const loaded = await loadRunbook(file);
  const settings = settingsFromFlags(options);
  const prepared = await prepareRun(loaded, settings, io);
  const { exitCode } = await runSession(loaded, settings, prepared, io);
  if (exitCode !== 0) throw new ExitCode(exitCode);
  return exitCode;
}
