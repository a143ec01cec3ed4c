// The registry: every lint rule once, in the order its findings are listed for the same place.
// `runbook lint --rule/--ignore` and frontmatter `lint.ignore` name rules by these ids; the
// parser's and the graph's own diagnostics (bad frontmatter, cycles…) are not rules and always
// reported.
import type { LintRule } from '../lint-rule.js';
import { describeGrepImage } from './describe-grep-image.js';
import { doubleRolloutUndo } from './double-rollout-undo.js';
import { envNameCollision } from './env-name-collision.js';
import { helmRollbackRevision } from './helm-rollback-revision.js';
import { migrateDownAfterRollback } from './migrate-down-after-rollback.js';
import { neverEndingCommand } from './never-ending-command.js';
import { noCommand } from './no-command.js';
import { noSteps } from './no-steps.js';
import { replaceBeforeRun } from './replace-before-run.js';
import { sortVPrerelease } from './sort-v-prerelease.js';
import { templateLeftover } from './template-leftover.js';
import { unverifiableOutcome } from './unverifiable-outcome.js';

export const lintRules: readonly LintRule[] = [
  noSteps,
  noCommand,
  templateLeftover,
  replaceBeforeRun,
  neverEndingCommand,
  unverifiableOutcome,
  envNameCollision,
  sortVPrerelease,
  helmRollbackRevision,
  migrateDownAfterRollback,
  describeGrepImage,
  doubleRolloutUndo,
];

export const lintRuleIds: readonly string[] = lintRules.map((rule) => rule.id);

export function findLintRule(id: string): LintRule | undefined {
  return lintRules.find((rule) => rule.id === id);
}
