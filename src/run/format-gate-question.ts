// A gated step's question, the same wherever it is put: in the task list at the step's turn, on a
// plain terminal, or in the list of gates a run without a terminal stops on. It shows the command
// exactly as it will run (values filled in, secrets masked) and why it asks.

export interface GateQuestion {
  stepId: string;
  title: string;
  /** Why the step asks first (`Confirm: yes`, `helm rollback changes a release`). */
  reason: string;
  /** The step's commands as they will run, secrets masked. */
  commands: string[];
}

/** `A.2 Restart the cache asks first (Confirm: yes):` and each command on a `$ ` line. */
export function formatGateQuestion(gate: GateQuestion, indent = '  '): string {
  const commands = gate.commands.map((c) => `${indent}$ ${c.split('\n').join(`\n${indent}  `)}`);
  return [`${gate.stepId} ${gate.title} asks first (${gate.reason}):`, ...commands].join('\n');
}
