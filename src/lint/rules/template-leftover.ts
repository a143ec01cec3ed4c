// `{{ x }}`, `${{ x }}` and `{% x %}` in a command are another tool's templates, which this one
// would pass to the shell as written.
import { defineRule, type RuleFinding } from '../lint-rule.js';

const leftover = /\$\{\{[^}]*\}\}|\{\{[^}]*\}\}|\{%[^%]*%\}/g;

/** Go template syntax (`{{.metadata.name}}`, `{{range .items}}`, `{{end}}`): what kubectl, docker and helm take as `-o go-template=`, `--format`. */
const goTemplate = /^\{\{-?\s*(?:\.|\$|(?:range|if|else|end|with|define|template|block|json|index|printf|print|len|not|and|or|eq|ne)\b)/;

/** A Go template quoted for the command it is given to: the command reads it, so it is no leftover. */
function isGoTemplateArgument(text: string, index: number, found: string): boolean {
  return goTemplate.test(found) && quoteAt(text, index) !== undefined;
}

/** The shell quote open at `index` of `text`, if any. */
function quoteAt(text: string, index: number): string | undefined {
  let open: string | undefined;
  for (let i = 0; i < index; i++) {
    const c = text[i];
    if (open === undefined && c === '\\') i += 1;
    else if (open === undefined && (c === "'" || c === '"')) open = c;
    else if (open === '"' && c === '\\') i += 1;
    else if (c === open) open = undefined;
  }
  return open;
}

export const templateLeftover = defineRule({
  id: 'template-leftover',
  severity: 'warning',
  description: 'A template expression of another tool (`{{ x }}`, `${{ x }}`, `{% x %}`) left in a command.',
  check: (runbook, context) => {
    const found: RuleFinding[] = [];
    for (const step of runbook.steps) {
      for (const command of step.commands) {
        for (const match of command.text.matchAll(leftover)) {
          if (isGoTemplateArgument(command.text, match.index, match[0])) continue;
          found.push({ message: `Unexpected template leftover \`${match[0]}\` in a command, expected a placeholder such as <name>`, position: context.positionIn(command, match.index) });
        }
      }
    }
    return found;
  },
});
