// Rules `interactive-command` and `never-ending-command`: a command that needs a person at a
// terminal (an editor, a pager, a full-screen program, `-it`, a session opener) hangs or fails in
// a run, and `exec` without a terminal refuses it; a command that never ends by itself (`-f`,
// `-w`, `ping` without `-c`) holds the run until a timeout. Each says what to write instead.
import type { Diagnostic, Runbook } from '../../model/runbook.js';
import { describeFinding, findNeverEnding, needsTerminal } from '../../parse/styles/interactive-commands.js';
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
      const endless = step.timeoutMs === undefined ? findNeverEnding(command.text) : undefined;
      if (endless) {
        found.push({
          severity: 'warning',
          ruleId: 'never-ending-command',
          message: `Command of ${step.id} runs \`${endless.program}\`, which ${endless.why}: it never ends by itself; ${endless.fix}, or give the step a Timeout`,
          position: offsetPosition(command.text, lineStart(command.text, endless.line), command.position),
        });
      }
    }
  }
  return found;
}
