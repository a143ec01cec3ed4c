#!/usr/bin/env node
// `npm run demo`: a real rollback drill of runbooks/rollback.md against a fresh sandbox (git
// history, kubectl/helm stand-ins, a Makefile smoke test, a SQLite database), no cluster needed.
//
//   npm run demo                          the rollback that succeeds
//   npm run demo -- --scenario failing    rolls back to a broken revision: smoke fails
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSandbox, readSchema, SCENARIOS } from '../examples/sandbox/create-sandbox.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const scenarioFlag = args.indexOf('--scenario');
const scenario = scenarioFlag >= 0 ? args[scenarioFlag + 1] : 'passing';
if (!(scenario in SCENARIOS)) {
  process.stderr.write(`demo: unknown scenario ${JSON.stringify(scenario)}; expected one of ${Object.keys(SCENARIOS).join(', ')}\n`);
  process.exit(2);
}

const sandbox = await createSandbox({ dir: mkdtempSync(join(tmpdir(), 'runbook-drill-')), scenario });
const before = readSchema(sandbox.dbFile);
process.stdout.write(`Sandbox (${scenario}): ${SCENARIOS[scenario].description}\n  ${sandbox.dir}\n\n`);

const params = Object.entries(sandbox.params).flatMap(([name, value]) => ['--set', `${name}=${value}`]);
const run = spawnSync(process.execPath, [
  join(repo, 'bin', 'runbook.js'), 'exec', join(repo, 'runbooks', 'rollback.md'),
  '--cwd', sandbox.dir, ...params, '--yes',
  '--env', 'sandbox', '--participant', 'demo operator', '--release', 'v1.2.0', '--target', 'v1.1.0',
  '--objective', 'Roll web back from v1.2.0 to the last known good release and prove it serves',
  ...args.filter((_, i) => i !== scenarioFlag && i !== scenarioFlag + 1),
], { cwd: sandbox.dir, env: { ...process.env, ...sandbox.env }, stdio: 'inherit' });

const after = readSchema(sandbox.dbFile);
process.stdout.write(`\nDatabase schema version: ${before.version} → ${after.version} (orders columns: ${after.tables.orders?.join(', ') ?? 'none'})\n`);
process.stdout.write(`Journal and record live in the sandbox: ${relative(process.cwd(), sandbox.dir) || sandbox.dir}\n`);
process.exit(run.status ?? 1);
