// Which values a runbook needs, where each comes from, and whether it is valid. Pure: the caller
// passes the environment in. Precedence: --set > --vars > RUNBOOK_<NAME> > frontmatter default;
// a shell variable nothing sets (`${BACKUP_FILE}`) is also read from the environment under its
// own name. Names are looked up as own properties only (`toString`, `__proto__` are names).
import { suggestNearest } from '../format/suggest-nearest.js';
import type { Param, Position, Runbook } from '../model/runbook.js';
import { commandPlaceholders } from './command-placeholders.js';
import { envPlaceholderNames } from './fill-placeholders.js';
import { paramEnvName } from './param-env-name.js';
import { paramValueSchema } from './param-value-schema.js';

export { loadVarsFile, type VarsFile } from './load-vars-file.js';
export { paramEnvName } from './param-env-name.js';
export { parseSetFlag, type SetFlag } from './parse-set-flag.js';

export type ValueSource = 'set' | 'vars' | 'env' | 'default';

export interface ResolveInput {
  set: Record<string, string>;
  vars: Record<string, unknown>;
  env: Readonly<Record<string, string | undefined>>;
}

export interface MissingValue {
  name: string;
  positions: Position[];
  /** Each way it is written where it is used: `<namespace>`, `[NAMESPACE]`, `${NAMESPACE}`. */
  tokens: string[];
}

export interface ResolvedParams {
  /** Valid values by name; booleans normalised to `true`/`false`. */
  values: Record<string, string>;
  sources: Record<string, ValueSource>;
  /** Needed names with no value, with where they are used (or declared). */
  missing: MissingValue[];
  /** Values given but rejected; `value` is `***` for secrets, and the message never shows them. */
  invalid: { name: string; value: string; message: string }[];
  /** `--set` names the runbook does not have (a typo, most likely), with the nearest it has. */
  unknown: { name: string; suggestion?: string }[];
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
  tokens: string[];
  /** A shell variable the command reads itself: its own name in the environment gives it too. */
  variable: boolean;
}

/** Every name the runbook uses or declares a value for, and where: params, placeholders, but not captures. */
function collectNeeds(runbook: Runbook, captures: ReadonlySet<string>): Map<string, Need> {
  const needs = new Map<string, Need>();
  const needOf = (name: string): Need => {
    let need = needs.get(name);
    if (!need) needs.set(name, (need = { positions: [], tokens: [], variable: false }));
    return need;
  };
  for (const param of runbook.params) {
    if (captures.has(param.name)) continue;
    const need = needOf(param.name);
    if (!need.param || (param.declared && !need.param.declared)) need.param = param;
  }
  for (const step of runbook.steps) {
    for (const command of step.commands) {
      for (const placeholder of commandPlaceholders(command)) {
        if (captures.has(placeholder.name)) continue;
        const need = needOf(placeholder.name);
        need.positions.push(placeholder.position);
        if (!need.tokens.includes(placeholder.raw)) need.tokens.push(placeholder.raw);
        if (placeholder.form === 'variable') need.variable = true;
      }
    }
  }
  // An `Env:` placeholder is needed like a command's. (Expected output is filled with the values
  // of names needed elsewhere, and is otherwise what the command prints: kubectl's `<none>`.)
  const declared = runbook.params.map((param) => param.name);
  for (const step of runbook.steps) {
    for (const name of envPlaceholderNames(step.env, declared)) if (!captures.has(name)) needOf(name).positions.push(step.position);
  }
  return needs;
}

/**
 * Needed names: declared params and every placeholder, minus capture names (those are filled at
 * run time). A capture name given with --set is passed through as is, so a run that skips the
 * capturing step (--from, --only) can still be given the value.
 */
export function resolveParams(runbook: Runbook, input: ResolveInput): ResolvedParams {
  const captures = new Set(runbook.steps.flatMap((s) => s.captures));
  const needs = collectNeeds(runbook, captures);

  // Null-prototype records: a param named `__proto__` is just a name.
  const result: ResolvedParams = { values: Object.create(null), sources: Object.create(null), missing: [], invalid: [], unknown: [] };
  for (const [name, need] of needs) {
    const found = lookup(name, need, input);
    if (!found) {
      const declaredAt = need.param?.position;
      result.missing.push({ name, positions: need.positions.length > 0 ? need.positions : declaredAt ? [declaredAt] : [], tokens: need.tokens.length > 0 ? need.tokens : [`<${name}>`] });
      continue;
    }
    const checked = checkValue(name, need.param, found);
    if ('message' in checked) result.invalid.push(checked);
    else {
      result.values[name] = checked.value;
      result.sources[name] = found.source;
    }
  }

  const known = [...needs.keys(), ...captures];
  for (const [name, value] of Object.entries(input.set)) {
    if (needs.has(name)) continue;
    if (captures.has(name)) {
      const checked = checkValue(name, undefined, { value, source: 'set' });
      if ('message' in checked) result.invalid.push(checked);
      else {
        result.values[name] = checked.value;
        result.sources[name] = 'set';
      }
      continue;
    }
    const suggestion = suggestNearest(name, known);
    result.unknown.push({ name, ...(suggestion !== null && { suggestion }) });
  }
  return result;
}

/** What `--set NAME=…` for a name the runbook does not have says. */
export function describeUnknownName({ name, suggestion }: ResolvedParams['unknown'][number]): string {
  return `--set ${name}: the runbook has no value named ${JSON.stringify(name)}${suggestion === undefined ? '' : `; did you mean ${JSON.stringify(suggestion)}?`}`;
}

function checkValue(name: string, param: Param | undefined, found: { value: unknown; source: ValueSource }): { value: string } | { name: string; value: string; message: string } {
  const secret = param?.secret ?? false;
  const from = SOURCE_LABEL[found.source];
  const refuse = (message: string) => ({ name, value: secret ? '***' : String(found.value), message: `<${name}> ${message} (from ${from})` });
  if (typeof found.value !== 'string') return refuse(`must be a string, number or boolean; got ${typeof found.value}`);
  const value = found.value;
  const shown = secret ? '***' : JSON.stringify(value);
  // No command can be given a NUL, and bash would cut the value there.
  if (value.includes('\0')) return refuse('holds a NUL byte, which no command can be given');
  // `rm -rf <dir>/old` with an empty value is `rm -rf /old`.
  if (value.trim() === '' && param?.allowEmpty !== true) return refuse(`is ${value === '' ? 'empty' : 'only whitespace'}; give a value, or set \`allowEmpty: true\` on ${name} in the frontmatter`);
  const built = param ? paramValueSchema(param) : undefined;
  if (built && 'error' in built) return refuse(`cannot be checked: ${built.error}`);
  const parsed = built ? built.schema.safeParse(value) : { success: true as const, data: value };
  if (!parsed.success) return refuse(`must be ${parsed.error.issues[0]?.message ?? 'a valid value'}; got ${shown}`);
  return { value: parsed.data };
}

function lookup(name: string, need: Need, input: ResolveInput): { value: unknown; source: ValueSource } | undefined {
  if (Object.hasOwn(input.set, name) && input.set[name] !== undefined) return { value: input.set[name], source: 'set' };
  if (Object.hasOwn(input.vars, name)) {
    const value = input.vars[name];
    if (value !== undefined && value !== null) {
      const plain = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint';
      return { value: plain ? String(value) : value, source: 'vars' };
    }
  }
  for (const variable of need.variable ? [name, paramEnvName(name)] : [paramEnvName(name)]) {
    const fromEnv = Object.hasOwn(input.env, variable) ? input.env[variable] : undefined;
    if (fromEnv !== undefined) return { value: fromEnv, source: 'env' };
  }
  const fallback = need.param?.default;
  if (fallback !== undefined) return { value: fallback, source: 'default' };
  return undefined;
}

/** The environment variables that give a missing value: its RUNBOOK_… name, and a shell variable's own. */
export function environmentNamesOf(missing: Pick<MissingValue, 'name' | 'tokens'>): string[] {
  const variable = missing.tokens.some((token) => token.startsWith('$'));
  return variable ? [missing.name, paramEnvName(missing.name)] : [paramEnvName(missing.name)];
}

/** `no value for [NAMESPACE] (used at rb.md:3:5); give it with --set namespace=…, --vars FILE or RUNBOOK_NAMESPACE`. */
export function describeMissingValue(missing: MissingValue, file: string): string {
  const where = missing.positions.length > 0 ? ` (used at ${missing.positions.map((p) => `${file}:${p.line}:${p.column}`).join(', ')})` : '';
  const environment = environmentNamesOf(missing);
  return `no value for ${missing.tokens.join(', ')}${where}; give it with --set ${missing.name}=…, --vars FILE or ${environment.join(' or ')}`;
}
