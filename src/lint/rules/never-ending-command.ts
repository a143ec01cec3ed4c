// Commands that never end by themselves (`-f`, `-w`, `--watch`, `ping` without `-c`…, read from
// the shell parse, inside `sudo` and `ssh host '…'` too) hold the run until a timeout.
import { findNeverEnding } from '../../parse/styles/interactive-commands.js';
import { defineRule, type RuleFinding } from '../lint-rule.js';

/** Where line `line` (0-based) of a command's text starts. */
const lineStart = (text: string, line: number): number => text.split('\n').slice(0, line).join('\n').length + (line > 0 ? 1 : 0);

export const neverEndingCommand = defineRule({
  id: 'never-ending-command',
  severity: 'warning',
  description: 'A command that watches or follows output, in a step without a Timeout.',
  check: (runbook, context) => {
    const found: RuleFinding[] = [];
    for (const step of runbook.steps) {
      if (step.timeoutMs !== undefined) continue;
      for (const command of step.commands) {
        const endless = findNeverEnding(command.text);
        if (endless === undefined) continue;
        found.push({ message: `Command of ${step.id} runs \`${endless.program}\`, which ${endless.why}: it never ends by itself; ${endless.fix}, or give the step a Timeout`, position: context.positionIn(command, lineStart(command.text, endless.line)) });
      }
    }
    return found;
  },
});
