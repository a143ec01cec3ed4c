// A down migration after the code rollback (SPEC §6): the migration's `down` lives in the code
// of the release being rolled back; once the old code is deployed, `npm run migrate:down` runs
// from code that no longer has that migration. The order of steps matters: revert the schema
// first, while the release that has the migration is still in place.
import type { Command, Step } from '../../model/runbook.js';
import { defineRule, type RuleContext, type RuleFinding } from '../lint-rule.js';
import { describeCodeRollback, describeDownMigration } from '../read-rollback-commands.js';
import { offsetOfWord } from '../read-shell-commands.js';
import { canRunInOneRun } from '../steps-run-together.js';

interface Found {
  step: Step;
  command: Command;
  /** Where it comes within its step: command index, then offset in the text. */
  place: [number, number];
  text: string;
  offset: number;
}

export const migrateDownAfterRollback = defineRule({
  id: 'migrate-down-after-rollback',
  severity: 'warning',
  description: 'A down migration that runs after the code rollback, from code that no longer has the migration.',
  readsShell: true,
  check: (runbook, context) => {
    const rollbacks: Found[] = [];
    const downs: Found[] = [];
    for (const { step, command, index, shell } of context.shellCommands) {
      const at = { step, command, place: [index, shell.at] as [number, number], offset: offsetOfWord(shell, shell.nameWord) };
      const rollback = describeCodeRollback(shell);
      if (rollback !== null) rollbacks.push({ ...at, text: rollback });
      const down = describeDownMigration(shell);
      if (down !== null) downs.push({ ...at, text: down });
    }
    const found: RuleFinding[] = [];
    for (const down of downs) {
      const before = rollbacks.find((rollback) => runsBefore(rollback, down, context) && canRunInOneRun(rollback.step, down.step, runbook.decisions));
      if (!before) continue;
      const where = before.step === down.step ? 'earlier in the same step' : `in step ${before.step.id}`;
      found.push({
        message: `Unexpected \`${down.text}\` after the code rollback (\`${before.text}\` ${where}): it runs from the old code, which no longer has the migration to revert; expected the down migration in a step before the code rollback, while the release that has the migration is still deployed`,
        position: context.positionIn(down.command, down.offset),
      });
    }
    return found;
  },
});

/** In run order: an earlier step, or earlier in the same step. */
function runsBefore(a: Found, b: Found, context: RuleContext): boolean {
  if (a.step !== b.step) return context.runIndex(a.step) < context.runIndex(b.step);
  return a.place[0] < b.place[0] || (a.place[0] === b.place[0] && a.place[1] < b.place[1]);
}
