// A stand-in for kubectl over the sandbox state file. It prints what the real kubectl prints
// for the commands a rollback runbook uses (describe, get, rollout status) and fails the way
// kubectl fails. Everything else is refused with a clear message.
import { humanDuration, rfc1123z, tabwrite } from './format.mjs';
import { UsageError, parseArgs, renderJsonPath, toYaml } from './cli.mjs';
import { deploymentObject, findDeployment, loadState, pods, replicaSets, stateFileFrom } from './state.mjs';

const GLOBAL_FLAGS = {
  namespace: { short: 'n', value: true },
  context: { value: true },
  kubeconfig: { value: true },
  cluster: { value: true },
  user: { value: true },
  'request-timeout': { value: true },
  v: { short: 'v', value: true },
  help: { short: 'h' },
};

const DEPLOYMENT_TYPES = new Set(['deployment', 'deployments', 'deploy', 'deployment.apps', 'deployments.apps', 'deployment.v1.apps', 'deployments.v1.apps']);
const POD_TYPES = new Set(['pod', 'pods', 'po']);

// Real kubectl subcommands the sandbox does not model: refused plainly rather than faked.
const KNOWN_UNMODELLED = new Set([
  'create', 'expose', 'run', 'set', 'explain', 'edit', 'delete', 'scale', 'autoscale', 'certificate',
  'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'logs', 'attach', 'exec',
  'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace',
  'wait', 'kustomize', 'label', 'annotate', 'completion', 'alpha', 'api-resources', 'api-versions',
  'plugin',
]);

const HELP = `kubectl (runbook sandbox) controls the sandbox cluster kept in $SANDBOX_STATE.

It models what a rollback drill needs:
  get deployment|pods [NAME] [-o json|yaml|name|wide|jsonpath=TEMPLATE]
  describe deployment [NAME]
  rollout status deployment/NAME
  version, config current-context

Usage:
  kubectl [flags] [options]

Options:
  -n, --namespace='': If present, the namespace scope for this CLI request
`;

export function main(argv, { defaultState, stdout = process.stdout, stderr = process.stderr } = {}) {
  const out = (s) => stdout.write(s);
  const err = (s) => stderr.write(s);
  try {
    return run(argv, { defaultState, out, err });
  } catch (e) {
    if (e instanceof UsageError || e instanceof KubeError) {
      err(e instanceof KubeError ? `${e.message}\n` : `error: ${e.message}\n`);
      return 1;
    }
    err(`error: ${e.message}\n`);
    return 1;
  }
}

class KubeError extends Error {}

function notFound(kind, name) {
  return new KubeError(`Error from server (NotFound): ${kind} "${name}" not found`);
}

function run(argv, { defaultState, out, err }) {
  const commandIndex = argv.findIndex((a, i) => !a.startsWith('-') && !isFlagValue(argv, i));
  const command = commandIndex === -1 ? undefined : argv[commandIndex];
  const rest = commandIndex === -1 ? argv : [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)];

  if (!command || command === 'help') {
    if (!command && rest.length && !rest.every((a) => a === '-h' || a === '--help')) {
      parseArgs(rest, GLOBAL_FLAGS); // reports unknown flags like kubectl does
    }
    out(HELP);
    return 0;
  }

  switch (command) {
    case 'version': {
      const { flags } = parseArgs(rest, { ...GLOBAL_FLAGS, client: {}, output: { short: 'o', value: true } });
      out('Client Version: v1.30.2\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\n');
      if (!flags.client) out('Server Version: v1.30.1\n');
      return 0;
    }
    case 'config': {
      const { args } = parseArgs(rest, GLOBAL_FLAGS);
      if (args[0] === 'current-context') {
        out('sandbox\n');
        return 0;
      }
      throw new UsageError(`the sandbox kubectl does not implement "${['config', ...args.slice(0, 1)].join(' ')}"; it answers "config current-context" only`);
    }
    case 'get':
      return get(rest, defaultState, out, err);
    case 'describe':
      return describe(rest, defaultState, out, err);
    case 'rollout':
      return rollout(rest, defaultState, out);
    default:
      if (KNOWN_UNMODELLED.has(command)) {
        throw new UsageError(`the sandbox kubectl does not implement "${command}"; it models get, describe and rollout status of deployments`);
      }
      throw new UsageError(`unknown command "${command}" for "kubectl"`);
  }
}

function isFlagValue(argv, i) {
  const prev = argv[i - 1];
  if (!prev) return false;
  return ['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '--request-timeout', '-v'].includes(prev);
}

/** TYPE NAME, TYPE/NAME or TYPE (all). */
function resourceArgs(args) {
  if (args.length === 0) throw new UsageError('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.');
  if (args[0].includes('/')) {
    return args.map((a) => {
      const [type, name] = a.split('/');
      if (!name) throw new UsageError(`arguments in resource/name form must have a single resource and name`);
      return { type: type.toLowerCase(), name };
    });
  }
  const type = args[0].toLowerCase();
  if (args.length === 1) return [{ type, name: undefined }];
  return args.slice(1).map((name) => ({ type, name }));
}

function checkType(type) {
  if (DEPLOYMENT_TYPES.has(type)) return 'deployment';
  if (POD_TYPES.has(type)) return 'pod';
  throw new KubeError(`error: the server doesn't have a resource type "${type}"`);
}

function get(argv, defaultState, out, err) {
  const { args, flags } = parseArgs(argv, {
    ...GLOBAL_FLAGS,
    output: { short: 'o', value: true },
    'all-namespaces': { short: 'A' },
    selector: { short: 'l', value: true },
    watch: { short: 'w' },
    'no-headers': {},
  });
  if (flags.watch) throw new UsageError('the sandbox kubectl does not watch; run the command again instead');
  const state = loadState(stateFileFrom(defaultState));
  const namespace = flags.namespace || 'default';
  const requests = resourceArgs(args);
  const kind = checkType(requests[0].type);
  if (requests.some((r) => checkType(r.type) !== kind)) throw new UsageError('the sandbox kubectl gets one resource type at a time');
  const output = flags.output;
  const format = output === undefined ? 'table' : output.startsWith('jsonpath=') ? 'jsonpath' : output;
  if (!['table', 'wide', 'json', 'yaml', 'name', 'jsonpath'].includes(format)) {
    throw new UsageError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,jsonpath,name,wide,yaml`);
  }

  const inScope = (d) => flags['all-namespaces'] || d.namespace === namespace;
  let items;
  const errors = [];
  if (kind === 'deployment') {
    const all = state.deployments.filter(inScope);
    items = requests[0].name === undefined ? all : [];
    for (const r of requests) {
      if (r.name === undefined) continue;
      const d = all.find((x) => x.name === r.name);
      if (d) items.push(d);
      else errors.push(notFound('deployments.apps', r.name).message);
    }
  } else {
    const all = state.deployments.filter(inScope).flatMap((d) => pods(state, d).map((p) => ({ ...p, namespace: d.namespace, deployment: d })));
    items = requests[0].name === undefined ? all : [];
    for (const r of requests) {
      if (r.name === undefined) continue;
      const p = all.find((x) => x.name === r.name);
      if (p) items.push(p);
      else errors.push(notFound('pods', r.name).message);
    }
  }
  const single = requests.length === 1 && requests[0].name !== undefined;

  if (items.length === 0 && errors.length === 0) {
    err(flags['all-namespaces'] ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
    return 0;
  }

  const objects = () => items.map((x) => (kind === 'deployment' ? deploymentObject(state, x) : podObject(state, x)));
  if (items.length) {
    if (format === 'json' || format === 'yaml' || format === 'jsonpath') {
      const objs = objects();
      const value = single ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
      if (format === 'json') out(JSON.stringify(value, null, 4) + '\n');
      else if (format === 'yaml') out(toYaml(value).replace(/^\n/, ''));
      else out(renderJsonPath(output.slice('jsonpath='.length).replace(/^'(.*)'$/, '$1'), value));
    } else if (format === 'name') {
      for (const x of items) out(`${kind === 'deployment' ? 'deployment.apps' : 'pod'}/${x.name}\n`);
    } else {
      out(kind === 'deployment' ? deploymentTable(state, items, format === 'wide', flags) : podTable(state, items, format === 'wide', flags));
    }
  }
  for (const e of errors) err(`${e}\n`);
  return errors.length ? 1 : 0;
}

function deploymentTable(state, items, wide, flags) {
  const now = Date.parse(state.clock);
  const header = ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'];
  if (wide) header.push('CONTAINERS', 'IMAGES', 'SELECTOR');
  if (flags['all-namespaces']) header.unshift('NAMESPACE');
  const rows = flags['no-headers'] ? [] : [header];
  for (const d of items) {
    const o = deploymentObject(state, d);
    const s = o.status;
    const row = [d.name, `${s.readyReplicas ?? 0}/${o.spec.replicas}`, String(s.updatedReplicas ?? 0), String(s.availableReplicas ?? 0), humanDuration(now - Date.parse(d.createdAt))];
    if (wide) row.push(d.container, d.image, Object.entries(d.selector).map(([k, v]) => `${k}=${v}`).join(','));
    if (flags['all-namespaces']) row.unshift(d.namespace);
    rows.push(row);
  }
  return kubectlTable(rows);
}

function podTable(state, items, wide, flags) {
  const now = Date.parse(state.clock);
  const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
  if (wide) header.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES');
  if (flags['all-namespaces']) header.unshift('NAMESPACE');
  const rows = flags['no-headers'] ? [] : [header];
  items.forEach((p, i) => {
    const restarts = p.restarts ? `${p.restarts} (${humanDuration(30_000)} ago)` : '0';
    const row = [p.name, p.ready ? '1/1' : '0/1', p.status, restarts, humanDuration(now - Date.parse(p.since))];
    if (wide) row.push(`10.42.0.${11 + i}`, 'sandbox-node-1', '<none>', '<none>');
    if (flags['all-namespaces']) row.unshift(p.namespace);
    rows.push(row);
  });
  return kubectlTable(rows);
}

/** kubectl's table printer: tabwriter with minwidth 6, padding 3. */
function kubectlTable(rows) {
  return tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', { padding: 3, minwidth: 6 });
}

function podObject(state, p) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, namespace: p.namespace, labels: { ...p.deployment.selector } },
    spec: { containers: [{ image: p.image, name: p.deployment.container }] },
    status: {
      containerStatuses: [{ image: p.image, name: p.deployment.container, ready: p.ready, restartCount: p.restarts }],
      phase: 'Running',
    },
  };
}

function describe(argv, defaultState, out, err) {
  const { args, flags } = parseArgs(argv, { ...GLOBAL_FLAGS, 'all-namespaces': { short: 'A' }, selector: { short: 'l', value: true }, 'show-events': { value: true } });
  const state = loadState(stateFileFrom(defaultState));
  const namespace = flags.namespace || 'default';
  const requests = resourceArgs(args);
  for (const r of requests) {
    if (checkType(r.type) !== 'deployment') throw new UsageError(`the sandbox kubectl does not implement "describe ${r.type}"; it describes deployments`);
  }
  const inScope = state.deployments.filter((d) => flags['all-namespaces'] || d.namespace === namespace);
  const texts = [];
  const errors = [];
  for (const r of requests) {
    if (r.name === undefined) {
      for (const d of inScope) texts.push(describeDeployment(state, d, flags['show-events'] !== 'false'));
      continue;
    }
    const d = inScope.find((x) => x.name === r.name);
    if (d) texts.push(describeDeployment(state, d, flags['show-events'] !== 'false'));
    else errors.push(notFound('deployments.apps', r.name).message);
  }
  if (texts.length) out(texts.join('\n\n'));
  if (texts.length === 0 && errors.length === 0) {
    err(`No resources found in ${namespace} namespace.\n`);
    return 0;
  }
  for (const e of errors) err(`${e}\n`);
  return errors.length ? 1 : 0;
}

function multiline(title, entries, sep) {
  if (entries.length === 0) return [`${title}:\t<none>`];
  return entries.map(([k, v], i) => (i === 0 ? `${title}:\t` : '\t') + `${k}${sep}${v}`);
}

function describeDeployment(state, d, showEvents) {
  const o = deploymentObject(state, d);
  const s = o.status;
  const c = o.spec.template.spec.containers[0];
  const sorted = (m) => Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const probe = (p) => `http-get http://:${p.httpGet.port}${p.httpGet.path} delay=0s timeout=${p.timeoutSeconds}s period=${p.periodSeconds}s #success=${p.successThreshold} #failure=${p.failureThreshold}`;
  const rss = replicaSets(state, d);
  const rsText = (list) => (list.length ? list.map((rs) => `${rs.name} (${rs.replicas}/${rs.replicas} replicas created)`).join(', ') : '<none>');
  const lines = [
    `Name:\t${d.name}`,
    `Namespace:\t${d.namespace}`,
    `CreationTimestamp:\t${rfc1123z(d.createdAt)}`,
    ...multiline('Labels', sorted(o.metadata.labels), '='),
    ...multiline('Annotations', sorted(o.metadata.annotations), ': '),
    `Selector:\t${sorted(d.selector).map(([k, v]) => `${k}=${v}`).join(',')}`,
    `Replicas:\t${o.spec.replicas} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`,
    `StrategyType:\tRollingUpdate`,
    `MinReadySeconds:\t0`,
    `RollingUpdateStrategy:\t25% max unavailable, 25% max surge`,
    `Pod Template:`,
    ...multiline('  Labels', sorted(o.spec.template.metadata.labels), '='),
    `  Containers:`,
    `   ${c.name}:`,
    `    Image:\t${c.image}`,
    `    Port:\t${c.ports[0].containerPort}/TCP`,
    `    Host Port:\t0/TCP`,
    `    Liveness:\t${probe(c.livenessProbe)}`,
    `    Readiness:\t${probe(c.readinessProbe)}`,
    `    Environment:\t<none>`,
    `    Mounts:\t<none>`,
    `  Volumes:\t<none>`,
    `  Node-Selectors:\t<none>`,
    `  Tolerations:\t<none>`,
    `Conditions:`,
    `  Type\tStatus\tReason`,
    `  ----\t------\t------`,
    ...s.conditions.map((x) => `  ${x.type} \t${x.status}\t${x.reason}`),
    `OldReplicaSets:\t${rsText(rss.slice(1))}`,
    `NewReplicaSet:\t${rsText(rss.slice(0, 1))}`,
  ];
  const now = Date.parse(state.clock);
  // The cluster keeps events for an hour, as a default kube-apiserver does.
  const events = (d.events ?? []).filter((e) => now - Date.parse(e.at) < 3_600_000);
  if (showEvents) {
    if (events.length === 0) lines.push('Events:\t<none>');
    else {
      lines.push('Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------');
      for (const e of events) lines.push(`  ${e.type}\t${e.reason}\t${humanDuration(now - Date.parse(e.at))}\t${e.from}\t${e.message}`);
    }
  }
  return tabwrite(lines.join('\n') + '\n', { padding: 2 });
}

function rollout(argv, defaultState, out) {
  const { args, flags } = parseArgs(argv, { ...GLOBAL_FLAGS, timeout: { value: true }, watch: { short: 'w', value: false }, revision: { value: true } });
  const sub = args[0];
  if (sub !== 'status') {
    if (['history', 'pause', 'restart', 'resume', 'undo'].includes(sub)) {
      throw new UsageError(`the sandbox kubectl does not implement "rollout ${sub}"; roll back through helm, which owns the deployment`);
    }
    if (sub === undefined) throw new UsageError('the sandbox kubectl needs a rollout subcommand: status');
    throw new UsageError(`unknown command "${sub}" for "kubectl rollout"`);
  }
  if (args.length < 2) throw new UsageError('required resource not specified');
  const requests = resourceArgs(args.slice(1));
  const state = loadState(stateFileFrom(defaultState));
  const namespace = flags.namespace || 'default';
  for (const r of requests) {
    if (checkType(r.type) !== 'deployment') throw new UsageError(`the sandbox kubectl reports rollout status of deployments only`);
    if (r.name === undefined) throw new UsageError('required resource not specified');
    const d = findDeployment(state, namespace, r.name);
    if (!d) throw notFound('deployments.apps', r.name);
    const o = deploymentObject(state, d);
    const progressing = o.status.conditions.find((x) => x.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
      throw new KubeError(`error: deployment "${d.name}" exceeded its progress deadline`);
    }
    out(`deployment "${d.name}" successfully rolled out\n`);
  }
  return 0;
}
