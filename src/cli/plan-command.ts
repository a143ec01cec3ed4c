// `runbook plan FILE`: what would run, resolved, in text, Markdown or JSON. Runs nothing.
import { buildPlan } from '../plan/build-plan.js';
import { renderPlanText } from '../plan/render-plan-text.js';
import { loadRunbook } from './load-runbook.js';
import { readValues, type ValueFlags } from './read-values.js';

export interface PlanOptions extends ValueFlags {
  format: 'text' | 'markdown' | 'json';
}

export async function runPlan(file: string, options: PlanOptions) {
  const loaded = await loadRunbook(file);
  const resolved = readValues(loaded.runbook, options);
  const plan = buildPlan({ file, runbook: loaded.runbook, graph: loaded.graph, resolved, diagnostics: loaded.diagnostics });
  let output: string;
  if (options.format === 'json') output = `${JSON.stringify(plan, null, 2)}\n`;
  else if (options.format === 'markdown') {
    const { renderPlanMarkdown } = await import('../plan/render-plan-markdown.js');
    output = renderPlanMarkdown(plan);
  } else output = renderPlanText(plan);
  process.stdout.write(output);
  if (process.env.GITHUB_STEP_SUMMARY && options.format !== 'markdown') {
    const { appendStepSummary } = await import('./step-summary.js');
    const { renderPlanMarkdown } = await import('../plan/render-plan-markdown.js');
    appendStepSummary(renderPlanMarkdown(plan));
  }
  return plan;
}
