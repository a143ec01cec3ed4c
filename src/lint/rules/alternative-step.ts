// "Option A" / "Option B": such a step runs only when someone picks it, which a reader who
// expects it to run in turn should be told.
import { defineRule } from '../lint-rule.js';
import { FILE_START } from '../position-in-command.js';

export const alternativeStep = defineRule({
  id: 'alternative-step',
  severity: 'warning',
  description: 'A step offered as one of several alternatives, which runs only when picked with --only.',
  check: (runbook) =>
    runbook.steps
      .filter((step) => step.alternative)
      .map((step) => ({ message: `Step ${step.id} is one of several alternatives ("${step.title}"): it runs only when picked with --only ${step.id}`, position: step.position ?? FILE_START })),
});
