// Why a step asks before it runs, decided by the gate catalogue (src/gates) on its commands as
// they will run: rendered with their values, so `rm <flags> x` with `--set flags=-rf` asks. A
// command that cannot be rendered yet (a missing value, a capture) is read as written.
import { describeGate } from '../gates/find-gate.js';
import { findStepGates } from '../gates/find-step-gates.js';
import type { GatePattern } from '../gates/gate-patterns.js';
import type { Command, Step } from '../model/runbook.js';
import type { RenderedCommand } from '../resolve/render-command.js';

export function stepGate(step: Step, rendered: (command: Command) => RenderedCommand | undefined, options: { patterns: readonly GatePattern[]; declared: readonly string[] }): string | undefined {
  if (step.confirm !== undefined) {
    const [gate] = findStepGates(step);
    return gate && describeGate(gate);
  }
  // Each command reads its own values (RUNBOOK_VALUE_n): one at a time.
  for (const command of step.commands) {
    const done = rendered(command);
    const [gate] = findStepGates({ commands: [command] }, done?.ok ? { ...options, texts: [done.text], env: done.env } : options);
    if (gate) return describeGate(gate);
  }
  return undefined;
}
