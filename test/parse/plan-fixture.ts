// The plan `runbook plan FILE --format json` prints, built in-process from the pure stages, with
// nothing of this machine in it (no environment values), so goldens compare alike everywhere.
import { readFileSync } from 'node:fs';
import { buildGraph } from '../../src/graph/build-graph.js';
import { lintRunbook } from '../../src/lint/lint-runbook.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/plan-schema.js';
import { resolveParams } from '../../src/resolve/resolve-params.js';

/** `file` is relative to the repository root, as a user would pass it. */
export function planFixture(file: string): Plan {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  const runbook = parseRunbook(text);
  const graph = buildGraph(runbook);
  const diagnostics = lintRunbook(runbook, graph.diagnostics);
  const resolved = resolveParams(runbook, { set: {}, vars: {}, env: {} });
  return buildPlan({ file, runbook, graph, resolved, diagnostics });
}

/** The plan as `plan --format json` writes it. */
export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
