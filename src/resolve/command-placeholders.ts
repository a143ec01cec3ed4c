// The values a command needs: the placeholders the parser found when it read the runbook (the one
// finder, src/shell/locate-placeholders.ts, and the parse that keeps or drops each candidate).
import type { Command, Placeholder } from '../model/runbook.js';

export function commandPlaceholders(command: Command): Placeholder[] {
  return command.placeholders;
}
