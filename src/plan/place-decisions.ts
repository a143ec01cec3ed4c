// Where a plan's decision points sit among its steps, for the renderers: each decision is shown
// just before the first step (in run order) of any of its branches, so a reader meets the choice
// where the run meets it. Pure.
import type { Plan, PlanDecision } from './plan-schema.js';

/** Decisions by the id of the step they are shown before, outer decisions first. */
export function placeDecisions(plan: Pick<Plan, 'steps' | 'decisions'>): Map<string, PlanDecision[]> {
  const rank = new Map(plan.steps.map((step, index) => [step.id, index]));
  const placed = new Map<string, PlanDecision[]>();
  for (const decision of plan.decisions) {
    const first = decision.options
      .flatMap((option) => option.steps)
      .filter((id) => rank.has(id))
      .sort((a, b) => (rank.get(a) as number) - (rank.get(b) as number))[0];
    if (first === undefined) continue;
    placed.set(first, [...(placed.get(first) ?? []), decision]);
  }
  return placed;
}

/** Shows a name or a command as code: as written on a terminal, a code span in Markdown. */
export type ShowCode = (text: string) => string;

const plain: ShowCode = (text) => text;

/** How a decision gets settled at run time, in words a reviewer reads. */
export function describeSettling(decision: PlanDecision, code: ShowCode = plain): string {
  if (decision.check?.kind === 'matcher') return `checked at its turn: ${code(`${decision.check.step} ${decision.check.source}`)}`;
  if (decision.check?.kind === 'command') return `checked at its turn by the exit of ${code(decision.check.command)}`;
  const ids = decision.options.map((o) => o.id).join('|');
  const fallback = decision.default !== undefined ? `; a full run takes ${code(decision.default)}` : '';
  return `asked at its turn, or ${code(`--choose ${decision.id}=${ids}`)}${fallback}`;
}

/** What a condition says beyond its title, if anything. */
export function statedCondition(decision: PlanDecision): string | undefined {
  return decision.when !== undefined && decision.when !== decision.title ? decision.when : undefined;
}

/** `Option A: add consumers → recover.2, recover.3` */
export function describeOption(option: PlanDecision['options'][number], code: ShowCode = plain): string {
  return option.steps.length > 0 ? `${option.title} → ${option.steps.map(code).join(', ')}` : `${option.title} (runs nothing)`;
}
