#!/usr/bin/env node
// `npm run demo`: a real rollback drill of runbooks/rollback.md against a fresh sandbox (git
// history, kubectl/helm/gh stand-ins, a Makefile smoke test, a SQLite database), no cluster needed.
// It runs the real CLI, then checks the database schema really changed back, and prints where
// the drill record and the run journal are.
//
//   npm run demo                              the rollback that succeeds (exit 0)
//   npm run demo -- --scenario failing        the target's image is gone from the registry: smoke fails (exit 1)
//   npm run demo -- --dir DIR                 build the sandbox in DIR (empty or new) instead of a temp folder
//   npm run demo -- --operator alice …        anything else is passed on to `runbook exec`
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createColors } from 'picocolors';
import { createSandbox, readSchema, SCENARIOS } from '../examples/sandbox/create-sandbox.mjs';

// Colour as the CLI does it: a terminal only, FORCE_COLOR for pipes, NO_COLOR always wins.
const pc = createColors(process.env.NO_COLOR ? false : process.env.FORCE_COLOR ? process.env.FORCE_COLOR !== '0' : process.stdout.isTTY === true);

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'runbook.js');
const out = (text = '') => process.stdout.write(`${text}\n`);

const { scenario, dir, passOn, help } = readArgs(process.argv.slice(2));
// runbooks/rollback.md reverts the migration here, before the code rollback (A.2.4).
const DOWN_MIGRATION_STEP = 'A.2.3';
if (help) {
  out('usage: npm run demo -- [--scenario passing|failing] [--dir DIR] [runbook exec flags…]');
  out('  Builds a sandbox (git history, kubectl/helm/gh stand-ins, smoke test, SQLite database),');
  out('  runs runbooks/rollback.md in it with `runbook exec`, checks the database schema and');
  out('  prints where the drill record is. Exit code: the drill\'s (0 passed, 1 failed).');
  process.exit(0);
}
if (!Object.hasOwn(SCENARIOS, scenario)) {
  process.stderr.write(`demo: unknown scenario ${JSON.stringify(scenario)}; expected one of ${Object.keys(SCENARIOS).join(', ')}\n`);
  process.exit(2);
}

// --- 1. The sandbox --------------------------------------------------------------------------
if (dir !== undefined && existsSync(dir) && readdirSync(dir).length > 0) {
  process.stderr.write(`demo: --dir ${dir} is not empty; give it a new or empty folder\n`);
  process.exit(2);
}
const sandbox = await createSandbox({ dir: dir ?? mkdtempSync(join(tmpdir(), 'runbook-drill-')), scenario });
const before = readSchema(sandbox.dbFile);
const user = safeUser();

out(pc.bold('runbook demo: a real rollback drill of runbooks/rollback.md, no cluster needed'));
out();
out(`  scenario  ${pc.bold(scenario)}: ${SCENARIOS[scenario].description}`);
out(`  sandbox   ${sandbox.dir}`);
out('            git history with release tags, kubectl/helm/gh stand-ins, `make smoke`, a SQLite database');
out(`  deployed  web v1.2.0 (helm revision 4), the bad release being rolled back`);
out();

// --- 2. The drill, through the real CLI ------------------------------------------------------
const runbookFile = 'rollback.md'; // the sandbox's copy of runbooks/rollback.md
const argLines = [
  ['exec', runbookFile, '--yes'],
  Object.entries(sandbox.params).flatMap(([name, value]) => ['--set', `${name}=${value}`]),
  ['--env', 'sandbox', '--participant', `${user} (drill lead)`, '--release', 'v1.2.0', '--target', 'v1.1.0'],
  ['--objective', 'Roll web back from v1.2.0 to the last known good release and prove it serves'],
  // The runbook's statements, confirmed ahead by the drill lead: without a terminal nobody can be asked.
  ['--answers', join(repo, 'examples', 'sandbox', 'drill-lead-answers.yaml')],
  passOn,
].filter((line) => line.length > 0);
const execArgs = argLines.flat();
out(pc.dim(`$ runbook ${argLines.map((line) => line.map(shellWord).join(' ')).join(' \\\n    ')}`));
out();

const env = { ...process.env, ...sandbox.env };
delete env.GIT_DIR;
delete env.GIT_WORK_TREE;
const cliCode = await runCli(execArgs, { cwd: sandbox.dir, env });

// --- 3. What the drill left behind -----------------------------------------------------------
const after = readSchema(sandbox.dbFile);
const journal = readJournal(sandbox.dir);
if (!journal.runId) {
  // Bad input or a missing build: the CLI said why, and nothing ran.
  process.stderr.write(`\ndemo: the drill did not start (exit ${cliCode}); see the message above\n`);
  process.exit(cliCode === 0 ? 1 : cliCode);
}
const recordPath = journal.recordPath ? resolve(sandbox.dir, journal.recordPath) : undefined;
let code = cliCode;

out();
out(pc.bold('Database schema, checked in the sandbox database'));
out(`  before  ${describeSchema(before)}`);
out(`  after   ${describeSchema(after)}`);
const schema = compareSchemas(before, after);
if (schema.changedBack) {
  out(`  ${pc.green('✔ changed back')}: ${schema.text}`);
} else if (scenario === 'passing') {
  out(`  ${pc.red('✖ not changed back')}: ${schema.text}; the drill's step ${DOWN_MIGRATION_STEP} should have reverted the last migration`);
  if (code === 0) code = 1;
} else {
  const down = journal.status.get(DOWN_MIGRATION_STEP);
  out(`  ${pc.yellow('• unchanged')}: ${schema.text}${down && down !== 'passed' ? `; step ${DOWN_MIGRATION_STEP}, the down migration, ${down === 'not-run' ? 'did not run' : down}` : ''}`);
}

out();
out(pc.bold('Worth knowing'));
for (const line of worthKnowing(journal.captures)) out(`  ${line}`);

out();
const recordText = recordPath && existsSync(recordPath) ? readFileSync(recordPath, 'utf8') : undefined;
const recordResult = recordText && recordSummary(recordText);
const summary = recordResult?.replace(/^[A-Z-]+ — /, '');
const actionItems = recordText ? sectionLines(recordText, 'Action items').filter((l) => l.startsWith('- [ ]')) : [];
if (code !== 0 && actionItems.length > 0) {
  out(pc.bold('Action items in the record'));
  for (const item of actionItems) out(`  ${item}`);
  out();
}
if (journal.runId) {
  out(pc.dim(`Look around: cd ${shellWord(sandbox.dir)} && node ${shellWord(bin)} runs`));
  out();
}
const verdict = code === 0 ? pc.green('passed') : code === 130 ? pc.yellow('aborted') : pc.red('failed');
const why = code !== cliCode && !schema.changedBack ? 'the database schema did not change back' : undefined;
out(`${pc.bold('Result')}        ${verdict} (exit ${code})${why ? `: ${why}${summary ? ` (the drill itself: ${recordResult})` : ''}` : summary ? `: ${summary}` : ''}`);
if (journal.runId) out(`${pc.bold('Journal')}       ${join(sandbox.dir, '.runbook', 'runs', journal.runId)}${pc.dim(' (journal.jsonl, logs/)')}`);
if (recordPath && existsSync(recordPath)) {
  out(`${pc.bold('Drill record')}  ${recordPath}`);
} else if (passOn.some((a) => a === '--no-record' || a === '--record' || a.startsWith('--record='))) {
  out(`${pc.bold('Drill record')}  as the flags asked`);
} else {
  out(`${pc.bold('Drill record')}  ${pc.red('none was written')}`);
  if (code === 0) code = 1;
}
process.exit(code);

// ---------------------------------------------------------------------------------------------

/**
 * What the drill found, from its captures, beside what the seed's commands would have given in
 * the same sandbox (run here for real): each line says only what this run established.
 */
function worthKnowing(captures) {
  const lines = [];
  const previous = captures['previous-tag'];
  if (previous) {
    const seedPick = sandboxShell('git tag --list "v*.*.*" | sort -V | tail -n 2 | head -n 1');
    lines.push(`Step A.2.1 found ${pc.bold(previous)} as the previous stable release. The seed's \`sort -V | tail -n 2 |`);
    lines.push(`head -n 1\` gives ${seedPick} here${seedPick === 'v1.2.0' ? ', the release being rolled back' : ''}: examples/sandbox/NOTES.md, section 1.`);
  }
  const revision = captures['rollback-revision'];
  if (revision) lines.push(`Step A.2.2 took helm revision ${pc.bold(revision)} from \`helm history web -o json\`, not from memory.`);
  const lkg = captures['last-known-good'];
  if (lkg) {
    const newest = sandboxShell("git for-each-ref --sort=-creatordate --count=1 --format='%(refname:short)' 'refs/tags/rc-*' 'refs/tags/ga-*'");
    lines.push(`Step D found the last known good tag ${pc.bold(lkg)} from the newest successful release workflow run${newest && newest !== lkg ? ';' : '.'}`);
    if (newest && newest !== lkg) lines.push(`the newest rc-/ga- tag, ${newest}, did not pass its release workflow.`);
  }
  if (scenario === 'failing') {
    lines.push('`helm rollback` said "Rollback was a success!" and the rollout still stalled (this scenario took');
    lines.push('the v1.1.0 image out of the registry): only the smoke test, step A.3, caught it.');
    lines.push('See examples/sandbox/NOTES.md, section 4.');
  }
  if (lines.length === 0) lines.push('The drill stopped before it found the versions: examples/sandbox/NOTES.md says what each step looks for.');
  return lines;
}

/** A command's trimmed stdout in the sandbox, as the drill's own commands run. */
function sandboxShell(command) {
  return execFileSync('bash', ['-o', 'pipefail', '-c', command], { cwd: sandbox.dir, env, encoding: 'utf8' }).trim();
}

function readArgs(argv) {
  let scenario = 'passing';
  let dir;
  let help = false;
  const passOn = [];
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--scenario') scenario = argv[(i += 1)];
    else if (a.startsWith('--scenario=')) scenario = a.slice('--scenario='.length);
    else if (a === '--dir') dir = resolve(argv[(i += 1)] ?? '');
    else if (a.startsWith('--dir=')) dir = resolve(a.slice('--dir='.length));
    else if (a === '-h' || a === '--help') help = true;
    else passOn.push(a);
  }
  return { scenario, dir, passOn, help };
}

/** Runs the CLI with the terminal handed over (it draws its task list on a TTY). Ctrl-C is its to handle. */
function runCli(args, options) {
  return new Promise((resolveCode) => {
    const ignore = () => {};
    process.on('SIGINT', ignore);
    const child = spawn(process.execPath, [bin, ...args], { ...options, stdio: 'inherit' });
    child.on('error', (error) => {
      process.stderr.write(`demo: could not start the CLI: ${error.message}\n`);
      resolveCode(2);
    });
    child.on('exit', (status, signal) => {
      process.off('SIGINT', ignore);
      resolveCode(status ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}

/** The run this demo made (the sandbox is fresh, so there is one): id, record path, captures, statuses. */
function readJournal(workspace) {
  const runsDir = join(workspace, '.runbook', 'runs');
  const result = { runId: undefined, recordPath: undefined, captures: {}, status: new Map() };
  const ids = existsSync(runsDir) ? readdirSync(runsDir).sort() : [];
  result.runId = ids.at(-1);
  if (!result.runId) return result;
  const file = join(runsDir, result.runId, 'journal.jsonl');
  if (!existsSync(file)) return result;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      continue; // a line cut short by a killed engine
    }
    if (event.type === 'step-end') {
      result.status.set(event.stepId, event.status);
      Object.assign(result.captures, event.captures ?? {});
    }
    if (event.type === 'run-end' && event.recordPath) result.recordPath = event.recordPath;
  }
  return result;
}

function describeSchema(schema) {
  const columns = Object.entries(schema.tables)
    .filter(([name]) => name !== 'schema_migrations')
    .map(([name, cols]) => `${name}(${cols.join(', ')})`)
    .join(' ');
  return `version ${schema.version}: ${columns}; ${schema.rows.orders ?? 0} orders`;
}

/** Did the down migration really run: one migration fewer, what it added gone, the rows kept? */
function compareSchemas(before, after) {
  const reverted = before.applied.filter((m) => !after.applied.some((a) => a.version === m.version));
  const droppedColumns = Object.entries(before.tables).flatMap(([table, cols]) =>
    cols.filter((c) => !(after.tables[table] ?? []).includes(c)).map((c) => `${table}.${c}`));
  const droppedIndexes = before.indexes.filter((i) => !after.indexes.includes(i));
  const rowsKept = (after.rows.orders ?? 0) === (before.rows.orders ?? 0);
  const changedBack = after.version < before.version && reverted.length > 0 && droppedColumns.length + droppedIndexes.length > 0;
  if (!changedBack) return { changedBack, text: `still at version ${after.version}` };
  const gone = [...droppedColumns.map((c) => `column ${c}`), ...droppedIndexes.map((i) => `index ${i}`)].join(', ');
  return {
    changedBack,
    text: `version ${before.version} → ${after.version}, migration ${reverted.map((m) => m.name).join(', ')} reverted; ${gone} dropped; ${rowsKept ? `all ${after.rows.orders ?? 0} orders kept` : 'orders were lost'}`,
  };
}

/** The record's one-line result, as the default template writes it. */
function recordSummary(text) {
  const line = text.split('\n').find((l) => l.startsWith('- **Result:**'));
  return line?.replace('- **Result:**', '').replace(/\*\*/g, '').trim();
}

/** The lines of a record section (`## Title`), up to the next section. */
function sectionLines(text, title) {
  const lines = text.split('\n');
  const start = lines.indexOf(`## ${title}`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l.trim() !== '');
}

function shellWord(word) {
  return /^[\w./=:@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function safeUser() {
  try {
    return process.env.RUNBOOK_OPERATOR ?? userInfo().username;
  } catch {
    return process.env.USER ?? 'operator';
  }
}
