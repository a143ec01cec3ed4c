// Why a step asks before it runs, decided on its commands as they will run: rendered with their
// values and parsed (findGate), so `rm <flags> x` with `--set flags=-rf` asks. A command that
// cannot be rendered yet (a missing value, a capture) keeps the gate read from its text.
import type { Command, Step } from '../model/runbook.js';
import { findGate } from '../parse/find-gate.js';
import type { RenderedCommand } from '../resolve/render-command.js';

export function stepGate(step: Step, rendered: (command: Command) => RenderedCommand | undefined): string | undefined {
  if (step.confirm === true) return 'Confirm: yes';
  if (step.confirm === false) return undefined;
  for (const command of step.commands) {
    const done = rendered(command);
    const gate = done?.ok ? findGate(done.text, done.env) : undefined;
    if (gate) return gate;
  }
  return step.gate;
}
