// --only and --from: which steps of the order run. Unknown ids are preflight problems.
import type { Step } from '../model/runbook.js';

export interface Selection {
  selected: Set<string>;
  problems: string[];
}

/** `--only A.2` also selects the sub-steps A.2.1 and A.2.2. */
export function selectSteps(steps: Step[], order: string[], only: string[] | undefined, from: string | undefined): Selection {
  const problems: string[] = [];
  const expand = (id: string): string[] => {
    const matches = steps.filter((s) => s.id === id || s.parent?.id === id || s.section === id || namesCell(s, id)).map((s) => s.id);
    if (matches.length === 0) problems.push(`unknown step id \`${id}\` (see \`runbook list\`)`);
    return matches;
  };
  // The branches of decision points are selected like any step: which of them runs is decided
  // when the run reaches them (src/exec/decisions.ts).
  let selected = new Set(order);
  if (only && only.length > 0) {
    const named = only.flatMap((raw) => raw.split(',')).map((s) => s.trim()).filter(Boolean);
    selected = new Set(named.flatMap((id) => expand(id)));
  }
  if (from !== undefined) {
    const first = expand(from)[0];
    if (first !== undefined) {
      const index = order.indexOf(first);
      selected = new Set([...selected].filter((id) => order.indexOf(id) >= index));
    }
  }
  return { selected, problems };
}

/** A Runme cell's `name` selects the step that is that cell. */
function namesCell(step: Step, name: string): boolean {
  return step.commands.some((command) => command.name === name);
}
