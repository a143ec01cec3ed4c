// `git tag --list … | sort -V | tail -n 2 | head -n 1` (SPEC §6): GNU version sort puts
// `v1.2.0-rc.1` after `v1.2.0`, so "the previous tag" can be a pre-release or the very release
// being rolled back. Git's own version sort, told that `-` starts a pre-release, orders them
// right, and keeping stable tags only below the current one finds the previous release.
import { defineRule, type RuleFinding } from '../lint-rule.js';
import { hasOption, optionValue, optionValues, readCliArgs } from '../read-cli-args.js';
import { readGrep } from '../read-grep.js';
import { readGit } from '../read-rollback-commands.js';
import { downstreamOf, offsetOfWord, type ShellCommand, wordText } from '../read-shell-commands.js';

/** The safer command, also shown in docs/rules/sort-v-prerelease.md and tested against real git. */
export const PREVIOUS_STABLE_TAG =
  "git -c versionsort.suffix=- tag --list 'v*' --sort=-v:refname | awk -v current=<current-tag> 'below && /^v[0-9]+\\.[0-9]+\\.[0-9]+$/ && !found { print; found = 1 } $0 == current { below = 1 } END { exit !found }'";

export const sortVPrerelease = defineRule({
  id: 'sort-v-prerelease',
  severity: 'warning',
  description: 'Git tags ordered by `sort -V`, which puts a pre-release after its release.',
  readsShell: true,
  check: (_runbook, context) =>
    context.shellCommands.filter(({ shell }) => listsTags(shell)).flatMap(({ command, shell: tags }): RuleFinding[] => {
      for (const stage of downstreamOf(tags)) {
        if (keepsStableTagsOnly(stage)) return [];
        if (!sortsByVersion(stage)) continue;
        return [{
          message: `Unexpected \`sort -V\` of git tags: it orders v1.2.0-rc.1 after v1.2.0, so the tag it picks can be a pre-release or the release being rolled back; expected git's version sort with pre-releases first, stable tags only, the first below the current one: \`${PREVIOUS_STABLE_TAG}\``,
          position: context.positionIn(command, offsetOfWord(stage, stage.nameWord)),
        }];
      }
      return [];
    }),
});

/** `git tag [--list]`, `git for-each-ref refs/tags`, `git ls-remote --tags`. */
function listsTags(command: ShellCommand): boolean {
  const git = readGit(command);
  if (git?.verb === 'tag') return git.operands.length === 0 || hasOption(git.args, '-l', '--list', '-n', '--sort', '--merged', '--contains', '--points-at');
  if (git?.verb === 'for-each-ref') return git.operands.some((word) => wordText(word).startsWith('refs/tags'));
  if (git?.verb === 'ls-remote') return hasOption(git.args, '-t', '--tags');
  return false;
}

const SORT_VALUE_OPTIONS = new Set(['-k', '--key', '-t', '--field-separator', '-o', '--output', '-S', '--buffer-size', '-T', '--temporary-directory', '--sort', '--parallel', '--batch-size', '--files0-from', '--random-source', '--compress-program']);

function sortsByVersion(command: ShellCommand): boolean {
  if (command.name !== 'sort') return false;
  const args = readCliArgs(command.args, SORT_VALUE_OPTIONS);
  if (hasOption(args, '-V', '--version-sort')) return true;
  if (optionValue(args, '--sort') === 'version') return true;
  // A key with the version modifier: `-k1,1V`, `-k 2V`.
  return optionValues(args, '-k', '--key').some((key) => key !== null && /V[a-zA-Z]*$/.test(key));
}

/** A grep that lets stable tags only through: `grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$'`, `grep -v -- -rc`. */
function keepsStableTagsOnly(command: ShellCommand): boolean {
  const grep = readGrep(command);
  return (grep?.patterns ?? []).some((pattern) => {
    if (pattern === null || grep === null) return false;
    if (grep.invert) return /-|rc|alpha|beta|pre/i.test(pattern);
    return (grep.wholeLine || pattern.endsWith('$')) && !pattern.replace(/\[[^\]]*\]/g, '').includes('-');
  });
}
