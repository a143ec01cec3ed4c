// Rules `runme-cwd` and `runme-interpreter`: a Runme cell's `cwd` becomes its step's working
// folder and its `interpreter` must be the run's shell; where that cannot hold, the cell is
// refused with the reason, rather than run somewhere or by something its author did not say.
import type { Diagnostic, Runbook } from '../../model/runbook.js';

const programOf = (shell: string): string => {
  const first = shell.trim().split(/\s+/)[0] ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
};

export function lintRunmeCells(runbook: Runbook): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const step of runbook.steps) {
    const placed = step.commands.filter((command) => command.cwd !== undefined);
    for (const command of step.commands) {
      if (command.cwd !== undefined && command.cwd !== step.cwd) {
        found.push({ severity: 'error', ruleId: 'runme-cwd', message: `Runme attribute \`cwd=${command.cwd}\` cannot be honoured: step ${step.id} runs its commands in ${step.cwd === undefined ? 'the run\'s folder' : `\`${step.cwd}\``}; put the cell under a heading of its own, or give the step that Cwd`, position: command.position });
      } else if (command.cwd === undefined && placed.length > 0) {
        found.push({ severity: 'error', ruleId: 'runme-cwd', message: `This command of step ${step.id} would run in \`${step.cwd ?? ''}\`, the \`cwd\` of another cell of the step: put the cells under headings of their own, or give this one the same \`cwd\``, position: command.position });
      }
      if (command.interpreter !== undefined && programOf(command.interpreter) !== programOf(runbook.shell)) {
        found.push({ severity: 'error', ruleId: 'runme-interpreter', message: `Runme attribute \`interpreter=${command.interpreter}\` cannot be honoured: every command of the run goes through one \`${runbook.shell}\` session; set \`shell: ${command.interpreter}\` in the frontmatter, or drop the attribute`, position: command.position });
      }
    }
  }
  return found;
}
