// The plan as a PR comment. The golden file is the review: updating it is deliberate,
//   UPDATE_GOLDEN=1 npx vitest run test/plan/render-plan-markdown.test.ts
// then read the diff like any other change.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { lintRunbook } from '../../src/lint/lint-runbook.js';
import { parseMarkdown } from '../../src/parse/parse-markdown.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderPlanMarkdown } from '../../src/plan/render-plan-markdown.js';
import type { Plan } from '../../src/plan/plan-schema.js';
import { resolveParams } from '../../src/resolve/resolve-params.js';

const dir = join(import.meta.dirname, 'render-plan-markdown');
const update = process.env.UPDATE_GOLDEN === '1';

function planOf(text: string, set: Record<string, string> = {}): Plan {
  const runbook = parseRunbook(text);
  const graph = buildGraph(runbook);
  const diagnostics = lintRunbook(runbook, graph.diagnostics);
  // No environment: values come only from what the test gives, so the plan is the same anywhere.
  const resolved = resolveParams(runbook, { set, vars: {}, env: {} });
  return buildPlan({ file: 'runbooks/checkout-rollback.md', runbook, graph, resolved, diagnostics });
}

describe('renderPlanMarkdown', () => {
  const source = readFileSync(join(dir, 'runbook.md'), 'utf8');

  it('matches the golden comment', () => {
    const text = renderPlanMarkdown(planOf(source, { 'api-token': 's3cr3t-value', region: 'eu-west-1' }));
    const golden = join(dir, 'plan.md');
    if (update) {
      writeFileSync(golden, text);
      return;
    }
    if (!existsSync(golden)) throw new Error('No golden plan.md: run UPDATE_GOLDEN=1 npx vitest run test/plan/render-plan-markdown.test.ts, then review it.');
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it('gives the same bytes for the same plan', () => {
    const plan = planOf(source);
    expect(renderPlanMarkdown(plan)).toBe(renderPlanMarkdown(structuredClone(plan)));
  });

  it('never shows a secret value', () => {
    const text = renderPlanMarkdown(planOf(source, { 'api-token': 's3cr3t-value' }));
    expect(text).not.toContain('s3cr3t-value');
    expect(text).toContain('Bearer ***');
  });

  it('flags missing values in the parameters table and before the steps', () => {
    const text = renderPlanMarkdown(planOf(source));
    expect(text).toMatch(/\*\*⚠ \d+ values? missing:\*\* .*`<revision-number>`/);
    expect(text).toContain('| `<revision-number>` | ⚠ **missing** |');
    expect(text).toContain('| `<release-name>` | `checkout` (default) | `checkout` |');
  });

  it('keeps every command of the plan, resolved, in the collapsible block', () => {
    const plan = planOf(source, { 'revision-number': '41', region: 'us-east-1' });
    const text = renderPlanMarkdown(plan);
    const details = text.slice(text.indexOf('<details><summary>Resolved commands</summary>'));
    expect(details).toContain('</details>');
    for (const step of plan.steps) for (const command of step.commands) expect(details).toContain(command.display);
    expect(details).toContain("helm rollback checkout 41 --wait");
  });

  it('reads back as Markdown with every command intact in its own code block', () => {
    const plan = planOf(source, { 'revision-number': '41' });
    const tree = parseMarkdown(renderPlanMarkdown(plan));
    const code = tree.children.filter((n) => n.type === 'code');
    const templates = plan.steps.flatMap((s) => s.commands.map((c) => c.template));
    expect(code.filter((n) => n.lang === 'sh').map((n) => n.value)).toEqual([...templates, expect.stringContaining('# preflight Preflight')]);
    const table = tree.children.find((n) => n.type === 'table');
    expect(table?.type === 'table' && table.children.length).toBe(plan.params.length + 1);
    const cells = table?.type === 'table' ? table.children.map((row) => row.children.length) : [];
    expect(new Set(cells)).toEqual(new Set([4]));
  });

  it('has no timestamps', () => {
    expect(renderPlanMarkdown(planOf(source))).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });
});

describe('renderPlanMarkdown on any command text', () => {
  const plan = planOf(readFileSync(join(dir, 'runbook.md'), 'utf8'));
  const text = fc.string({ unit: fc.constantFrom('`', '~', ' ', 'a', '<', '>', '|', '\n', '*', '#', '-', '\t', '&'), minLength: 1, maxLength: 40 });

  it('gives every command back, byte for byte, from its code block', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (commands) => {
        const copy = structuredClone(plan);
        const first = copy.steps.find((s) => s.commands.length > 0);
        if (!first) throw new Error('fixture has no command');
        first.commands = commands.map((c, i) => ({ ...(first.commands[0] as (typeof first.commands)[number]), template: c, display: `${c}#${i}` }));
        const tree = parseMarkdown(renderPlanMarkdown(copy));
        const code = tree.children.flatMap((n) => (n.type === 'code' && n.lang === 'sh' ? [n.value] : []));
        const expected = copy.steps.flatMap((s) => s.commands.map((c) => c.template.replace(/\n+$/, '')));
        expect(code.slice(0, expected.length)).toEqual(expected);
        for (const [i, c] of commands.entries()) expect(code.at(-1)).toContain(`${c}#${i}`);
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});
