// The environment commands run with (src/resolve/build-command-env.ts): the caller's, the
// runbook's `env`, each value under its RUNBOOK_ name only, and the run id once there is one.
// Steps, preconditions and facts all run with it.
import type { Runbook } from '../model/runbook.js';
import { buildCommandEnv } from '../resolve/build-command-env.js';
import type { SessionIO } from './session-io.js';

export function commandEnv(runbook: Runbook, values: Record<string, string>, runId: string | undefined, base: SessionIO['env']): Record<string, string> {
  return buildCommandEnv({ base, runbookEnv: runbook.env, values, ...(runId !== undefined && { runId }) });
}
