// The step graph as a Mermaid flowchart for the Markdown plan: steps as boxes, decision points
// as diamonds with one labelled edge per option, so a reviewer sees at a glance what forks and
// where it joins again. Pure and deterministic (node ids from plan order).
//
// A branch's first steps wait in the graph for the step before the decision; here that edge goes
// through the diamond instead. An option that runs nothing (a condition's `skip`) is an edge from
// the diamond to the steps that wait for the branch's end, in place of their direct edge from the
// step before the decision.
import type { Plan, PlanDecision } from './plan-schema.js';

/** GitHub draws large charts slowly and badly: past this many steps the chart is left out. */
export const FLOWCHART_MAX_STEPS = 150;

export function renderPlanFlowchart(plan: Pick<Plan, 'steps' | 'decisions'>): string[] {
  const node = new Map(plan.steps.map((step, index) => [step.id, `s${index}`]));
  const diamond = new Map(plan.decisions.map((decision, index) => [decision.id, `d${index}`]));
  const lines = ['flowchart TD'];
  for (const step of plan.steps) lines.push(`  ${node.get(step.id)}["${label(`${step.id} ${step.title}`)}"]${step.runs === 'manual' ? ':::manual' : ''}`);
  for (const decision of plan.decisions) lines.push(`  ${diamond.get(decision.id)}{"${label(decision.title)}"}`);

  const edges = new Set<string>();
  const add = (from: string, to: string, text?: string): void => {
    edges.add(text === undefined ? `  ${from} --> ${to}` : `  ${from} -->|"${label(text)}"| ${to}`);
  };
  const members = new Map(plan.decisions.map((d) => [d.id, new Set(d.options.flatMap((o) => o.steps))]));
  const inside = (decision: PlanDecision, id: string): boolean => members.get(decision.id)?.has(id) ?? false;
  // The steps each decision's branches wait for from outside it. Plan order is run order, so a
  // branch's first steps are met before the steps after its end.
  const before = new Map<string, Set<string>>();
  for (const step of plan.steps) {
    for (const dep of step.dependsOn) {
      if (!node.has(dep)) continue;
      // Into a branch: through the diamond of each decision it enters, outer first.
      const entered = plan.decisions.filter((d) => inside(d, step.id) && !inside(d, dep));
      for (const decision of entered) before.set(decision.id, (before.get(decision.id) ?? new Set<string>()).add(dep));
      // Past a branch that may run nothing: from the diamond, along its empty option.
      // The last such decision only: the earlier ones skip into it.
      const skipped = plan.decisions.filter(
        (d) => !inside(d, step.id) && (before.get(d.id)?.has(dep) ?? false) && d.options.some((o) => o.steps.length === 0) && step.dependsOn.some((other) => inside(d, other)),
      );
      const last = skipped.at(-1);
      const chain = [...entered.map((d) => diamond.get(d.id) as string), node.get(step.id) as string];
      if (last) add(diamond.get(last.id) as string, chain[0] as string, last.options.find((o) => o.steps.length === 0)?.id);
      else add(node.get(dep) as string, chain[0] as string);
      entered.forEach((decision, index) => add(diamond.get(decision.id) as string, chain[index + 1] as string, optionOf(decision, step.id)));
    }
  }
  lines.push(...edges);
  if (plan.steps.some((step) => step.runs === 'manual')) lines.push('  classDef manual stroke-dasharray: 4 3');
  return lines;
}

function optionOf(decision: PlanDecision, stepId: string): string | undefined {
  return decision.options.find((o) => o.steps.includes(stepId))?.id;
}

/** Text inside a quoted Mermaid label: quotes as entities, one line, short enough to read. */
function label(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const short = flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
  // Mermaid reads HTML in labels: `<deployment>` would vanish as a tag.
  return short.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/`/g, "'");
}
