// `helm rollback <release> <revision>` (SPEC §6): with no revision, or 0, Helm goes back to the
// revision before the current one, even when that one failed; a number remembered from an
// earlier drill may be another release now (every upgrade and rollback adds a revision) or gone
// (revisions beyond --history-max are pruned). The revision should be read from the release's
// history by the run itself: a capture of `helm history <release> -o json`.
import type { Step } from '../../model/runbook.js';
import type { ShellWord } from '../../shell/shell-schema.js';
import { defineRule, type RuleContext, type RuleFinding } from '../lint-rule.js';
import { isStructuredHelmHistory, readHelm } from '../read-rollback-commands.js';
import { offsetOfWord, type ShellCommand, type ShellReading, wordText } from '../read-shell-commands.js';

export const helmRollbackRevision = defineRule({
  id: 'helm-rollback-revision',
  severity: 'warning',
  description: '`helm rollback` without a revision, with 0, or with a revision not read from `helm history`.',
  readsShell: true,
  check: (runbook, context) => {
    const makers = new Map(runbook.steps.flatMap((step) => step.captures.map((name) => [name, step] as const)));
    return context.shellCommands.flatMap(({ command, shell: rollback }): RuleFinding[] => {
      const helm = readHelm(rollback);
      const reading = context.shell(command);
      if (!reading || helm?.verb !== 'rollback') return [];
      const [release, revision] = helm.operands;
      const name = release ? wordText(release) : '<release>';
      const problem = revisionProblem(revision, name, { reading, rollback, makers, context });
      if (problem === null) return [];
      return [{
        message: `${problem}; expected the revision read from \`helm history ${name} -o json\` by an earlier step's Capture (revisions beyond --history-max, 10 by default, are pruned and no longer exist)`,
        position: context.positionIn(command, offsetOfWord(rollback, revision ?? rollback.nameWord)),
      }];
    });
  },
});

interface Where {
  reading: ShellReading;
  rollback: ShellCommand;
  makers: ReadonlyMap<string, Step>;
  context: RuleContext;
}

const CHANGES = 'revision numbers change with every upgrade and rollback';

function revisionProblem(revision: ShellWord | undefined, release: string, where: Where): string | null {
  if (revision === undefined) return `Unexpected \`helm rollback ${release}\` without a revision: Helm goes back to the revision before the current one, even a failed one`;
  const value = revision.value;
  if (value !== null && /^0+$/.test(value)) return 'Unexpected revision 0 in `helm rollback`: it means the revision before the current one, even a failed one';
  if (value !== null && /^\d+$/.test(value)) return `Unexpected revision ${value} written from memory in \`helm rollback\`: ${CHANGES}`;
  const placeholder = /^"?<([^<>]+)>"?$/.exec(revision.text)?.[1];
  if (placeholder !== undefined) {
    const maker = where.makers.get(placeholder);
    if (maker === undefined) return `Unexpected <${placeholder}> given by hand to \`helm rollback\`: ${CHANGES}`;
    if (maker.commands.some((command) => where.context.shell(command)?.commands.some(isStructuredHelmHistory))) return null;
    return `Unexpected <${placeholder}> from ${maker.id}, which does not run \`helm history … -o json\``;
  }
  if (readFromHistoryHere(revision, where)) return null;
  return `Unexpected revision \`${revision.text}\` in \`helm rollback\` that is not read from \`helm history\` here`;
}

/** `"$(helm history web -o json | jq …)"`, or `rev=$(helm history …)` earlier in the same script and `"$rev"`. */
function readFromHistoryHere(revision: ShellWord, { reading, rollback }: Where): boolean {
  const history = reading.commands.filter((command) => command.scope === rollback.scope && isStructuredHelmHistory(command));
  const inside = (start: number, end: number): boolean => history.some((command) => start <= command.start && command.end <= end);
  if (inside(revision.start, revision.end)) return true;
  const variable = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(revision.text)?.[1];
  if (variable === undefined) return false;
  const assigned = reading.assignments.filter((assignment) => assignment.scope === rollback.scope && assignment.name === variable && assignment.end <= rollback.start).at(-1);
  return assigned !== undefined && inside(assigned.start, assigned.end);
}
