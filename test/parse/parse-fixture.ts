// Style fixtures parsed as the CLI parses them, and a step looked up by id with a clear failure.
import { readFileSync } from 'node:fs';
import type { Runbook, Step } from '../../src/model/runbook.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';

export function parseFixture(name: string): Runbook {
  return parseRunbook(readFileSync(new URL(`../fixtures/styles/${name}`, import.meta.url), 'utf8'));
}

export function stepOf(runbook: Runbook, id: string): Step {
  const found = runbook.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id} in ${runbook.steps.map((s) => s.id).join(', ')}`);
  return found;
}
