// A step with nothing to run and nothing to confirm passes without anyone doing anything.
import type { Step } from '../../model/runbook.js';
import { defineRule } from '../lint-rule.js';
import { FILE_START } from '../position-in-command.js';

export const noCommand = defineRule({
  id: 'no-command',
  severity: 'warning',
  description: 'A step with no command, no attestation and no expected outcome.',
  check: (runbook) => {
    // A section's own prose (no step headings), and steps of a section that only informs
    // (Overview, Symptoms), are reading matter, not steps that forgot their command.
    const informing = new Set(runbook.sections.filter((section) => section.informational === true).map((section) => section.id));
    const reading = (step: Step): boolean => step.id === step.section || (step.section !== undefined && informing.has(step.section));
    return runbook.steps
      .filter((step) => step.commands.length === 0 && step.attestations.length === 0 && step.expectations.length === 0 && !reading(step))
      .map((step) => ({ message: `Step ${step.id} has no command and no attestation: nothing to run or confirm`, position: step.position ?? FILE_START }));
  },
});
