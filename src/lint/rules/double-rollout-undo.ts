// Two `kubectl rollout undo` of one workload in one run (SPEC §6): each undo without a revision
// goes back to the revision before the current one, and after the first undo that is the bad
// release, so the second one toggles back to it.
import type { Command, Step } from '../../model/runbook.js';
import { defineRule, type RuleFinding } from '../lint-rule.js';
import { optionText } from '../read-cli-args.js';
import { readKubectl } from '../read-rollback-commands.js';
import { offsetOfWord, type ShellCommand, wordText } from '../read-shell-commands.js';
import { canRunInOneRun } from '../steps-run-together.js';

interface Undo {
  step: Step;
  command: Command;
  shell: ShellCommand;
  /** Namespace, context and workload, as written: the same text names the same workload. */
  target: string;
  /** `--to-revision=N` (not 0): it goes to that revision, whatever ran before. */
  explicit: boolean;
}

const KINDS: Readonly<Record<string, string>> = { deploy: 'deployment', deployments: 'deployment', ds: 'daemonset', daemonsets: 'daemonset', sts: 'statefulset', statefulsets: 'statefulset' };

export const doubleRolloutUndo = defineRule({
  id: 'double-rollout-undo',
  severity: 'warning',
  description: 'Two `kubectl rollout undo` of the same workload in one run, which toggle back to the bad release.',
  readsShell: true,
  check: (runbook, context) => {
    const undos: Undo[] = context.shellCommands
      .flatMap(({ step, command, shell }) => {
        const undo = readUndo(shell);
        return undo ? [{ step, command, shell, ...undo }] : [];
      })
      // In run order; within a step, as written (the sort is stable).
      .sort((a, b) => context.runIndex(a.step) - context.runIndex(b.step));
    const found: RuleFinding[] = [];
    undos.forEach((undo, index) => {
      if (undo.explicit) return;
      const first = undos.slice(0, index).find((earlier) => earlier.target === undo.target && canRunInOneRun(earlier.step, undo.step, runbook.decisions) && !exclusiveInOneScript(earlier, undo));
      if (!first) return;
      const where = first.step === undo.step ? 'earlier in the same step' : `in step ${first.step.id}`;
      found.push({
        message: `Unexpected second \`kubectl rollout undo\` of ${undo.target} (the first is ${where}): the second undo goes back to the revision the first one left, the bad release; expected one undo per run, or \`kubectl rollout undo … --to-revision=<revision>\` with the revision read from \`kubectl rollout history\``,
        position: context.positionIn(undo.command, offsetOfWord(undo.shell, undo.shell.nameWord)),
      });
    });
    return found;
  },
});

function readUndo(shell: ShellCommand): Omit<Undo, 'step' | 'command' | 'shell'> | null {
  const kubectl = readKubectl(shell);
  if (kubectl?.verb !== 'rollout' || kubectl.operands[0]?.value !== 'undo') return null;
  const [kind = '', name] = kubectl.operands.slice(1).map(wordText);
  const [type = '', slashName] = kind.split('/');
  const workload = `${KINDS[type.toLowerCase()] ?? type.toLowerCase()}/${slashName ?? name ?? ''}`;
  const context = optionText(kubectl.args, '--context');
  const namespace = optionText(kubectl.args, '-n', '--namespace');
  const scope = [context === null ? null : `--context ${context}`, namespace === null ? null : `-n ${namespace}`].filter((part) => part !== null);
  // A number or a value read by the run (`<good-revision>`, `"$rev"`); 0 is the previous one again.
  const revision = optionText(kubectl.args, '--to-revision');
  return { target: [workload, ...scope].join(' '), explicit: revision !== null && !/^0+$/.test(revision) };
}

/** In one script, two undos inside `if` or `case` may be its two branches: not both run. */
function exclusiveInOneScript(a: Undo, b: Undo): boolean {
  const branched = (undo: Undo): boolean => undo.shell.within.includes('if') || undo.shell.within.includes('case');
  return a.command === b.command && branched(a) && branched(b);
}
