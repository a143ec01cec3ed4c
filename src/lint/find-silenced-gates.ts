// `Confirm: no` runs a step without asking even when its command is gated: lint says which gate
// it silences, so that a reviewer sees the choice.
import { findCommandsGates, readGatePatterns } from '../gates/find-step-gates.js';
import type { Diagnostic, Runbook } from '../model/runbook.js';

export function findSilencedGates(runbook: Runbook): Diagnostic[] {
  const silenced = runbook.steps.filter((step) => step.confirm === false);
  if (silenced.length === 0) return [];
  const patterns = readGatePatterns(runbook);
  return silenced.flatMap((step): Diagnostic[] => {
    const [gate] = findCommandsGates(step.commands.map((command) => command.text), { patterns });
    if (!gate) return [];
    return [{ severity: 'warning', ruleId: 'confirm-no-silences-gate', message: `Step ${step.id} says \`Confirm: no\`, which silences the gate \`${gate.id}\` (${gate.reason}): it runs without asking`, position: step.position }];
  });
}
