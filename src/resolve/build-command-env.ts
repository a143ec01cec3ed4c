// The environment every command of a run starts from: the caller's, the runbook's frontmatter
// `env`, each param's value under its documented RUNBOOK_… name (param-env-name.ts), and the run
// id. The engine's own RUNBOOK_VALUE_n variables are not inherited: each command is given those
// of its own values (render-command.ts), and a caller's (an outer run's) must not stand in for them.
import { paramEnvName, VALUE_VARIABLE_PATTERN } from './param-env-name.js';

export interface CommandEnvInput {
  base: Readonly<Record<string, string | undefined>>;
  /** The frontmatter `env`, set by the author. */
  runbookEnv: Readonly<Record<string, string>>;
  values: Readonly<Record<string, string>>;
  /** Absent before the run has one (preconditions and facts). */
  runId?: string;
}

export function buildCommandEnv({ base, runbookEnv, values, runId }: CommandEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) if (value !== undefined && !VALUE_VARIABLE_PATTERN.test(name)) env[name] = value;
  Object.assign(env, runbookEnv);
  for (const [name, value] of Object.entries(values)) env[paramEnvName(name)] = value;
  if (runId !== undefined) env.RUNBOOK_RUN_ID = runId;
  return env;
}
