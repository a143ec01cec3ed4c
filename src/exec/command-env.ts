// The environment commands run with: the engine's own, the runbook's `env`, each value by name,
// and the run id once there is one. Steps, preconditions and facts all run with it.
import type { Runbook } from '../model/runbook.js';
import type { SessionIO } from './session-io.js';

export function commandEnv(runbook: Runbook, values: Record<string, string>, runId: string | undefined, base: SessionIO['env']): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  Object.assign(env, runbook.env);
  for (const [name, value] of Object.entries(values)) env[name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')] = value;
  if (runId !== undefined) env.RUNBOOK_RUN_ID = runId;
  return env;
}
