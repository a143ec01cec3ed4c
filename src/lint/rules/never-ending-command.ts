// Commands that watch or follow forever hang the run until a timeout, so they need one.
import { defineRule, type RuleFinding } from '../lint-rule.js';

const neverEnding = /(?:^|[\s;&|(])(?:watch\s|tail\s+(?:-\w*[fF]\b|--follow)|journalctl\b[^\n|;]*\s(?:-f|--follow)\b|kubectl\b[^\n|;]*\s(?:-w|--watch|--watch-only)\b|kubectl\s+(?:\S+\s+)*?logs\b[^\n|;]*\s(?:-f|--follow)\b|docker\s+logs\b[^\n|;]*\s(?:-f|--follow)\b)/;

export const neverEndingCommand = defineRule({
  id: 'never-ending-command',
  severity: 'warning',
  description: 'A command that watches or follows output, in a step without a Timeout.',
  check: (runbook, context) => {
    const found: RuleFinding[] = [];
    for (const step of runbook.steps) {
      if (step.timeoutMs !== undefined) continue;
      for (const command of step.commands) {
        const lines = command.text.split('\n');
        const line = lines.findIndex((l) => !/^\s*#/.test(l) && neverEnding.test(l));
        if (line < 0) continue;
        const offset = lines.slice(0, line).join('\n').length + (line > 0 ? 1 : 0);
        found.push({ message: `Command of ${step.id} watches or follows output and never ends by itself; give the step a Timeout or drop the watch/follow flag`, position: context.positionIn(command, offset) });
      }
    }
    return found;
  },
});
