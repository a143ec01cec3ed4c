// The implicit "runs after" of each step, read from the document and its decision points: the
// step before it, or where a decision point forks, the step before the decision for the first
// step of each branch, and the ends of every branch for the step after the decision.
import type { Decision, Runbook } from '../model/runbook.js';

/** For each step (by index), the steps its implicit sequence edge comes from. */
export function sequencePredecessors({ steps, decisions }: Pick<Runbook, 'steps' | 'decisions'>): number[][] {
  const indexById = new Map(steps.map((step, i) => [step.id, i]));
  const result: number[][] = steps.map(() => []);
  // Each decision spans the steps of its options, which sit together in the document.
  const spans = decisions.map((decision) => ({ decision, ...span(decision, indexById) })).filter((s) => s.first <= s.last);
  const top = spans.filter((s) => s.decision.within === undefined);
  const inside = (parent: Decision, option: string) => spans.filter((s) => s.decision.within?.decision === parent.id && s.decision.within.option === option);

  /** Links steps `from`..`to` in order, each after the frontier; returns the frontier after them. */
  const link = (from: number, to: number, frontier: number[], nested: typeof spans): number[] => {
    let current = frontier;
    for (let i = from; i <= to; ) {
      const fork = nested.find((s) => s.first === i);
      if (!fork) {
        result[i] = current;
        current = [i];
        i += 1;
        continue;
      }
      const ends: number[] = [];
      let empty = false;
      for (const option of fork.decision.options) {
        const members = option.steps.map((id) => indexById.get(id)).filter((n): n is number => n !== undefined);
        if (members.length === 0) {
          empty = true;
          continue;
        }
        ends.push(...link(Math.min(...members), Math.max(...members), current, inside(fork.decision, option.id)));
      }
      current = [...new Set([...ends, ...(empty ? current : [])])].sort((a, b) => a - b);
      i = fork.last + 1;
    }
    return current;
  };
  link(0, steps.length - 1, [], top);
  return result;
}

function span(decision: Decision, indexById: Map<string, number>): { first: number; last: number } {
  const members = decision.options.flatMap((option) => option.steps).map((id) => indexById.get(id)).filter((n): n is number => n !== undefined);
  return { first: Math.min(...members), last: Math.max(...members) };
}
