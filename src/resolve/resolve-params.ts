// Which values a runbook needs, where each comes from, and whether it is valid. Pure: the caller
// passes the environment in. Precedence: --set > --vars > RUNBOOK_<NAME> > frontmatter default.
import type { Param, Position, Runbook } from '../model/runbook.js';
import { commandPlaceholders } from './command-placeholders.js';
import { paramEnvName } from './param-env-name.js';
import { paramValueSchema } from './param-value-schema.js';

export { loadVarsFile, type VarsFile } from './load-vars-file.js';
export { paramEnvName } from './param-env-name.js';
export { parseSetFlag, type SetFlag } from './parse-set-flag.js';

export type ValueSource = 'set' | 'vars' | 'env' | 'default';

export interface ResolveInput {
  set: Record<string, string>;
  vars: Record<string, unknown>;
  env: Record<string, string | undefined>;
}

export interface ResolvedParams {
  /** Valid values by name; booleans normalised to `true`/`false`. */
  values: Record<string, string>;
  sources: Record<string, ValueSource>;
  /** Needed names with no value, with where they are used (or declared). */
  missing: { name: string; positions: Position[] }[];
  /** Values given but rejected; `value` is `***` for secrets, and the message never shows them. */
  invalid: { name: string; value: string; message: string }[];
  /** `--set` names that no param or placeholder uses (likely a typo). */
  unused: string[];
}

const SOURCE_LABEL: Record<ValueSource, string> = {
  set: '--set',
  vars: '--vars',
  env: 'the environment',
  default: 'the frontmatter default',
};

interface Need {
  param?: Param;
  positions: Position[];
}

/**
 * Needed names: declared params and every command placeholder, minus capture names (those are
 * filled at run time). A capture name given with --set is passed through as is, so a run that
 * skips the capturing step (--from, --only) can still be given the value.
 */
export function resolveParams(runbook: Runbook, input: ResolveInput): ResolvedParams {
  const captures = new Set(runbook.steps.flatMap((s) => s.captures));
  const needs = new Map<string, Need>();
  for (const param of runbook.params) {
    if (captures.has(param.name)) continue;
    const need = needs.get(param.name);
    if (!need) needs.set(param.name, { param, positions: [] });
    else if (!need.param || (param.declared && !need.param.declared)) need.param = param;
  }
  for (const step of runbook.steps) {
    for (const command of step.commands) {
      for (const placeholder of commandPlaceholders(command)) {
        if (captures.has(placeholder.name)) continue;
        const need = needs.get(placeholder.name);
        if (need) need.positions.push(placeholder.position);
        else needs.set(placeholder.name, { positions: [placeholder.position] });
      }
    }
  }

  // Null-prototype records: a param named `__proto__` is just a name.
  const result: ResolvedParams = { values: Object.create(null), sources: Object.create(null), missing: [], invalid: [], unused: [] };
  for (const [name, need] of needs) {
    const found = lookup(name, need.param, input);
    if (!found) {
      const declaredAt = need.param?.position;
      result.missing.push({ name, positions: need.positions.length > 0 ? need.positions : declaredAt ? [declaredAt] : [] });
      continue;
    }
    const secret = need.param?.secret ?? false;
    const shown = (value: string): string => (secret ? '***' : JSON.stringify(value));
    const from = SOURCE_LABEL[found.source];
    if (typeof found.value !== 'string') {
      result.invalid.push({
        name,
        value: secret ? '***' : String(found.value),
        message: `<${name}> must be a string, number or boolean; got ${typeof found.value} (from ${from})`,
      });
      continue;
    }
    const built = need.param ? paramValueSchema(need.param) : undefined;
    if (built && 'error' in built) {
      result.invalid.push({ name, value: secret ? '***' : found.value, message: `<${name}> cannot be checked: ${built.error}` });
      continue;
    }
    const parsed = built ? built.schema.safeParse(found.value) : { success: true as const, data: found.value };
    if (!parsed.success) {
      const expected = parsed.error.issues[0]?.message ?? 'a valid value';
      result.invalid.push({
        name,
        value: secret ? '***' : found.value,
        message: `<${name}> must be ${expected}; got ${shown(found.value)} (from ${from})`,
      });
      continue;
    }
    result.values[name] = parsed.data;
    result.sources[name] = found.source;
  }

  for (const [name, value] of Object.entries(input.set)) {
    if (needs.has(name)) continue;
    if (captures.has(name)) {
      result.values[name] = value;
      result.sources[name] = 'set';
      continue;
    }
    result.unused.push(name);
  }
  return result;
}

function lookup(name: string, param: Param | undefined, input: ResolveInput): { value: unknown; source: ValueSource } | undefined {
  if (Object.hasOwn(input.set, name) && input.set[name] !== undefined) return { value: input.set[name], source: 'set' };
  if (Object.hasOwn(input.vars, name)) {
    const value = input.vars[name];
    if (value !== undefined && value !== null) {
      const plain = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint';
      return { value: plain ? String(value) : value, source: 'vars' };
    }
  }
  const fromEnv = input.env[paramEnvName(name)];
  if (fromEnv !== undefined) return { value: fromEnv, source: 'env' };
  if (param?.default !== undefined) return { value: param.default, source: 'default' };
  return undefined;
}
