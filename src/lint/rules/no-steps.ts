// A file with no steps is most often a runbook written in a style the parser does not read.
import { defineRule } from '../lint-rule.js';

export const noSteps = defineRule({
  id: 'no-steps',
  severity: 'warning',
  description: 'A runbook in which no step was found.',
  check: (runbook) =>
    runbook.steps.length > 0 ? [] : [{ message: 'No steps found: expected `###` step headings, labelled bullets or shell code blocks', position: { line: 1, column: 1 } }],
});
