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
  // Alternatives ("Option B") run only when named exactly: never two ways of doing one thing.
  // So does a step whose every command Runme marks excludeFromRunAll.
  const alternatives = new Set(steps.filter((s) => s.alternative === true || (s.commands.length > 0 && s.commands.every((c) => c.excludeFromRunAll))).map((s) => s.id));
  let selected = new Set(order.filter((id) => !alternatives.has(id)));
  if (only && only.length > 0) {
    const named = only.flatMap((raw) => raw.split(',')).map((s) => s.trim()).filter(Boolean);
    selected = new Set(named.flatMap((id) => expand(id).filter((match) => match === id || !alternatives.has(match) || steps.some((s) => s.id === match && namesCell(s, id)))));
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
