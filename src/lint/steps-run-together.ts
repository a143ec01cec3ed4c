// Can two steps both run in one run? Rules about pairs of commands (a second `rollout undo`,
// a down migration after the code rollback) only concern steps that can.
import type { Decision, Step } from '../model/runbook.js';

/** Two steps are exclusive when they sit in different options of one decision point (at any depth). */
export function canRunInOneRun(a: Step, b: Step, decisions: readonly Decision[]): boolean {
  if (a === b) return true;
  const taken = branchesOf(a, decisions);
  return [...branchesOf(b, decisions)].every(([decision, option]) => (taken.get(decision) ?? option) === option);
}

/** Each decision a step's branch sits in, with the option it needs there. */
function branchesOf(step: Step, decisions: readonly Decision[]): Map<string, string> {
  const byId = new Map(decisions.map((decision) => [decision.id, decision]));
  const found = new Map<string, string>();
  for (let at = step.branch; at !== undefined && !found.has(at.decision); at = byId.get(at.decision)?.within) found.set(at.decision, at.option);
  return found;
}
