// Reads the run-start `context` record by the documented keys (record-conventions.ts).
// Later attempts override earlier ones; keys the record has no field for become notes.
import type { RunStart } from './collect-run.js';
import { contextKeys, normalizeKey } from './record-conventions.js';

export interface ContextFacts {
  environment: string | null;
  participants: string[];
  releaseVersion: string | null;
  rollbackTargetVersion: string | null;
  objectives: string[];
  /** Step ids named by `rollback-steps`, or null when the context does not say. */
  rollbackSteps: string[] | null;
  notes: Array<{ key: string; value: string }>;
}

type Value = string | string[] | undefined;

const one = (v: Value): string | null => {
  const s = (Array.isArray(v) ? v.join(', ') : v)?.trim();
  return s ? s : null;
};
const list = (v: Value, split: RegExp): string[] =>
  (Array.isArray(v) ? v : (v ?? '').split(split)).map((s) => s.trim()).filter((s) => s !== '');

export function readContextFacts(starts: readonly RunStart[]): ContextFacts {
  const merged = new Map<string, { key: string; value: string | string[] }>();
  for (const start of starts) {
    for (const [key, value] of Object.entries(start.context)) merged.set(normalizeKey(key), { key, value });
  }
  const used = new Set<string>();
  const take = (names: readonly string[]): Value => {
    for (const name of names) {
      const hit = merged.get(name);
      if (hit !== undefined) {
        used.add(name);
        return hit.value;
      }
    }
    return undefined;
  };
  const rollback = take(contextKeys.rollbackSteps);
  const facts = {
    environment: one(take(contextKeys.environment)),
    // One string lists people separated by commas, semicolons or newlines.
    participants: list(take(contextKeys.participants), /[,;\n]/),
    releaseVersion: one(take(contextKeys.releaseVersion)),
    rollbackTargetVersion: one(take(contextKeys.rollbackTargetVersion)),
    // Objectives are prose with commas inside, so one string splits on newlines only.
    objectives: list(take(contextKeys.objectives), /\n/),
    rollbackSteps: rollback === undefined ? null : list(rollback, /[,;\s]+/),
  };
  const notes = [...merged.entries()]
    .filter(([k]) => !used.has(k))
    .map(([, { key, value }]) => ({ key, value: Array.isArray(value) ? value.join(', ') : value }));
  return { ...facts, notes };
}
