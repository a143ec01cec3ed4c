// git: what rewrites or deletes history others rely on, or throws local work away.
import type { GateEntry, GateFamily, Invocation } from './gate-entry.js';
import { type Argv, readArgv, type Word } from './read-argv.js';

const GIT_GLOBAL_VALUES = ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--exec-path', '--super-prefix'];
const VERB_VALUES: Readonly<Record<string, readonly string[]>> = {
  push: ['-o', '--push-option', '--receive-pack', '--exec', '--repo'],
  branch: ['-u', '--set-upstream-to', '--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--format', '--sort'],
  clean: ['-e', '--exclude'],
  reset: ['--pathspec-from-file'],
};

/** `git [globals] VERB args…`: the verb, and its arguments read as that verb reads them. */
function readGit(command: Invocation): { verb: Word | undefined; argv: Argv } {
  const args = command.args;
  let i = 0;
  while (i < args.length) {
    const word = args[i] ?? null;
    if (word === null || !word.startsWith('-')) break;
    i += GIT_GLOBAL_VALUES.includes(word) ? 2 : 1;
  }
  const verb = args[i];
  return { verb, argv: readArgv(args.slice(i + 1), { values: VERB_VALUES[verb ?? ''] ?? [] }) };
}

const git = (id: string, reason: string, matches: string, verb: string, test: (argv: Argv, command: Invocation) => boolean, gated: string[], notGated: string[]): GateEntry => ({
  id,
  tools: ['git'],
  reason,
  matches,
  gated,
  notGated,
  match: (command) => {
    const read = readGit(command);
    return command.is(read.verb, verb) && test(read.argv, command);
  },
});

export const gitGates: GateFamily = {
  name: 'git',
  notes:
    'A plain `git push` is not gated: it adds to what others have. Deleting a local tag (`git tag -d v1`) is not gated either: it changes nothing shared until it is pushed, ' +
    'and pushing the deletion (`git push origin :refs/tags/v1`, `git push --delete origin v1`) is.',
  entries: [
    git('git-force-push', 'git push --force rewrites history on the remote', '`--force`, `-f`, `--force-with-lease`, `--force-if-includes`, `--mirror`, a `+ref` refspec', 'push',
      (argv) => argv.has('-f', '--force', '--force-with-lease', '--force-if-includes', '--mirror') || argv.operands.slice(1).some((word) => word !== null && word.startsWith('+')),
      ['git push --force origin main', 'git push -f', 'git push --force-with-lease origin release', 'git -C /srv/app push origin +main', 'git push -uf origin hotfix'],
      ['git push', 'git push origin main', 'git push --tags', 'git fetch --force']),
    git('git-delete-remote', 'git push --delete deletes a branch or tag on the remote', '`--delete`, `-d`, `--prune`, a `:ref` refspec', 'push',
      (argv) => argv.has('-d', '--delete', '--prune') || argv.operands.slice(1).some((word) => word !== null && word.startsWith(':')),
      ['git push origin --delete release-1.2', 'git push origin :old-branch', 'git push origin :refs/tags/v1.2.3', 'git push --prune origin'],
      ['git push origin v1.2.3', 'git tag -d v1.2.3', 'git branch -d merged-feature']),
    git('git-reset-hard', 'git reset --hard throws away uncommitted work and moves the branch', '`reset --hard`', 'reset',
      (argv) => argv.has('--hard'),
      ['git reset --hard origin/main', 'git reset --hard HEAD~1'],
      ['git reset HEAD file.txt', 'git reset --soft HEAD~1', 'git status']),
    git('git-clean', 'git clean -f deletes untracked files', '`clean` with `-f`/`--force` (not `-n`)', 'clean',
      (argv) => argv.has('-f', '--force') && !argv.has('-n', '--dry-run'),
      ['git clean -fdx', 'git clean -f -d', 'git clean --force'],
      ['git clean -n', 'git clean -nd']),
    git('git-branch-delete', 'git branch -D deletes a branch even when it is not merged', '`branch -D`, `branch --delete --force`', 'branch',
      (argv) => argv.has('-D') || (argv.has('-d', '--delete') && argv.has('-f', '--force')),
      ['git branch -D hotfix', 'git branch --delete --force old'],
      ['git branch -d merged-feature', 'git branch -a']),
    {
      id: 'git-rewrite',
      tools: ['git'],
      reason: 'git filter-branch, filter-repo or update-ref -d rewrites or deletes history',
      matches: '`filter-branch`, `filter-repo`, `update-ref -d`',
      gated: ['git filter-repo --path secrets.env --invert-paths', 'git filter-branch --tree-filter "rm -f key.pem" HEAD', 'git update-ref -d refs/heads/old'],
      notGated: ['git log --oneline', 'git update-ref refs/heads/new HEAD'],
      match: (command) => {
        const read = readGit(command);
        return command.is(read.verb, 'filter-branch', 'filter-repo') || (command.is(read.verb, 'update-ref') && read.argv.has('-d'));
      },
    },
  ],
};
