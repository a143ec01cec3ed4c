// --set and --vars → the values placeholders are filled with. Malformed input is a UsageError.
import type { Runbook } from '../model/runbook.js';
import { describeUnknownName, loadVarsFile, parseSetFlag, resolveParams, type ResolvedParams } from '../resolve/resolve-params.js';
import { UsageError } from './errors.js';
import { readTextFile } from './read-input.js';

export interface ValueFlags {
  set?: string[];
  vars?: string;
}

export function readValues(runbook: Runbook, flags: ValueFlags, extra: Record<string, string> = {}): ResolvedParams {
  const set = { ...extra, ...parseSetFlags(flags.set) };
  const resolved = resolveParams(runbook, { set, vars: readVarsFile(flags.vars), env: process.env });
  // `--set revison=41` would be ignored and the default used: a typo is bad input, with its fix.
  if (resolved.unknown.length > 0) throw new UsageError(resolved.unknown.map(describeUnknownName).join('; '));
  return resolved;
}

/** `--set name=value` flags by name; the last one given for a name wins. */
export function parseSetFlags(raw: readonly string[] = []): Record<string, string> {
  const set: Record<string, string> = {};
  for (const flag of raw) {
    const parsed = parseSetFlag(flag);
    if ('error' in parsed) throw new UsageError(`--set ${JSON.stringify(flag)}: ${parsed.error}`);
    set[parsed.name] = parsed.value;
  }
  return set;
}

/** The values of a --vars file (none without one). */
export function readVarsFile(file: string | undefined): Record<string, unknown> {
  if (file === undefined) return {};
  const loaded = loadVarsFile(readTextFile(file, 'vars file'), file);
  if ('error' in loaded) throw new UsageError(loaded.error, file);
  return loaded.values;
}
