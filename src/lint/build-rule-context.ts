// What the rules share about one runbook: its graph and run order, each command as the shell
// reads it (read once, whichever rules ask), and positions in the file.
import { buildGraph, type GraphResult } from '../graph/build-graph.js';
import type { Command, Runbook, Step } from '../model/runbook.js';
import type { RuleContext, ShellCommandOf } from './lint-rule.js';
import { positionInCommand } from './position-in-command.js';
import { readShellCommands, type ShellReading } from './read-shell-commands.js';

export function buildRuleContext(runbook: Runbook): RuleContext {
  let graph: GraphResult | undefined;
  let order: Map<string, number> | undefined;
  const readings = new Map<Command, ShellReading | null>();
  let shellCommands: ShellCommandOf[] | undefined;
  const context: RuleContext = {
    get graph() {
      graph ??= buildGraph(runbook);
      return graph;
    },
    runIndex(step: Step) {
      order ??= new Map(context.graph.order.map((id, index) => [id, index]));
      return order.get(step.id) ?? order.size;
    },
    shell(command: Command) {
      if (!readings.has(command)) readings.set(command, typeof command.text === 'string' ? readShellCommands(command.text) : null);
      return readings.get(command) ?? null;
    },
    get shellCommands() {
      shellCommands ??= runbook.steps.flatMap((step) =>
        step.commands.flatMap((command, index) => (context.shell(command)?.commands ?? []).map((shell) => ({ step, command, index, shell }))),
      );
      return shellCommands;
    },
    positionIn: positionInCommand,
  };
  return context;
}
