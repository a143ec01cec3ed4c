// A step with nothing to run and nothing to confirm passes without anyone doing anything.
import { defineRule } from '../lint-rule.js';
import { FILE_START } from '../position-in-command.js';

export const noCommand = defineRule({
  id: 'no-command',
  severity: 'warning',
  description: 'A step with no command, no attestation and no expected outcome.',
  check: (runbook) =>
    runbook.steps
      // A section's own prose (no step headings) is reading matter, not a step that forgot its command.
      .filter((step) => step.commands.length === 0 && step.attestations.length === 0 && step.expectations.length === 0 && step.id !== step.section)
      .map((step) => ({ message: `Step ${step.id} has no command and no attestation: nothing to run or confirm`, position: step.position ?? FILE_START })),
});
