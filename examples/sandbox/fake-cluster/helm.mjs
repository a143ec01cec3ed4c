// A stand-in for helm 3 over the sandbox state file: rollback, history, list, status and
// version, with helm's output layout and its error messages. A rollback changes the image of
// the deployment the release owns, so kubectl sees the change.
import { ansic, helmListTime, rfc3339, uitable } from './format.mjs';
import { UsageError, parseArgs, toYaml } from './cli.mjs';
import { findDeployment, findRelease, imageHealth, loadState, record, saveState, setDeploymentImage, stateFileFrom, tick } from './state.mjs';

const GLOBAL_FLAGS = {
  namespace: { short: 'n', value: true },
  'kube-context': { value: true },
  kubeconfig: { value: true },
  debug: {},
  help: { short: 'h' },
};

const KNOWN_UNMODELLED = new Set([
  'completion', 'create', 'dependency', 'env', 'get', 'install', 'lint', 'package', 'plugin', 'pull',
  'push', 'registry', 'repo', 'search', 'show', 'template', 'test', 'uninstall', 'upgrade', 'verify',
]);

const HELP = `The Kubernetes package manager (runbook sandbox)

This helm keeps its releases in the sandbox state file ($SANDBOX_STATE).

Usage:
  helm [command]

Available Commands:
  history     fetch release history
  list        list releases
  rollback    roll back a release to a previous revision
  status      display the status of the named release
  version     print the client version information

Flags:
  -n, --namespace string   namespace scope for this request
`;

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

class HelmError extends Error {}

export function main(argv, { defaultState, stdout = process.stdout, stderr = process.stderr } = {}) {
  const out = (s) => stdout.write(s);
  try {
    return run(argv, { defaultState, out });
  } catch (e) {
    stderr.write(`Error: ${e.message}\n`);
    return 1;
  }
}

function run(argv, { defaultState, out }) {
  const valueFlags = new Set(['-n', '--namespace', '--kube-context', '--kubeconfig']);
  const commandIndex = argv.findIndex((a, i) => !a.startsWith('-') && !valueFlags.has(argv[i - 1]));
  const command = commandIndex === -1 ? undefined : argv[commandIndex];
  const rest = commandIndex === -1 ? argv : [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)];
  const ctx = { defaultState, out };

  switch (command) {
    case undefined:
    case 'help':
      parseArgs(rest, GLOBAL_FLAGS);
      out(HELP);
      return 0;
    case 'version': {
      const { flags } = parseArgs(rest, { ...GLOBAL_FLAGS, short: {}, template: { value: true } });
      out(flags.short ? 'v3.15.2+g1a500d5\n' : 'version.BuildInfo{Version:"v3.15.2", GitCommit:"1a500d5625419a524fdae4b33de351cc4f58ec35", GitTreeState:"clean", GoVersion:"go1.22.4"}\n');
      return 0;
    }
    case 'rollback':
      return rollback(rest, ctx);
    case 'history':
    case 'hist':
      return history(rest, ctx);
    case 'list':
    case 'ls':
      return list(rest, ctx);
    case 'status':
      return status(rest, ctx);
    default:
      if (KNOWN_UNMODELLED.has(command)) {
        throw new HelmError(`the sandbox helm does not implement "${command}"; it models rollback, history, list and status`);
      }
      throw new HelmError(`unknown command "${command}" for "helm"\nRun 'helm --help' for usage.`);
  }
}

function parse(argv, extra) {
  try {
    return parseArgs(argv, { ...GLOBAL_FLAGS, ...extra });
  } catch (e) {
    if (e instanceof UsageError) throw new HelmError(e.message);
    throw e;
  }
}

function atoi(s, what) {
  if (!/^[+-]?\d+$/.test(s)) throw new HelmError(`${what}strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

function getRelease(state, namespace, name) {
  const r = findRelease(state, namespace, name);
  if (!r || r.revisions.length === 0) throw new HelmError('release: not found');
  return r;
}

function last(release) {
  return release.revisions.reduce((a, b) => (b.revision > a.revision ? b : a));
}

/** helm's storage.removeLeastRecent: drop the oldest revisions, never the deployed one. */
function prune(release, keep) {
  if (keep < 0 || release.revisions.length <= keep) return [];
  const sorted = [...release.revisions].sort((a, b) => a.revision - b.revision);
  const deployed = sorted.filter((r) => r.status === 'deployed').at(-1);
  const removed = [];
  for (const r of sorted) {
    if (sorted.length - removed.length === keep) break;
    if (!deployed || r.revision !== deployed.revision) removed.push(r.revision);
  }
  release.revisions = release.revisions.filter((r) => !removed.includes(r.revision));
  return removed;
}

function rollback(argv, { defaultState, out }) {
  const { args, flags } = parse(argv, {
    wait: {},
    'wait-for-jobs': {},
    timeout: { value: true },
    'history-max': { value: true },
    'dry-run': {},
    force: {},
    'recreate-pods': {},
    'no-hooks': {},
    'cleanup-on-fail': {},
  });
  if (args.length < 1) {
    throw new HelmError('"helm rollback" requires at least 1 argument\n\nUsage:  helm rollback <RELEASE> [REVISION] [flags]');
  }
  const [name, revisionArg] = args;
  const version = revisionArg === undefined ? 0 : atoi(revisionArg, 'could not convert revision to a number: ');
  const historyMax = flags['history-max'] === undefined ? 10 : atoi(flags['history-max'], `invalid argument "${flags['history-max']}" for "--history-max" flag: `);
  if (!RELEASE_NAME.test(name) || name.length > 53) throw new HelmError(`prepareRollback: Release name is invalid: ${name}`);
  if (version < 0) throw new HelmError('invalid release revision');

  const stateFile = stateFileFrom(defaultState);
  const state = loadState(stateFile);
  const namespace = flags.namespace || 'default';
  const release = getRelease(state, namespace, name);
  const current = last(release);
  const target = version === 0 ? current.revision - 1 : version;
  const previous = release.revisions.find((r) => r.revision === target);
  if (!previous) throw new HelmError(`release has no ${target} version`);

  if (flags['dry-run']) {
    out('Rollback was a success! Happy Helming!\n');
    return 0;
  }

  const at = tick(state);
  const pruned = historyMax > 0 ? prune(release, historyMax - 1) : [];
  const next = {
    revision: current.revision + 1,
    updated: at,
    status: 'deployed',
    chart: previous.chart,
    chartVersion: previous.chartVersion,
    appVersion: previous.appVersion,
    image: previous.image,
    description: `Rollback to ${target}`,
  };
  const deployment = findDeployment(state, release.namespace, release.deployment);
  if (deployment) {
    const labels = { 'app.kubernetes.io/version': previous.appVersion, 'helm.sh/chart': `${previous.chart}-${previous.chartVersion}` };
    setDeploymentImage(state, deployment, previous.image, labels, at);
  }
  const healthy = imageHealth(state, previous.image).healthy;
  const failed = flags.wait && !healthy;
  if (failed) {
    next.status = 'failed';
    next.description = `Release "${name}" failed: context deadline exceeded`;
  } else {
    for (const r of release.revisions) if (r.status === 'deployed') r.status = 'superseded';
  }
  release.revisions.push(next);
  record(state, at, 'helm', ['rollback', ...argv], {
    release: `${release.namespace}/${name}`,
    from: current.revision,
    to: target,
    revision: next.revision,
    image: previous.image,
    status: next.status,
    ...(pruned.length ? { pruned } : {}),
  });
  saveState(stateFile, state);
  if (failed) throw new HelmError(`release ${name} failed: context deadline exceeded`);
  out('Rollback was a success! Happy Helming!\n');
  return 0;
}

function historyRows(release, max) {
  return [...release.revisions]
    .sort((a, b) => a.revision - b.revision)
    .slice(-max)
    .map((r) => ({
      revision: r.revision,
      updated: r.updated,
      status: r.status,
      chart: `${r.chart}-${r.chartVersion}`,
      app_version: r.appVersion,
      description: r.description,
    }));
}

function writeOutput(out, format, rows, table) {
  switch (format ?? 'table') {
    case 'table':
      out(table() + '\n');
      return;
    case 'json':
      out(JSON.stringify(rows) + '\n');
      return;
    case 'yaml':
      out(rows.length ? toYaml(rows).replace(/^\n/, '') : '[]\n');
      return;
    default:
      throw new HelmError(`invalid argument "${format}" for "-o, --output" flag: invalid format type`);
  }
}

function history(argv, { defaultState, out }) {
  const { args, flags } = parse(argv, { max: { value: true }, output: { short: 'o', value: true } });
  if (args.length !== 1) throw new HelmError(`"helm history" requires 1 argument\n\nUsage:  helm history RELEASE_NAME [flags]`);
  const max = flags.max === undefined ? 256 : atoi(flags.max, `invalid argument "${flags.max}" for "--max" flag: `);
  const state = loadState(stateFileFrom(defaultState));
  const release = getRelease(state, flags.namespace || 'default', args[0]);
  const rows = historyRows(release, max);
  writeOutput(
    out,
    flags.output,
    rows.map((r) => ({ ...r, updated: rfc3339(r.updated) })),
    () =>
      uitable([
        ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'],
        ...rows.map((r) => [r.revision, ansic(r.updated), r.status, r.chart, r.app_version, r.description]),
      ]),
  );
  return 0;
}

function list(argv, { defaultState, out }) {
  const { flags } = parse(argv, { all: { short: 'a' }, 'all-namespaces': { short: 'A' }, output: { short: 'o', value: true }, short: { short: 'q' } });
  const state = loadState(stateFileFrom(defaultState));
  const namespace = flags.namespace || 'default';
  const rows = state.releases
    .filter((r) => flags['all-namespaces'] || r.namespace === namespace)
    .filter((r) => r.revisions.length)
    .map((r) => ({ release: r, rev: last(r) }))
    .filter(({ rev }) => flags.all || rev.status === 'deployed' || rev.status === 'failed')
    .sort((a, b) => (a.release.name < b.release.name ? -1 : 1))
    .map(({ release, rev }) => ({
      name: release.name,
      namespace: release.namespace,
      revision: String(rev.revision),
      updated: rev.updated,
      status: rev.status,
      chart: `${rev.chart}-${rev.chartVersion}`,
      app_version: rev.appVersion,
    }));
  if (flags.short) {
    for (const r of rows) out(`${r.name}\n`);
    return 0;
  }
  writeOutput(
    out,
    flags.output,
    rows.map((r) => ({ ...r, updated: helmListTime(r.updated) })),
    () =>
      uitable([
        ['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION'],
        ...rows.map((r) => [r.name, r.namespace, r.revision, helmListTime(r.updated), r.status, r.chart, r.app_version]),
      ]),
  );
  return 0;
}

function status(argv, { defaultState, out }) {
  const { args, flags } = parse(argv, { revision: { value: true }, output: { short: 'o', value: true }, 'show-desc': {} });
  if (args.length !== 1) throw new HelmError(`"helm status" requires 1 argument\n\nUsage:  helm status RELEASE_NAME [flags]`);
  const state = loadState(stateFileFrom(defaultState));
  const release = getRelease(state, flags.namespace || 'default', args[0]);
  let rev = last(release);
  if (flags.revision !== undefined) {
    const n = atoi(flags.revision, `invalid argument "${flags.revision}" for "--revision" flag: `);
    rev = release.revisions.find((r) => r.revision === n);
    if (!rev) throw new HelmError('release: not found');
  }
  if (flags.output && flags.output !== 'table') throw new HelmError('the sandbox helm prints status as a table only');
  out(
    [
      `NAME: ${release.name}`,
      `LAST DEPLOYED: ${ansic(rev.updated)}`,
      `NAMESPACE: ${release.namespace}`,
      `STATUS: ${rev.status}`,
      `REVISION: ${rev.revision}`,
      ...(flags['show-desc'] ? [`DESCRIPTION: ${rev.description}`] : []),
      'TEST SUITE: None',
    ].join('\n') + '\n',
  );
  return 0;
}
