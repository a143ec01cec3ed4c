// What the rollback rules know of the programs a rollback runs: where kubectl, helm and git
// keep their subcommand, which of their options take a value, and which commands roll code
// back or revert a database migration.
import type { ShellWord } from '../shell/shell-schema.js';
import { type CliArgs, optionValue, readCliArgs } from './read-cli-args.js';
import { type ShellCommand, wordText } from './read-shell-commands.js';

export interface Subcommand {
  /** `rollout undo`'s `rollout`, `rollback`: the first operand. */
  verb: string | null;
  /** The operands after it. */
  operands: ShellWord[];
  args: CliArgs;
}

const KUBECTL_VALUE_OPTIONS = new Set([
  '-n', '--namespace', '--context', '--kubeconfig', '-s', '--server', '--cluster', '--user', '--as', '--as-group', '--token',
  '--request-timeout', '-v', '--v', '-l', '--selector', '-f', '--filename', '-o', '--output', '-c', '--container', '--to-revision',
  '--field-selector', '--template', '-k', '--kustomize', '--sort-by', '--cache-dir', '--certificate-authority', '--client-certificate',
  '--client-key', '--tls-server-name', '--chunk-size', '--timeout',
]);

const HELM_VALUE_OPTIONS = new Set([
  '-n', '--namespace', '--kube-context', '--kubeconfig', '--kube-apiserver', '--kube-as-user', '--kube-as-group', '--kube-ca-file',
  '--kube-token', '--kube-tls-server-name', '--burst-limit', '--qps', '--registry-config', '--repository-cache', '--repository-config',
  '--content-cache', '--timeout', '--history-max', '--max', '-o', '--output',
]);

const GIT_VALUE_OPTIONS = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--exec-path']);

function subcommandOf(command: ShellCommand, names: readonly string[], withValue: ReadonlySet<string>): Subcommand | null {
  if (command.name === null || !names.includes(command.name)) return null;
  const args = readCliArgs(command.args, withValue);
  const [verb, ...operands] = args.operands;
  return { verb: verb?.value ?? null, operands, args };
}

export const readKubectl = (command: ShellCommand): Subcommand | null => subcommandOf(command, ['kubectl', 'oc'], KUBECTL_VALUE_OPTIONS);
export const readHelm = (command: ShellCommand): Subcommand | null => subcommandOf(command, ['helm'], HELM_VALUE_OPTIONS);

/** git's subcommand: only options before it are git's own. */
export function readGit(command: ShellCommand): Subcommand | null {
  if (command.name !== 'git') return null;
  const at = command.args.findIndex((word, i) => !isGitGlobalOption(command.args, i) && !word.value?.startsWith('-'));
  if (at === -1) return null;
  const args = readCliArgs(command.args.slice(at + 1), new Set());
  return { verb: command.args[at]?.value ?? null, operands: args.operands, args };
}

function isGitGlobalOption(words: readonly ShellWord[], index: number): boolean {
  const previous = words[index - 1]?.value;
  return previous !== undefined && previous !== null && GIT_VALUE_OPTIONS.has(previous);
}

/** `kubectl rollout undo`, `helm rollback`, …: a command that puts older code in place. */
export function describeCodeRollback(command: ShellCommand): string | null {
  const kubectl = readKubectl(command);
  if (kubectl?.verb === 'rollout' && kubectl.operands[0]?.value === 'undo') return `${command.name} rollout undo`;
  if (kubectl?.verb === 'set' && kubectl.operands[0]?.value === 'image') return `${command.name} set image`;
  if (readHelm(command)?.verb === 'rollback') return 'helm rollback';
  if (command.name === 'argocd') {
    const operands = readCliArgs(command.args, new Set(['--server', '--auth-token', '--grpc-web-root-path', '--config', '--context', '-N', '--app-namespace', '--timeout'])).operands;
    if (operands[0]?.value === 'app' && operands[1]?.value === 'rollback') return 'argocd app rollback';
  }
  return null;
}

// A script or make target named like a down migration: `migrate:down`, `db:rollback`, `migration:revert`.
const DOWN_SCRIPT = /migrat\w*[:_-]?(?:down|rollback|undo|revert)|^db[:_-](?:rollback|down|migrate[:_-](?:down|undo))/i;
const RUNNERS = new Set(['npm', 'yarn', 'pnpm', 'bun']);
const RUNNER_VERBS = new Set(['run', 'run-script', 'exec', 'x', 'dlx']);

/** A command that reverts database migrations, as written (`npm run migrate:down`); null if it is not one. */
export function describeDownMigration(command: ShellCommand): string | null {
  return downMigrationOf(command.name, command.args) ? [command.name, ...command.args.map(wordText)].join(' ') : null;
}

function downMigrationOf(name: string | null, words: readonly ShellWord[]): boolean {
  if (name === null) return false;
  const operands = readCliArgs(words, new Set(['-p', '--package', '--prefix', '-C', '--dir', '--filter', '-w', '--workspace', '-f', '--file', '-x', '--env', '-e'])).operands;
  const values = operands.map((word) => word.value ?? '');
  const [first = '', second = '', third] = values;
  const rest = (from: number): ShellWord[] => words.slice(words.indexOf(operands[from] as ShellWord) + 1);
  const tool = name.replace(/\.(?:js|py|rb)$/, '');
  if (RUNNERS.has(tool) || tool === 'npx' || tool === 'pnpx' || tool === 'bunx') {
    // `npm run migrate:down`, `yarn migrate:down`, `npx knex migrate:rollback`.
    if (RUNNER_VERBS.has(first)) return DOWN_SCRIPT.test(second) || downMigrationOf(second, rest(1));
    return DOWN_SCRIPT.test(first) || downMigrationOf(first, rest(0));
  }
  if (tool === 'bundle' && first === 'exec') return downMigrationOf(second, rest(1));
  if (tool === 'make') return values.some((value) => DOWN_SCRIPT.test(value));
  if (tool === 'python' || tool === 'python3') return /(?:^|\/)manage\.py$/.test(first) && downMigrationOf('manage.py', rest(0));
  switch (tool) {
    case 'knex':
      return first === 'migrate:rollback' || first === 'migrate:down';
    case 'sequelize':
    case 'sequelize-cli':
      return first.startsWith('db:migrate:undo');
    case 'typeorm':
      return first === 'migration:revert';
    case 'rails':
    case 'rake':
      return first === 'db:rollback' || first === 'db:migrate:down';
    case 'alembic':
      return first === 'downgrade';
    case 'manage':
    case 'django-admin':
      // `manage.py migrate app 0002` (or `zero`): back to an earlier migration of the app.
      return first === 'migrate' && second !== '' && third !== undefined;
    case 'flyway':
      return first === 'undo';
    case 'liquibase':
      return /^rollback/i.test(first);
    case 'migrate':
    case 'goose':
    case 'dbmate':
      return values.some((value) => value === 'down' || value === 'down-to' || value === 'rollback' || value === 'reset');
    case 'diesel':
    case 'sqlx':
      return /^migrations?$/.test(first) && (second === 'revert' || second === 'redo');
    default:
      return false;
  }
}

/** `helm history <release> -o json` (or yaml): the release's revisions, in a form a script can read. */
export function isStructuredHelmHistory(command: ShellCommand): boolean {
  const helm = readHelm(command);
  if (helm?.verb !== 'history' && helm?.verb !== 'hist') return false;
  const format = optionValue(helm.args, '-o', '--output');
  return format === 'json' || format === 'yaml';
}
