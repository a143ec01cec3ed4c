// `{{ x }}`, `${{ x }}` and `{% x %}` in a command are another tool's templates, which this one
// would pass to the shell as written.
import { defineRule, type RuleFinding } from '../lint-rule.js';

const leftover = /\$\{\{[^}]*\}\}|\{\{[^}]*\}\}|\{%[^%]*%\}/g;

export const templateLeftover = defineRule({
  id: 'template-leftover',
  severity: 'warning',
  description: 'A template expression of another tool (`{{ x }}`, `${{ x }}`, `{% x %}`) left in a command.',
  check: (runbook, context) => {
    const found: RuleFinding[] = [];
    for (const step of runbook.steps) {
      for (const command of step.commands) {
        for (const match of command.text.matchAll(leftover)) {
          found.push({ message: `Unexpected template leftover \`${match[0]}\` in a command, expected a placeholder such as <name>`, position: context.positionIn(command, match.index) });
        }
      }
    }
    return found;
  },
});
