// A command with its values, as it runs and as people see it (src/shell/render-shell-command.ts):
// each value reaches the shell as a quoted reference to an environment variable the engine sets
// (RUNBOOK_VALUE_n), never as shell text; a value that cannot go where it sits is refused with
// the reason and the fix. Shell variables the command reads that nothing sets (`${BACKUP_FILE}`)
// get their value in the environment under their own name. Pure; runs nothing.
import type { Command, Param } from '../model/runbook.js';
import { renderShellCommand, type RenderPolicy, type RenderProblem } from '../shell/render-shell-command.js';
import { analyzeCommand } from './analyze-command.js';
import { isProtectedEnvName } from './param-env-name.js';
import { paramValueSchema } from './param-value-schema.js';

export interface RenderedCommand {
  /** True when it can run: every value there, and each one safe where it sits. */
  ok: boolean;
  /** What runs, with `env` set; empty unless `ok`: never run it then. */
  text: string;
  /** The variables to set for it: RUNBOOK_VALUE_n and the shell variables it was given. */
  env: Record<string, string>;
  /** What people see: values filled in, secrets as `***`, missing ones as written. */
  display: string;
  /** Names with no value, in order of first use. */
  missing: string[];
  /** Values refused where they sit, and a command bash cannot parse. */
  unsafe: RenderProblem[];
}

/** Names whose value the runbook's author vouches for (a declared `pattern` or `enum` it meets) or lets start with `-`. */
export function renderPolicy(params: readonly Param[], values: Readonly<Record<string, string>>): RenderPolicy {
  const matchedPattern = new Set<string>();
  const allowDash = new Set<string>();
  const secret = new Set<string>();
  for (const param of params) {
    if (param.secret) secret.add(param.name);
    if (param.allowDash === true) allowDash.add(param.name);
    const value = Object.hasOwn(values, param.name) ? values[param.name] : undefined;
    if (value === undefined || (param.pattern === undefined && (param.enum ?? []).length === 0)) continue;
    const built = paramValueSchema(param);
    if ('schema' in built && built.schema.safeParse(value).success) matchedPattern.add(param.name);
  }
  return { matchedPattern, allowDash, secret };
}

export function renderCommand(command: Command, values: Readonly<Record<string, string>>, params: readonly Param[] = []): RenderedCommand {
  const rendered = renderShellCommand(analyzeCommand(command), values, renderPolicy(params, values));
  const has = (name: string): boolean => Object.hasOwn(values, name) && values[name] !== undefined;
  const missing = [...new Set(command.placeholders.filter((p) => !has(p.name)).map((p) => p.name))];
  const env: Record<string, string> = rendered.ok ? { ...rendered.env } : {};
  for (const placeholder of command.placeholders) {
    if (placeholder.form === 'variable' && has(placeholder.name) && !isProtectedEnvName(placeholder.name)) env[placeholder.name] = values[placeholder.name] as string;
  }
  const unsafe = rendered.ok ? [] : rendered.problems.filter((problem) => problem.kind !== 'missing');
  const ok = rendered.ok && missing.length === 0;
  return { ok, text: ok && rendered.ok ? rendered.text : '', env: ok ? env : {}, display: rendered.display, missing, unsafe };
}
