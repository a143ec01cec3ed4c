// --set and --vars → the values placeholders are filled with. Malformed input is a UsageError.
import type { Runbook } from '../model/runbook.js';
import { loadVarsFile, parseSetFlag, resolveParams, type ResolvedParams } from '../resolve/resolve-params.js';
import { UsageError } from './errors.js';
import { readTextFile } from './read-input.js';

export interface ValueFlags {
  set?: string[];
  vars?: string;
}

export function readValues(runbook: Runbook, flags: ValueFlags, extra: Record<string, string> = {}): ResolvedParams {
  const set: Record<string, string> = { ...extra };
  for (const raw of flags.set ?? []) {
    const parsed = parseSetFlag(raw);
    if ('error' in parsed) throw new UsageError(`--set ${JSON.stringify(raw)}: ${parsed.error}`);
    set[parsed.name] = parsed.value;
  }
  let vars: Record<string, string> = {};
  if (flags.vars !== undefined) {
    const loaded = loadVarsFile(readTextFile(flags.vars, 'vars file'), flags.vars);
    if ('error' in loaded) throw new UsageError(loaded.error, flags.vars);
    vars = loaded.values;
  }
  return resolveParams(runbook, { set, vars, env: process.env });
}
