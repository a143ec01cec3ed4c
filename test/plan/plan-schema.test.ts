// The plan schema is the model's, with what the plan works out in place of what it reads: every
// plan built from a real runbook passes it unchanged, and a model field cannot be left behind.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { lintRunbook } from '../../src/lint/lint-runbook.js';
import { commandSchema, expectationSchema, stepSchema, type Step } from '../../src/model/runbook.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { plannedCommandSchema, plannedExpectationSchema, planSchema, planStepSchema, type PlanStep } from '../../src/plan/plan-schema.js';
import { resolveParams } from '../../src/resolve/resolve-params.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';

await loadShellParser();

const root = join(import.meta.dirname, '..', '..');
const styles = join(root, 'test', 'fixtures', 'styles');
const files = [
  ...readdirSync(styles).filter((f) => f.endsWith('.md')).map((f) => join(styles, f)),
  join(root, 'test', 'fixtures', 'seed', 'release-rollback-runbook.md'),
  join(root, 'runbooks', 'rollback.md'),
];

describe('planSchema', () => {
  it.each(files.map((f) => [f.slice(root.length + 1), f]))('takes the plan of %s as it is', (_, file) => {
    const runbook = parseRunbook(readFileSync(file, 'utf8'));
    const graph = buildGraph(runbook);
    const resolved = resolveParams(runbook, { set: {}, vars: {}, env: {} });
    const plan = buildPlan({ file: 'runbook.md', runbook, graph, resolved, diagnostics: lintRunbook(runbook, graph.diagnostics) });
    // Parsing fills no default and strips no key: the plan already has exactly the schema's shape.
    expect(planSchema.parse(plan)).toEqual(plan);
  });

  it('carries every field of the model it does not work out itself', () => {
    const worked = ['commands', 'expectations', 'dependsOn', 'dependsOnPosition', 'confirm'];
    for (const key of Object.keys(stepSchema.shape).filter((k) => !worked.includes(k))) {
      expect(planStepSchema.shape, key).toHaveProperty(key, stepSchema.shape[key as keyof typeof stepSchema.shape]);
    }
    for (const key of Object.keys(commandSchema.shape).filter((k) => k !== 'text' && k !== 'placeholders')) {
      expect(plannedCommandSchema.shape, key).toHaveProperty(key, commandSchema.shape[key as keyof typeof commandSchema.shape]);
    }
    for (const key of Object.keys(expectationSchema.shape).filter((k) => k !== 'matchers' && k !== 'commandIndex')) {
      expect(plannedExpectationSchema.shape, key).toHaveProperty(key, expectationSchema.shape[key as keyof typeof expectationSchema.shape]);
    }
  });

  it('types the planned step with the model step’s own types', () => {
    expectTypeOf<PlanStep['env']>().toEqualTypeOf<Step['env']>();
    expectTypeOf<PlanStep['attestations']>().toEqualTypeOf<Step['attestations']>();
    expectTypeOf<PlanStep['timeoutMs']>().toEqualTypeOf<Step['timeoutMs']>();
    expectTypeOf<PlanStep['notes']>().toEqualTypeOf<Step['notes']>();
  });

  it('refuses a plan whose step breaks the model’s rules', () => {
    const runbook = parseRunbook(readFileSync(join(root, 'runbooks', 'rollback.md'), 'utf8'));
    const graph = buildGraph(runbook);
    const plan = buildPlan({ file: 'r.md', runbook, graph, resolved: resolveParams(runbook, { set: {}, vars: {}, env: {} }), diagnostics: [] });
    const bad = structuredClone(plan);
    (bad.steps[0] as PlanStep).retries = -1;
    expect(planSchema.safeParse(bad).success).toBe(false);
  });
});
