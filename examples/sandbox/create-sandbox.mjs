#!/usr/bin/env node
// Builds a rollback-drill sandbox: a small web-shop repository with real git release history,
// stand-in `kubectl`, `helm` and `gh` over a JSON "cluster" (its GitHub workflow runs included),
// a Makefile smoke test and a real SQLite database with reversible migrations.
// runbooks/rollback.md runs in it as written, with no cluster and no GitHub.
//
//   import { createSandbox } from './create-sandbox.mjs';
//   const sb = await createSandbox({ dir: await mkdtemp(join(tmpdir(), 'drill-')), scenario: 'passing' });
//   spawn('make', ['smoke'], { cwd: sb.dir, env: { ...process.env, ...sb.env } });
//
// From a shell:  eval "$(node examples/sandbox/create-sandbox.mjs [--scenario failing] DIR)"
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { migrateUp, readSchema } from './migrate.mjs';
import { inTransaction, withDatabase } from './with-database.mjs';

export { readSchema };

const HERE = dirname(fileURLToPath(import.meta.url));
const MIGRATE = join(HERE, 'migrate.mjs');
const TOOLS = join(HERE, 'fake-cluster');
const SEED_RUNBOOK = join(HERE, '..', '..', 'runbooks', 'rollback.md');

export const IMAGE_REPOSITORY = 'registry.example.com/shop/web';
/** The release the smoke test expects to be serving after a good rollback. */
export const KNOWN_GOOD_TAG = 'v1.1.0';
/** The last-known-good tag as seed section D defines it: the newest successful release workflow's. */
export const LAST_KNOWN_GOOD_TAG = 'ga-1.1.0';

/** The release candidate that crash-looped at start-up (its release workflow failed): in both drills. */
const CRASHING_RC = {
  [`${IMAGE_REPOSITORY}:v1.2.0-rc.1`]: {
    healthy: false,
    reason: 'CrashLoopBackOff',
    note: 'broken build: 1.2.0-rc.1 exits at start-up; it was fixed in 1.2.0',
  },
};

/**
 * The two drills. In both, helm release `web` has revisions 1..4 (v1.0.0, v1.1.0, v1.2.0-rc.1,
 * v1.2.0) and revision 4, v1.2.0, is deployed and is the bad release being rolled back. The
 * runbook finds the target itself: v1.1.0, helm revision 2, and the last known good tag ga-1.1.0.
 */
export const SCENARIOS = {
  passing: {
    description: 'roll back to v1.1.0 (helm revision 2, the last known good); smoke passes afterwards',
    params: { 'deployment-name': 'web', 'container-name': 'web', 'release-name': 'web' },
    brokenImages: { ...CRASHING_RC },
  },
  failing: {
    description:
      'roll back to v1.1.0, whose image is gone from the registry: helm says success, the rollout stalls and smoke fails',
    params: { 'deployment-name': 'web', 'container-name': 'web', 'release-name': 'web' },
    brokenImages: {
      ...CRASHING_RC,
      [`${IMAGE_REPOSITORY}:v1.1.0`]: {
        healthy: false,
        reason: 'ImagePullBackOff',
        note: 'the registry\'s retention policy deleted the v1.1.0 image',
      },
    },
  },
};

const AUTHOR = { name: 'Dana Reyes', email: 'dana.reyes@shop.example' };
const RELEASER = { name: 'Release Bot', email: 'release-bot@shop.example' };

/** The shop's history: one commit per release, with the tags the release process made. */
const HISTORY = [
  {
    date: '2025-01-06T10:00:00Z',
    version: '1.0.0',
    schema: 1,
    subject: 'Web shop 1.0.0: catalogue, cart and orders',
    change: 'First release: catalogue, cart and checkout; orders stored in the orders table.',
    tags: [
      { name: 'rc-1.0.0', date: '2025-01-06T10:05:00Z', message: 'Release candidate 1.0.0' },
      { name: 'v1.0.0', date: '2025-01-06T10:30:00Z', message: 'Release 1.0.0' },
      { name: 'ga-1.0.0', date: '2025-01-06T10:30:00Z', message: 'General availability 1.0.0' },
    ],
  },
  {
    date: '2025-02-03T09:00:00Z',
    version: '1.1.0',
    schema: 1,
    subject: 'Show order totals in the order history',
    change: 'Order history shows totals; faster catalogue search.',
    tags: [
      { name: 'rc-1.1.0', date: '2025-02-03T09:05:00Z', message: 'Release candidate 1.1.0' },
      { name: 'v1.1.0', date: '2025-02-04T09:00:00Z', message: 'Release 1.1.0' },
      { name: 'ga-1.1.0', date: '2025-02-04T09:00:00Z', message: 'General availability 1.1.0' },
    ],
  },
  {
    date: '2025-03-03T09:00:00Z',
    version: '1.2.0-rc.1',
    schema: 2,
    subject: 'Track order status (migration 002_add_order_status)',
    change: 'Orders carry a status (pending, paid, shipped, cancelled). Adds migration 002.',
    tags: [
      { name: 'v1.2.0-rc.1', date: '2025-03-03T09:05:00Z', message: 'Release candidate 1.2.0-rc.1' },
      { name: 'rc-1.2.0', date: '2025-03-03T09:05:00Z', message: 'Release candidate 1.2.0' },
    ],
  },
  {
    date: '2025-03-10T09:00:00Z',
    version: '1.2.0',
    schema: 2,
    subject: 'Release 1.2.0: default order status at start-up',
    change: 'Fixes the start-up crash of 1.2.0-rc.1 when no order status default is configured.',
    tags: [
      { name: 'v1.2.0', date: '2025-03-11T09:00:00Z', message: 'Release 1.2.0' },
      { name: 'ga-1.2.0', date: '2025-03-11T09:00:00Z', message: 'General availability 1.2.0' },
    ],
  },
];

/** Helm revisions of release `web`, one per deploy, in the order they happened. */
const DEPLOYS = [
  { version: '1.0.0', updated: '2025-01-06T11:00:00Z', description: 'Install complete' },
  { version: '1.1.0', updated: '2025-02-04T10:00:00Z', description: 'Upgrade complete' },
  { version: '1.2.0-rc.1', updated: '2025-03-04T10:00:00Z', description: 'Upgrade complete' },
  { version: '1.2.0', updated: '2025-03-11T10:00:00Z', description: 'Upgrade complete' },
];

/**
 * The repository's GitHub Actions workflows. The release workflow runs on the push of each rc-
 * and ga- tag: build, deploy, quality gates (a 24-hour soak for a ga- tag). CI runs on main.
 */
const WORKFLOWS = [
  { id: 81502931, name: 'CI', path: '.github/workflows/ci.yml', state: 'active' },
  { id: 81502932, name: 'Release', path: '.github/workflows/release.yml', state: 'active' },
];

/**
 * Their runs, oldest first. rc-1.2.0 failed its gates (1.2.0-rc.1 crash-looped in staging) and
 * ga-1.2.0 failed its soak the morning of the incident, so the newest rc-/ga- tag is not the last
 * known good: ga-1.1.0 is. CI passed on every commit, 1.2.0's included.
 */
const WORKFLOW_RUNS = [
  { workflow: 'CI', version: '1.0.0', branch: 'main', created: '2025-01-06T10:00:40Z', minutes: 6, conclusion: 'success' },
  { workflow: 'Release', version: '1.0.0', branch: 'rc-1.0.0', created: '2025-01-06T10:05:20Z', minutes: 18, conclusion: 'success' },
  { workflow: 'Release', version: '1.0.0', branch: 'ga-1.0.0', created: '2025-01-06T10:30:20Z', minutes: 1440, conclusion: 'success' },
  { workflow: 'CI', version: '1.1.0', branch: 'main', created: '2025-02-03T09:00:40Z', minutes: 7, conclusion: 'success' },
  { workflow: 'Release', version: '1.1.0', branch: 'rc-1.1.0', created: '2025-02-03T09:05:20Z', minutes: 19, conclusion: 'success' },
  { workflow: 'Release', version: '1.1.0', branch: 'ga-1.1.0', created: '2025-02-04T09:00:20Z', minutes: 1440, conclusion: 'success' },
  { workflow: 'CI', version: '1.2.0-rc.1', branch: 'main', created: '2025-03-03T09:00:40Z', minutes: 7, conclusion: 'success' },
  { workflow: 'Release', version: '1.2.0-rc.1', branch: 'rc-1.2.0', created: '2025-03-03T09:05:20Z', minutes: 26, conclusion: 'failure' },
  { workflow: 'CI', version: '1.2.0', branch: 'main', created: '2025-03-10T09:00:40Z', minutes: 7, conclusion: 'success' },
  { workflow: 'Release', version: '1.2.0', branch: 'ga-1.2.0', created: '2025-03-11T09:00:20Z', minutes: 1450, conclusion: 'failure' },
];

/** The fake clock starts on the morning of the incident. */
const INCIDENT_START = '2025-03-12T09:30:00.000Z';

const MAKEFILE = `# Post-deploy checks for the web shop.
# EXPECTED_TAG is the release that should be serving; it defaults to the content of
# .sandbox/expected-tag, else ${KNOWN_GOOD_TAG}.  Override: make smoke EXPECTED_TAG=v1.2.0
DEPLOYMENT   ?= web
CONTAINER    ?= web
NAMESPACE    ?= default
EXPECTED_TAG ?= $(or $(strip $(shell cat .sandbox/expected-tag 2>/dev/null)),${KNOWN_GOOD_TAG})

.PHONY: smoke
smoke:
\t@DEPLOYMENT='$(DEPLOYMENT)' CONTAINER='$(CONTAINER)' NAMESPACE='$(NAMESPACE)' EXPECTED_TAG='$(EXPECTED_TAG)' sh scripts/smoke.sh
`;

const SMOKE_SH = `#!/bin/sh
# Smoke tests after a deploy or a rollback:
#   1. the deployment's container runs the image of the expected release,
#   2. its rollout is complete (every replica of that image is up),
#   3. the database schema is not behind what that release needs (db/schema-version at its tag).
set -u
: "\${DEPLOYMENT:=web}" "\${CONTAINER:=web}" "\${NAMESPACE:=default}"
: "\${EXPECTED_TAG:?set EXPECTED_TAG to the release that should be serving}"
failed=0
ok() { echo "smoke: ok    $*"; }
fail() { echo "smoke: FAIL  $*" >&2; failed=$((failed + 1)); }

if image=$(kubectl get deployment "$DEPLOYMENT" --namespace "$NAMESPACE" -o jsonpath="{.spec.template.spec.containers[?(@.name==\\"$CONTAINER\\")].image}"); then
  if [ -z "$image" ]; then
    fail "deployment $DEPLOYMENT has no container $CONTAINER"
  elif [ "\${image##*:}" = "$EXPECTED_TAG" ]; then
    ok "image $image"
  else
    fail "image $image is not the expected release $EXPECTED_TAG"
  fi
else
  fail "cannot read deployment $DEPLOYMENT in namespace $NAMESPACE"
fi

if rollout=$(kubectl rollout status "deployment/$DEPLOYMENT" --namespace "$NAMESPACE" --timeout=60s 2>&1); then
  ok "rollout: $rollout"
else
  fail "rollout: $rollout"
fi

required=$(git show "$EXPECTED_TAG:db/schema-version" 2>/dev/null) || required=
# The sandbox names its migration tool (\$SANDBOX_MIGRATE); the npm script runs the same one.
if [ -n "\${SANDBOX_MIGRATE:-}" ]; then
  current=$(node "$SANDBOX_MIGRATE" version 2>/dev/null) || current=
else
  current=$(npm run --silent migrate:version 2>/dev/null) || current=
fi
if [ -z "$required" ]; then
  fail "schema: $EXPECTED_TAG has no db/schema-version"
elif [ -z "$current" ]; then
  fail "schema: cannot read the database schema version"
elif [ "$current" -ge "$required" ]; then
  ok "schema at version $current ($EXPECTED_TAG needs $required)"
else
  fail "schema at version $current, but $EXPECTED_TAG needs $required"
fi

if [ "$failed" -gt 0 ]; then
  echo "smoke: $failed check(s) failed" >&2
  exit 1
fi
echo "smoke: all checks passed"
`;

const APP_README = `# shop-web

The web shop front end. Releases are tagged \`vX.Y.Z\` (with \`-rc.N\` pre-releases); the release
process also tags each candidate \`rc-X.Y.Z\` and each release that passed every quality gate
\`ga-X.Y.Z\`. \`db/schema-version\` is the database schema version a release needs.

\`make smoke\` checks a deployment after a deploy or a rollback.
`;

const GITIGNORE = 'node_modules/\n';

const REPOSITORY = 'shop/web';

// Sandbox plumbing: kept out of \`git status\` without touching the shop's .gitignore.
const LOCAL_EXCLUDES = ['/bin/', '/.sandbox/', '/package.json', '/rollback.md', '/.runbook/', '/docs/releases/rollback-drills/'];

const TOOL_NAMES = ['kubectl', 'helm', 'gh'];

const launcher = (tool) => `#!/usr/bin/env node
// Sandbox ${tool}: answers from the sandbox state file ($SANDBOX_STATE, else
// ../.sandbox/cluster.json next to this script), never from a real cluster or GitHub.
'use strict';
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const root = path.join(__dirname, '..');
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
import(pathToFileURL(path.join(root, '.sandbox', 'tools', '${tool}.mjs')).href)
  .then((m) => { process.exitCode = m.main(process.argv.slice(2), { defaultState: path.join(root, '.sandbox', 'cluster.json') }); })
  .catch((e) => { process.stderr.write('${tool} (sandbox): ' + e.message + '\\n'); process.exitCode = 1; });
`;

function shellQuote(s) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** git with no dependence on the machine: no system/global config, no inherited GIT_* state. */
function git(cwd, args, { date, who = AUTHOR } = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  Object.assign(env, {
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: devNull,
    GIT_AUTHOR_NAME: AUTHOR.name,
    GIT_AUTHOR_EMAIL: AUTHOR.email,
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    TZ: 'UTC',
    LC_ALL: 'C',
  });
  if (date) {
    env.GIT_AUTHOR_DATE = date;
    env.GIT_COMMITTER_DATE = date;
  }
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function write(file, text, mode) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  if (mode) chmodSync(file, mode);
}

// The history is the same in every sandbox (fixed dates and authors give fixed commit ids), and
// building it is most of a sandbox's cost: a process that makes several (a test file) builds it
// once into a private folder, removed at exit, and copies it from there.
let builtHistory = null;

/** The repository with its release history in `dir`; returns the commit id of each release version. */
function makeHistory(dir) {
  if (builtHistory === null) {
    const commits = buildHistory(dir);
    const copy = mkdtempSync(join(tmpdir(), 'runbook-sandbox-history-'));
    process.once('exit', () => rmSync(copy, { recursive: true, force: true }));
    cpSync(dir, copy, { recursive: true });
    builtHistory = { dir: copy, commits };
    return commits;
  }
  cpSync(builtHistory.dir, dir, { recursive: true });
  return { ...builtHistory.commits };
}

/** Makes the repository; returns the commit id of each release version. */
function buildHistory(dir) {
  git(dir, ['-c', 'init.defaultBranch=main', 'init', '-q']);
  const changelog = [];
  const commits = {};
  for (const release of HISTORY) {
    changelog.unshift(`## ${release.version} (${release.date.slice(0, 10)})\n\n- ${release.change}\n`);
    write(join(dir, 'README.md'), APP_README);
    write(join(dir, '.gitignore'), GITIGNORE);
    write(join(dir, 'Makefile'), MAKEFILE);
    write(join(dir, 'scripts', 'smoke.sh'), SMOKE_SH, 0o755);
    write(join(dir, 'VERSION'), `${release.version}\n`);
    write(join(dir, 'db', 'schema-version'), `${release.schema}\n`);
    write(join(dir, 'CHANGELOG.md'), `# Changelog\n\n${changelog.join('\n')}`);
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', release.subject], { date: release.date });
    commits[release.version] = git(dir, ['rev-parse', 'HEAD']).trim();
    for (const tag of release.tags) {
      git(dir, ['tag', '-a', tag.name, '-m', tag.message], { date: tag.date, who: RELEASER });
    }
  }
  write(join(dir, '.git', 'info', 'exclude'), `${LOCAL_EXCLUDES.join('\n')}\n`);
  return commits;
}

/** The GitHub side of the state: workflows and their runs, on the sandbox's real commits. */
function githubState(commits) {
  const numbers = {};
  const runs = WORKFLOW_RUNS.map((r, i) => {
    const workflow = WORKFLOWS.find((w) => w.name === r.workflow);
    numbers[workflow.name] = (numbers[workflow.name] ?? 0) + 1;
    const databaseId = 13874100000 + (i + 1) * 1117;
    const subject = HISTORY.find((h) => h.version === r.version).subject;
    const isTag = r.branch !== 'main';
    return {
      attempt: 1,
      conclusion: r.conclusion,
      createdAt: r.created,
      databaseId,
      displayTitle: isTag ? `Release ${r.branch}` : subject,
      event: 'push',
      headBranch: r.branch,
      headSha: commits[r.version],
      name: workflow.name,
      number: numbers[workflow.name],
      startedAt: r.created,
      status: 'completed',
      updatedAt: new Date(Date.parse(r.created) + r.minutes * 60_000).toISOString().replace(/\.000Z$/, 'Z'),
      url: `https://github.com/${REPOSITORY}/actions/runs/${databaseId}`,
      workflowDatabaseId: workflow.id,
      workflowName: workflow.name,
    };
  });
  return { repository: REPOSITORY, workflows: structuredClone(WORKFLOWS), runs };
}

function initialState(scenario, commits) {
  const image = (v) => `${IMAGE_REPOSITORY}:v${v}`;
  const revisions = DEPLOYS.map((d, i) => ({
    revision: i + 1,
    updated: d.updated,
    status: i === DEPLOYS.length - 1 ? 'deployed' : 'superseded',
    chart: 'web',
    chartVersion: d.version,
    appVersion: d.version,
    image: image(d.version),
    description: d.description,
  }));
  const current = revisions.at(-1);
  return {
    stateVersion: 1,
    scenario,
    clock: INCIDENT_START,
    images: structuredClone(SCENARIOS[scenario].brokenImages),
    deployments: [
      {
        namespace: 'default',
        name: 'web',
        release: 'web',
        createdAt: '2025-01-06T11:00:05Z',
        replicas: 3,
        container: 'web',
        port: 8080,
        labels: {
          'app.kubernetes.io/instance': 'web',
          'app.kubernetes.io/managed-by': 'Helm',
          'app.kubernetes.io/name': 'web',
          'app.kubernetes.io/version': current.appVersion,
          'helm.sh/chart': `web-${current.chartVersion}`,
        },
        selector: { 'app.kubernetes.io/instance': 'web', 'app.kubernetes.io/name': 'web' },
        image: current.image,
        servingImage: current.image,
        servingSince: '2025-03-11T10:00:30Z',
        revision: revisions.length,
        generation: revisions.length,
        updatedAt: '2025-03-11T10:00:30Z',
        events: [],
      },
    ],
    releases: [{ name: 'web', namespace: 'default', deployment: 'web', revisions }],
    github: githubState(commits),
    audit: [],
  };
}

function seedOrders(dbFile) {
  const orders = [
    ['ada@example.com', 4599, '2025-03-11T12:14:03Z', 'shipped'],
    ['grace@example.com', 1250, '2025-03-11T16:40:51Z', 'paid'],
    ['linus@example.com', 8900, '2025-03-12T08:02:17Z', 'pending'],
  ];
  withDatabase(dbFile, { write: true }, (db) =>
    inTransaction(db, () => {
      for (const order of orders) db.run('INSERT INTO orders (customer_email, total_cents, created_at, status) VALUES (?, ?, ?, ?)', order);
    }),
  );
}

/**
 * Creates a sandbox in `dir` (which must be empty or not exist yet) and returns:
 * - dir, binDir: the sandbox repository and the folder holding its kubectl, helm and gh;
 * - env: variables to add to the environment of every command of the drill (PATH first);
 * - params: values for the seed runbook's placeholders in this scenario;
 * - stateFile, dbFile, runbookFile (a copy of runbooks/rollback.md, or null), expectedTag,
 *   lastKnownGoodTag.
 */
export async function createSandbox({ dir, scenario = 'passing' } = {}) {
  if (!dir) throw new Error('createSandbox: `dir` is required');
  if (!Object.hasOwn(SCENARIOS, scenario)) {
    throw new Error(`createSandbox: unknown scenario ${JSON.stringify(scenario)} (expected ${Object.keys(SCENARIOS).join(' or ')})`);
  }
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length) throw new Error(`createSandbox: ${dir} is not empty; give it a fresh folder`);
  dir = realpathSync(dir);

  const commits = makeHistory(dir);

  const sandboxDir = join(dir, '.sandbox');
  const binDir = join(dir, 'bin');
  const stateFile = join(sandboxDir, 'cluster.json');
  const dbFile = join(sandboxDir, 'app.db');
  const kubeconfig = join(sandboxDir, 'kubeconfig');

  mkdirSync(join(sandboxDir, 'tools'), { recursive: true });
  for (const f of readdirSync(TOOLS)) if (f.endsWith('.mjs')) copyFileSync(join(TOOLS, f), join(sandboxDir, 'tools', f));
  write(join(binDir, 'package.json'), '{ "type": "commonjs" }\n');
  for (const tool of TOOL_NAMES) write(join(binDir, tool), launcher(tool), 0o755);

  write(stateFile, JSON.stringify(initialState(scenario, commits), null, 2) + '\n');
  write(join(sandboxDir, 'expected-tag'), `${KNOWN_GOOD_TAG}\n`);
  // If a real kubectl or helm ever ran instead of the sandbox ones, this points it at nothing.
  // (A real gh would find no GitHub remote in the sandbox repository.)
  write(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters:
- name: sandbox
  cluster:
    server: https://127.0.0.1:9
contexts:
- name: sandbox
  context:
    cluster: sandbox
    user: sandbox
    namespace: default
current-context: sandbox
users:
- name: sandbox
  user: {}
`,
  );

  const migrate = (command) => `node ${shellQuote(MIGRATE)} ${command}`;
  write(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'shop-web',
        version: HISTORY.at(-1).version,
        private: true,
        description: 'Rollback-drill sandbox (generated). The migration runner lives in the runbook repository.',
        scripts: {
          'migrate:up': migrate('up'),
          'migrate:down': migrate('down'),
          'migrate:status': migrate('status'),
          'migrate:version': migrate('version'),
        },
      },
      null,
      2,
    ) + '\n',
  );
  migrateUp(dbFile);
  seedOrders(dbFile);

  let runbookFile = null;
  if (existsSync(SEED_RUNBOOK)) {
    runbookFile = join(dir, 'rollback.md');
    copyFileSync(SEED_RUNBOOK, runbookFile);
  }

  const env = {
    PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
    SANDBOX_DIR: dir,
    SANDBOX_STATE: stateFile,
    SANDBOX_DB: dbFile,
    // What `npm run migrate:version` runs, without npm's second of start-up in every smoke test.
    SANDBOX_MIGRATE: MIGRATE,
    KUBECONFIG: kubeconfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: devNull,
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    NPM_CONFIG_FUND: 'false',
  };
  return {
    dir,
    binDir,
    env,
    params: { ...SCENARIOS[scenario].params },
    scenario,
    stateFile,
    dbFile,
    runbookFile,
    expectedTag: KNOWN_GOOD_TAG,
    lastKnownGoodTag: LAST_KNOWN_GOOD_TAG,
  };
}

async function cli(argv) {
  let scenario = 'passing';
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--scenario') scenario = argv[++i];
    else if (a.startsWith('--scenario=')) scenario = a.slice('--scenario='.length);
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: create-sandbox.mjs [--scenario passing|failing] DIR\n  prints shell exports: eval "$(node create-sandbox.mjs DIR)"\n');
      return 0;
    } else rest.push(a);
  }
  if (rest.length !== 1) throw new Error('usage: create-sandbox.mjs [--scenario passing|failing] DIR');
  const sb = await createSandbox({ dir: resolve(rest[0]), scenario });
  const lines = [`# rollback-drill sandbox in ${sb.dir} (scenario: ${scenario}: ${SCENARIOS[scenario].description})`];
  for (const [k, v] of Object.entries(sb.env)) lines.push(`export ${k}=${shellQuote(v)}`);
  lines.push(`cd ${shellQuote(sb.dir)}`);
  lines.push(`# runbook exec rollback.md ${Object.entries(sb.params).map(([k, v]) => `--set ${k}=${v}`).join(' ')}`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

if (process.argv[1] && existsSync(process.argv[1]) && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  cli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`create-sandbox: ${e.message}\n`);
      process.exitCode = 2;
    },
  );
}
