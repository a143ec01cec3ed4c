// `kubectl describe deployment … | grep Image` (SPEC §6): describe prints an `Image:` line per
// container, so with a sidecar (a proxy, a log shipper) "the current version" is two lines, and
// whichever the next step reads may be the sidecar's. A jsonpath on the named container is one.
import { defineRule, type RuleFinding } from '../lint-rule.js';
import { optionText } from '../read-cli-args.js';
import { readGrep } from '../read-grep.js';
import { readKubectl, type Subcommand } from '../read-rollback-commands.js';
import { downstreamOf, offsetOfWord, type ShellCommand, wordText } from '../read-shell-commands.js';

export const describeGrepImage = defineRule({
  id: 'describe-grep-image',
  severity: 'warning',
  description: '`kubectl describe … | grep Image`, which prints one line per container.',
  readsShell: true,
  check: (_runbook, context) =>
    context.shellCommands.flatMap(({ command, shell: describe }): RuleFinding[] => {
      const kubectl = readKubectl(describe);
      const grep = kubectl?.verb === 'describe' ? downstreamOf(describe).find(grepsForImage) : undefined;
      if (!kubectl || !grep) return [];
      return [{
        message: `Unexpected \`${describe.name} describe … | ${grep.name} ${grep.args.map(wordText).join(' ')}\`: it prints one line per container, so with a sidecar the deployed version is ambiguous; expected the image of the named container: \`${suggestion(describe, kubectl)}\``,
        position: context.positionIn(command, offsetOfWord(describe, describe.nameWord)),
      }];
    }),
});

/** `kubectl get <kind> <name> -o jsonpath=…` on the container named <container-name>. */
function suggestion(describe: ShellCommand, kubectl: Subcommand): string {
  const [kind = 'deployment', ...names] = kubectl.operands.map(wordText);
  const [type, slashName] = kind.split('/') as [string, string | undefined];
  const name = slashName === undefined ? (names[0] ?? '<name>') : '';
  const target = slashName === undefined ? `${kind} ${name}` : kind;
  const namespace = optionText(kubectl.args, '-n', '--namespace');
  return `${describe.name} get ${target}${namespace === null ? '' : ` -n ${namespace}`} -o jsonpath='{${containersOf(type)}[?(@.name=="<container-name>")].image}'`;
}

/** Where a kind keeps its containers: a pod its own, a cron job in its job's template, the rest in a pod template. */
function containersOf(kind: string): string {
  if (/^(?:po|pods?)$/i.test(kind)) return '.spec.containers';
  if (/^(?:cj|cronjobs?)$/i.test(kind)) return '.spec.jobTemplate.spec.template.spec.containers';
  return '.spec.template.spec.containers';
}

/** A grep, awk or sed that picks the `Image:` lines. */
function grepsForImage(command: ShellCommand): boolean {
  const grep = readGrep(command);
  if (grep) return !grep.invert && grep.patterns.some((pattern) => pattern !== null && /image/i.test(pattern));
  if (command.name !== 'awk' && command.name !== 'sed') return false;
  return command.args.some((word) => word.value !== null && /image/i.test(word.value));
}
