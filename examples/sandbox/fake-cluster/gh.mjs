// A stand-in for the GitHub CLI over the sandbox state file: `gh run list`, the workflow runs of
// the shop's repository, as JSON the way gh prints it, with gh's errors. Only what
// runbooks/rollback.md uses is modelled (run list --workflow --status --json); everything else
// is refused with a message that says so, never answered with made-up output.
import { UsageError, parseArgs } from './cli.mjs';
import { loadState, stateFileFrom } from './state.mjs';

/** The fields `gh run list --json` knows (cli/cli pkg/cmd/run/shared RunFields). */
const RUN_FIELDS = [
  'attempt', 'conclusion', 'createdAt', 'databaseId', 'displayTitle', 'event', 'headBranch', 'headSha',
  'name', 'number', 'startedAt', 'status', 'updatedAt', 'url', 'workflowDatabaseId', 'workflowName',
];

/** What `--status` accepts: a run's status or its conclusion. */
const STATUSES = [
  'queued', 'completed', 'in_progress', 'requested', 'waiting', 'pending', 'action_required', 'cancelled',
  'failure', 'neutral', 'skipped', 'stale', 'startup_failure', 'success', 'timed_out',
];

const DEFAULT_LIMIT = 20;

const MODELLED = 'it models `gh run list --workflow WORKFLOW --status STATUS --json FIELDS`';

// Real gh commands, subcommands and flags the sandbox leaves out: refused plainly.
const KNOWN_UNMODELLED = new Set([
  'alias', 'api', 'attestation', 'auth', 'browse', 'cache', 'codespace', 'completion', 'config', 'extension',
  'gist', 'gpg-key', 'issue', 'label', 'org', 'pr', 'project', 'release', 'repo', 'ruleset', 'search',
  'secret', 'ssh-key', 'status', 'variable', 'workflow',
]);
const RUN_UNMODELLED = new Set(['cancel', 'delete', 'download', 'rerun', 'view', 'watch']);
const LIST_UNMODELLED = ['all', 'branch', 'commit', 'created', 'event', 'jq', 'limit', 'repo', 'template', 'user'];
const LIST_UNMODELLED_SHORT = { a: 'all', b: 'branch', c: 'commit', e: 'event', q: 'jq', L: 'limit', R: 'repo', t: 'template', u: 'user' };

const HELP = `Work seamlessly with GitHub from the command line (runbook sandbox).

This gh answers from the sandbox state file ($SANDBOX_STATE), never from GitHub. ${MODELLED.replace(/^it/, 'It')}.

USAGE
  gh run list [flags]

FLAGS
  -w, --workflow string   Filter runs by workflow (name, file name or ID)
  -s, --status string     Filter runs by status or conclusion
      --json fields       Output JSON with the specified fields
`;

class GhError extends Error {}

export function main(argv, { defaultState, stdout = process.stdout, stderr = process.stderr } = {}) {
  try {
    stdout.write(run(argv, defaultState));
    return 0;
  } catch (e) {
    stderr.write(`${e.message}\n`);
    return 1;
  }
}

function run(argv, defaultState) {
  const [command, sub, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return HELP;
  if (command !== 'run') {
    if (KNOWN_UNMODELLED.has(command)) throw new GhError(`the sandbox gh does not implement "gh ${command}"; ${MODELLED}`);
    throw new GhError(`unknown command "${command}" for "gh"\n\nUsage:  gh <command> <subcommand> [flags]`);
  }
  if (sub === undefined || sub === '--help' || sub === '-h') return HELP;
  if (sub !== 'list' && sub !== 'ls') {
    if (RUN_UNMODELLED.has(sub)) throw new GhError(`the sandbox gh does not implement "gh run ${sub}"; ${MODELLED}`);
    throw new GhError(`unknown command "${sub}" for "gh run"\n\nUsage:  gh run <command> [flags]`);
  }
  return list(rest, defaultState);
}

function list(argv, defaultState) {
  refuseUnmodelledFlags(argv);
  let flags;
  try {
    ({ flags } = parseListArgs(argv));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message === 'flag needs an argument: --json') {
      throw new GhError(`Specify one or more comma-separated fields for \`--json\`:\n  ${RUN_FIELDS.join('\n  ')}`);
    }
    throw new GhError(`${e.message}\n\nUsage:  gh run list [flags]`);
  }
  if (flags.help) return HELP;
  if (flags.status !== undefined && !STATUSES.includes(flags.status)) {
    throw new GhError(`invalid argument "${flags.status}" for "-s, --status" flag: valid values are {${STATUSES.join('|')}}`);
  }
  const fields = flags.json;
  if (fields === undefined) {
    throw new GhError(`the sandbox gh prints runs as JSON only: add --json with some of these fields:\n  ${RUN_FIELDS.join('\n  ')}`);
  }
  for (const field of fields) {
    if (!RUN_FIELDS.includes(field)) throw new GhError(`Unknown JSON field: ${JSON.stringify(field)}\nAvailable fields:\n  ${RUN_FIELDS.join('\n  ')}`);
  }

  const github = loadState(stateFileFrom(defaultState)).github;
  if (!github) throw new GhError('the sandbox state has no GitHub repository; create a sandbox with this version of create-sandbox.mjs');
  let runs = github.runs;
  if (flags.workflow !== undefined) {
    const workflow = findWorkflow(github.workflows, flags.workflow);
    runs = runs.filter((r) => r.workflowDatabaseId === workflow.id);
  }
  if (flags.status !== undefined) runs = runs.filter((r) => r.status === flags.status || r.conclusion === flags.status);
  const newestFirst = [...runs].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.databaseId - a.databaseId);
  // gh's exporter: Go maps marshal with their keys sorted, compact, one line.
  const rows = newestFirst.slice(0, DEFAULT_LIMIT).map((r) => Object.fromEntries([...new Set(fields)].sort().map((f) => [f, r[f]])));
  return `${JSON.stringify(rows)}\n`;
}

function parseListArgs(argv) {
  return parseArgs(argv, {
    workflow: { short: 'w', value: true },
    status: { short: 's', value: true },
    json: { value: true, list: true },
    help: { short: 'h' },
  });
}

/** A flag real gh has but the sandbox does not model is refused by name, not as unknown. */
function refuseUnmodelledFlags(argv) {
  for (const a of argv) {
    if (a === '--') return;
    const long = /^--([^=]+)/.exec(a)?.[1];
    const short = /^-([A-Za-z])/.exec(a)?.[1];
    const name = long ?? (short !== undefined && !a.startsWith('--') ? LIST_UNMODELLED_SHORT[short] : undefined);
    if (name !== undefined && LIST_UNMODELLED.includes(name)) {
      throw new GhError(`the sandbox gh does not implement --${name} for "gh run list"; ${MODELLED}`);
    }
  }
}

/** gh's workflow selector: an ID, a file name (release.yml) or a name (Release), active workflows only. */
function findWorkflow(workflows, selector) {
  const found = /^\d+$/.test(selector)
    ? workflows.find((w) => String(w.id) === selector)
    : /\.ya?ml$/.test(selector)
      ? workflows.find((w) => w.path.split('/').at(-1) === selector)
      : workflows.find((w) => w.name.toLowerCase() === selector.toLowerCase());
  if (!found || found.state !== 'active') throw new GhError(`could not find any workflows named ${selector}`);
  return found;
}
