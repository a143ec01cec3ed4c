// An expected outcome in prose only cannot be checked by the engine: a person must attest it.
import { defineRule } from '../lint-rule.js';
import { FILE_START } from '../position-in-command.js';

export const unverifiableOutcome = defineRule({
  id: 'unverifiable-outcome',
  severity: 'warning',
  description: 'An expected outcome of a step with commands that has no matcher, so nothing can verify it.',
  check: (runbook) =>
    runbook.steps
      .filter((step) => step.commands.length > 0)
      .flatMap((step) =>
        step.expectations
          .filter((expectation) => expectation.matchers.length === 0 && !expectation.expectedOutput)
          .map((expectation) => ({
            message: expectation.sample
              ? `The sample of output in ${step.id} is shown beside the real output, never compared, so an operator must attest it; add a matcher (such as \`stdout contains "…"\`) to check it`
              : `Expected outcome of ${step.id} has no matcher (such as \`stdout contains "…"\`): nothing can verify it, so an operator must attest it`,
            position: expectation.position ?? FILE_START,
          })),
      ),
});
