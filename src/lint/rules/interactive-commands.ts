// `interactive-command`: a command that needs a person at a terminal (an editor, a pager, a
// full-screen program, `-it`, a session opener) hangs or fails in a run, and `exec` without a
// terminal refuses it; the finding says what to write instead. (`never-ending-command`, read
// by the same parse, is a rule of the registry.)
import type { Diagnostic, Runbook } from '../../model/runbook.js';
import { describeFinding, needsTerminal } from '../../parse/styles/interactive-commands.js';
import { offsetPosition } from '../offset-position.js';

/** Where line `line` (0-based) of a command's text starts. */
const lineStart = (text: string, line: number): number => text.split('\n').slice(0, line).join('\n').length + (line > 0 ? 1 : 0);

export function lintInteractiveCommands(runbook: Runbook): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const step of runbook.steps) {
    for (const command of step.commands) {
      const terminal = needsTerminal(command);
      if (terminal) {
        found.push({
          severity: 'warning',
          ruleId: 'interactive-command',
          message: `Command of ${step.id} ${describeFinding(terminal)}: it needs a person at a terminal, and a run without one refuses it; ${terminal.fix}`,
          position: offsetPosition(command.text, lineStart(command.text, terminal.line), command.position),
        });
      }
    }
  }
  return found;
}
