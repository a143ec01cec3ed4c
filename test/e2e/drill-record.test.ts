// A real drill of the seed runbook through the spawned CLI, in a fresh sandbox per scenario, and
// the drill record it writes read back field by field: what the operator gave on the command
// line, what the run observed, and the evidence a failure leaves behind.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSchema, type Sandbox } from '../../examples/sandbox/create-sandbox.mjs';
import { cleanEnv, fenceAfter, field, repoDir, rowsOf, runCli, sandboxes, section, spawnCollect, tables, type Spawned } from './helpers.js';

const make = sandboxes();
const engineVersion = JSON.parse(readFileSync(join(repoDir, 'package.json'), 'utf8')).version as string;
const seedSha256 = createHash('sha256').update(readFileSync(join(repoDir, 'runbooks', 'rollback.md'))).digest('hex');
const stepIds = ['A.1', 'A.2.1', 'A.2.2', 'A.2.3', 'A.2.4', 'A.3', 'B.1', 'B.2', 'B.3', 'C', 'D'];

interface Drill {
  sandbox: Sandbox;
  result: Spawned;
  runId: string;
  recordFile: string;
  record: string;
}

const answers = join(repoDir, 'examples', 'sandbox', 'drill-lead-answers.yaml');

/** Runs the sandbox's copy of the seed runbook with the scenario's values, the drill's facts as flags and the drill lead's answers. */
async function drill(scenario: 'passing' | 'failing'): Promise<Drill> {
  const sandbox = await make(scenario);
  const sets = Object.entries(sandbox.params).flatMap(([name, value]) => ['--set', `${name}=${value}`]);
  const result = await runCli([
    'exec', 'rollback.md', ...sets, '--yes',
    '--operator', 'alice',
    '--env', 'staging-sandbox',
    '--participant', 'Alice Ng (drill lead)',
    '--participant', 'Bo Chen (service owner)',
    '--release', 'v1.2.0',
    '--target', 'v1.1.0',
    '--objective', 'Roll web back to the last known good release',
    '--objective', 'Measure the time to roll back',
    '--answers', answers,
  ], sandbox.dir, sandbox);
  const runId = result.stdout.match(/— run (\S+)/)?.[1];
  const recordRel = result.stdout.match(/^drill record: (.+)$/m)?.[1];
  if (!runId || !recordRel) throw new Error(`no run id or record path in the output:\n${result.stdout}\n${result.stderr}`);
  const recordFile = join(sandbox.dir, recordRel);
  return { sandbox, result, runId, recordFile, record: readFileSync(recordFile, 'utf8') };
}

/** The step id in a steps-table row: `**A.2.1** Title` → `A.2.1`. */
function stepIdOf(row: Record<string, string>): string | undefined {
  return row.Step?.match(/^\*\*(\S+)\*\*/)?.[1];
}

/** `20261126-140305-a1b2` → `2026-11-26`: the UTC date the run id was made on. */
function dateOf(runId: string): string {
  return `${runId.slice(0, 4)}-${runId.slice(4, 6)}-${runId.slice(6, 8)}`;
}

describe('drill record of the passing scenario', () => {
  let d: Drill;
  beforeAll(async () => {
    d = await drill('passing');
  });

  it('exits 0 and says where the record is', () => {
    expect(d.result.stderr).toBe('');
    expect(d.result.code).toBe(0);
    expect(d.result.stdout).toMatch(/^run passed in \d+\.\ds$/m);
    expect(d.result.stdout).toContain(`drill record: docs/releases/rollback-drills/${dateOf(d.runId)}-rollback-${d.runId}.md\n`);
    expect(existsSync(join(d.sandbox.dir, '.runbook', 'runs', d.runId, 'journal.jsonl'))).toBe(true);
  });

  it('heads the record with the drill facts given by flags', () => {
    expect(d.record.split('\n').find((line) => line.startsWith('# '))).toBe('# Rollback drill record: Release Rollback Runbook');
    expect(d.record).toMatch(new RegExp(`^---\\ndrill-id: "${d.runId}"\\n`));
    expect(field(d.record, 'Drill id')).toBe(`\`${d.runId}\``);
    expect(field(d.record, 'Date (UTC)')).toBe(dateOf(d.runId));
    expect(field(d.record, 'Environment')).toBe('staging-sandbox');
    expect(field(d.record, 'Mode')).toBe('live');
    expect(field(d.record, 'Operator')).toBe('alice');
    expect(field(d.record, 'Result')).toBe('**PASSED** — 11 of 11 steps passed.');
    expect(section(d.record, 'Participants').filter(Boolean)).toEqual(['- Alice Ng (drill lead)', '- Bo Chen (service owner)']);
    expect(section(d.record, 'Objectives').filter(Boolean)).toEqual(['- Roll web back to the last known good release', '- Measure the time to roll back']);
  });

  it('keeps the planned versions apart from the ones the run captured, the last known good tag included', () => {
    const release = section(d.record, 'Release');
    // What the run was told, checked against what the runbook's own commands printed (the
    // captures its frontmatter names): A.1's image, A.2.1's previous stable tag, and D's
    // last-known-good tag as seed section D defines it: not ga-1.2.0, the newest rc-/ga- tag,
    // whose release workflow failed.
    expect(field(release, 'Release version (from)')).toBe('`v1.2.0` (the release version given to the run; captured as `deployed-image` in step A.1: `registry.example.com/shop/web:v1.2.0`)');
    expect(field(release, 'Rollback target (to)')).toBe('`v1.1.0` (the rollback target version given to the run; captured as `previous-tag` in step A.2.1)');
    expect(field(release, 'Last known good')).toBe(`\`${d.sandbox.lastKnownGoodTag}\` (captured as \`last-known-good\` in step D)`);
    expect(d.sandbox.lastKnownGoodTag).toBe('ga-1.1.0');
  });

  it('gives the totals', () => {
    const measures = Object.fromEntries(rowsOf(tables(section(d.record, 'Result'))[0]).map((r) => [r.Measure, r.Value]));
    expect(measures['Overall result']).toBe('passed');
    expect(measures['Exit code of `runbook`']).toBe('0');
    expect(measures.Steps).toBe('11: 11 passed');
    // Seven outcomes as the runbook states them, and the exit check of the five commands whose
    // stated outcome is not already their exit code.
    expect(measures['Expected outcomes (as written)']).toBe('7 verified');
    expect(measures['Exit-code checks']).toBe('5 of 5 passed');
    expect(measures['Statements not confirmed']).toBe('0');
    expect(measures['Time to roll back']).toMatch(/^\S+ \(run start to the end of step A\.2\.4, the last rollback step to pass\)$/);
  });

  it('lists every step in the steps table with its verdict and actual outcome', () => {
    const rows = rowsOf(tables(section(d.record, 'Steps'))[0]);
    expect(rows.map((r) => stepIdOf(r))).toEqual(stepIds);
    expect(rows.map((r) => r.Verdict)).toEqual(Array(11).fill('passed'));
    const byId = Object.fromEntries(rows.map((r) => [stepIdOf(r), r]));
    expect(byId['A.1']?.Step).toBe('**A.1** Identify Currently Deployed Version');
    expect(byId['A.1']?.['Actual outcome']).toBe('Exit 0; captured deployed-image = registry.example.com/shop/web:v1.2.0; outcomes: 1 verified.');
    expect(byId['A.2.1']?.['Actual outcome']).toBe('Exit 0; captured previous-tag = v1.1.0; outcomes: 1 verified.');
    expect(byId['A.2.2']?.['Actual outcome']).toBe('Exit 0; captured rollback-revision = 2; outcomes: 1 verified.');
    expect(byId['A.2.3']?.['Actual outcome']).toBe('Exit 0; outcomes: 1 verified.');
    expect(byId['A.2.4']?.['Expected outcome']).toBe('Helm reports the rollback: `stdout contains "Rollback was a success"`');
    expect(byId['A.3']?.Action).toBe('Perform smoke tests to validate the functionality of the rolled-back version.');
    expect(byId['A.3']?.['Actual outcome']).toBe('Exit 0; outcomes: 1 verified.');
    expect(byId['B.1']?.['Actual outcome']).toBe('Attestations: 2 confirmed.');
    expect(byId['B.2']?.['Actual outcome']).toBe('Attestations: 1 confirmed.');
    expect(byId.D?.['Actual outcome']).toBe('Exit 0; captured last-known-good = ga-1.1.0; outcomes: 1 verified; attestations: 2 confirmed.');
  });

  it('shows each command as it ran, with the verdict and evidence of each outcome', () => {
    const a24 = section(d.record, 'A.2.4 Redeploy the previous version using the identified tag.', 3);
    expect(field(a24, 'Verdict')).toBe('passed');
    expect(field(a24, 'Exit code')).toBe('0');
    expect(field(a24, 'Gate')).toBe('helm rollback returns a release to an earlier revision');
    // The revision as A.2.2 captured it from `helm history web -o json`.
    expect(fenceAfter(a24, 'Command as run')).toBe('helm rollback web 2');
    expect(a24).toContain('**Expected:** `stdout contains "Rollback was a success"` — **verified**');
    expect(fenceAfter(a24, '**Expected:** `stdout contains')).toBe('stdout line 1: Rollback was a success! Happy Helming!');
    const a3 = section(d.record, 'A.3 Validate Rollback Success', 3);
    expect(fenceAfter(a3, 'Command as run')).toBe('make smoke');
    expect(a3).toContain('**Expected:** `exit 0` — **verified**');
  });

  it('records the attestations as the drill lead confirmed them in the answers file, and the gates as approved by --yes', () => {
    const attestations = section(d.record, 'Attestations and waivers');
    expect(attestations).toContain(`Answers given ahead by Dana Reyes (drill lead), in the answers file \`${answers}\`.`);
    const [statements, waivers, gates] = tables(attestations).map(rowsOf);
    const lead = (step: string) => [step, 'confirmed', 'Dana Reyes (drill lead)', 'answers file'];
    expect(statements?.map((r) => [r.Step, r.Answer, r['Answered by'], r.How])).toEqual([lead('B.1'), lead('B.1'), lead('B.3'), lead('B.3'), lead('C'), lead('C'), lead('D'), lead('D')]);
    expect(statements?.[0]?.Statement).toBe('**Status:** All database migrations are designed to be reversible.');
    expect(waivers?.map((r) => [r.Step, r.Answer, r.How])).toEqual([['B.2', 'confirmed', 'answers file: the release adds 002_add_order_status only, which has a down migration']]);
    expect(waivers?.[0]?.Waiver).toMatch(/^No non-reversible migrations are included in this release\./);
    expect(gates?.map((r) => [r.Step, r.Gate, r.Decision, r['Approved by']])).toEqual([
      ['A.2.3', 'a down migration or a schema reset changes the database backwards', 'approved', 'alice (--yes)'],
      ['A.2.4', 'helm rollback returns a release to an earlier revision', 'approved', 'alice (--yes)'],
    ]);
  });

  it('records the parameters and the provenance of the runbook', () => {
    expect(rowsOf(tables(section(d.record, 'Parameters'))[0]).map((r) => [r.Parameter, r.Value])).toEqual([
      ['`deployment-name`', '`web`'], ['`container-name`', '`web`'], ['`release-name`', '`web`'],
    ]);
    const provenance = section(d.record, 'Provenance');
    expect(field(provenance, 'Runbook')).toBe('`rollback.md`');
    expect(field(provenance, 'Content hash (sha256)')).toBe(`\`${seedSha256}\``);
    expect(field(provenance, 'Engine')).toBe(`runbook ${engineVersion}`);
  });

  it('has no issues and no action items', () => {
    expect(section(d.record, 'Issues encountered').filter(Boolean)).toEqual(['None.']);
    expect(section(d.record, 'Action items').filter(Boolean)).toEqual(['None.']);
  });

  it('really reverted the migration', () => {
    const schema = readSchema(d.sandbox.dbFile);
    expect(schema.version).toBe(1);
    expect(schema.tables.orders).not.toContain('status');
    expect(schema.rows.orders).toBe(3);
  });

  it('lists the run, and renders the same steps from its journal alone', async () => {
    const runs = await runCli(['runs'], d.sandbox.dir, d.sandbox);
    expect(runs.code).toBe(0);
    const line = runs.stdout.split('\n').find((l) => l.startsWith(d.runId));
    expect(line).toMatch(/\bpassed\b/);
    expect(line).toContain('rollback.md');
    expect(line).toContain(`docs/releases/rollback-drills/${dateOf(d.runId)}-rollback-${d.runId}.md`);
    const again = await runCli(['record', d.runId, '--record', '-'], d.sandbox.dir, d.sandbox);
    expect(again.code).toBe(0);
    expect(section(again.stdout, 'Steps')).toEqual(section(d.record, 'Steps'));
    expect(section(again.stdout, 'Attestations and waivers')).toEqual(section(d.record, 'Attestations and waivers'));
  });
});

describe('drill record of the failing scenario', () => {
  let d: Drill;
  beforeAll(async () => {
    d = await drill('failing');
  });

  it('exits 1 and still writes the record', () => {
    expect(d.result.code).toBe(1);
    expect(d.result.stdout).toMatch(/^run failed in \d+\.\ds: A\.3 failed: exit code 2, expected 0$/m);
    expect(d.result.stdout).toContain(`drill record: docs/releases/rollback-drills/${dateOf(d.runId)}-rollback-${d.runId}.md\n`);
    expect(field(d.record, 'Operator')).toBe('alice');
    expect(field(d.record, 'Environment')).toBe('staging-sandbox');
    expect(field(d.record, 'Result')).toBe('**FAILED** — Failed at step A.3 (Validate Rollback Success): exit 2; 5 of 11 steps passed.');
  });

  it('shows where it stopped in the steps table', () => {
    const rows = rowsOf(tables(section(d.record, 'Steps'))[0]);
    expect(rows.map((r) => [stepIdOf(r), r.Verdict])).toEqual([
      ['A.1', 'passed'], ['A.2.1', 'passed'], ['A.2.2', 'passed'], ['A.2.3', 'passed'], ['A.2.4', 'passed'], ['A.3', 'failed'],
      ['B.1', 'not run'], ['B.2', 'not run'], ['B.3', 'not run'], ['C', 'not run'], ['D', 'not run'],
    ]);
    const a3 = rows[5]!;
    expect(a3['Actual outcome']).toBe('Exit 2; output: smoke: FAIL  rollout: error: deployment "web" exceeded its progress deadline.');
    expect(rows[6]?.['Actual outcome']).toBe('Not run: A.3 failed.');
    const measures = Object.fromEntries(rowsOf(tables(section(d.record, 'Result'))[0]).map((r) => [r.Measure, r.Value]));
    expect(measures['Overall result']).toBe('failed');
    expect(measures['Exit code of `runbook`']).toBe('1');
    expect(measures.Steps).toBe('11: 5 passed, 1 failed, 5 not run');
    // Both rollback steps (the down migration, then helm) ran before the smoke test failed.
    expect(measures['Time to roll back']).toMatch(/\(run start to the end of step A\.2\.4, the last rollback step to pass\)$/);
    // D never ran: no last known good tag is claimed.
    expect(field(section(d.record, 'Release'), 'Last known good')).toBe('_not recorded_');
  });

  it('keeps the evidence of the smoke failure', () => {
    const a24 = section(d.record, 'A.2.4 Redeploy the previous version using the identified tag.', 3);
    expect(fenceAfter(a24, 'Command as run')).toBe('helm rollback web 2');
    expect(field(a24, 'Verdict')).toBe('passed'); // helm said success: see examples/sandbox/NOTES.md §4
    const a3 = section(d.record, 'A.3 Validate Rollback Success', 3);
    expect(field(a3, 'Verdict')).toBe('failed');
    expect(field(a3, 'Exit code')).toBe('2');
    expect(field(a3, 'Reason')).toBe('exit code 2, expected 0');
    expect(a3).toContain('**Expected:** `exit 0` — **failed**');
    expect(fenceAfter(a3, '**Expected:** `exit 0`')).toBe('exit code 2, expected 0');
    const tail = fenceAfter(a3, 'Output (last lines');
    expect(tail).toContain('smoke: ok    image registry.example.com/shop/web:v1.1.0');
    expect(tail).toContain('smoke: ok    schema at version 1 (v1.1.0 needs 1)');
    expect(tail).toContain('[stderr] smoke: FAIL  rollout: error: deployment "web" exceeded its progress deadline');
    expect(tail).toContain('[stderr] smoke: 1 check(s) failed');
    const log = readFileSync(join(d.sandbox.dir, '.runbook', 'runs', d.runId, 'logs', 'A.3.log'), 'utf8');
    expect(log).toContain('exceeded its progress deadline');
  });

  it('lists the issue and the follow-up, and what was never reached', () => {
    const issues = section(d.record, 'Issues encountered').filter(Boolean);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toBe('1. Step A.3 (Validate Rollback Success) failed: exit code 2, expected 0; output: smoke: FAIL  rollout: error: deployment "web" exceeded its progress deadline.');
    expect(section(d.record, 'Action items').filter(Boolean)).toEqual(['- [ ] Find and fix the cause of the failure of step A.3 (Validate Rollback Success), then run the drill again. — **Owner:** _unassigned_ · **Due:** _not set_']);
    // The run stopped before the statements: none of them is claimed, the answers file notwithstanding.
    const attestations = section(d.record, 'Attestations and waivers');
    expect(attestations).toContain('No attestation was asked.');
    expect(attestations).toContain('9 statements were not asked: the run stopped at step A.3 (failed) first (steps B.1, B.2, B.3, C, D).');
    expect(attestations).toContain('No waivers asked.');
    // The same values as the passing drill: the runbook found the target itself.
    expect(rowsOf(tables(section(d.record, 'Parameters'))[0]).map((r) => r.Value)).toEqual(['`web`', '`web`', '`web`']);
    expect(field(section(d.record, 'Provenance'), 'Content hash (sha256)')).toBe(`\`${seedSha256}\``);
  });

  it('reverted the migration before the code rollback, as the runbook orders it', () => {
    expect(readSchema(d.sandbox.dbFile).version).toBe(1);
    expect(readSchema(d.sandbox.dbFile).tables.orders).not.toContain('status');
    expect(readSchema(d.sandbox.dbFile).rows.orders).toBe(3);
  });

  // Last: it changes the sandbox. The operator fixes the cause by hand and resumes the run.
  it('resumes after a fix by hand: passed steps skipped, a second record, two attempts', async () => {
    // The v1.1.0 image is pushed back to the registry (in the sandbox: its entry in the state).
    const state = JSON.parse(readFileSync(d.sandbox.stateFile, 'utf8'));
    delete state.images['registry.example.com/shop/web:v1.1.0'];
    writeFileSync(d.sandbox.stateFile, JSON.stringify(state, null, 2));
    const rollout = await spawnCollect('kubectl', ['rollout', 'status', 'deployment/web'], { cwd: d.sandbox.dir, env: cleanEnv(d.sandbox.env) });
    expect(rollout.stdout).toBe('deployment "web" successfully rolled out\n');
    const resumed = await runCli(['resume', d.runId, '--yes'], d.sandbox.dir, d.sandbox);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.split('\n')[0]).toBe(`Release Rollback Runbook — run ${d.runId} (attempt 2)`);
    for (const id of ['A.1', 'A.2.1', 'A.2.2', 'A.2.3', 'A.2.4']) expect(resumed.stdout).toContain(`[${id}] skipped: passed in an earlier attempt\n`);
    expect(resumed.stdout).toContain('[A.3] │ smoke: all checks passed\n');
    expect(resumed.stdout).toContain(`drill record: docs/releases/rollback-drills/${dateOf(d.runId)}-rollback-${d.runId}-2.md\n`);
    const record = readFileSync(join(d.sandbox.dir, 'docs', 'releases', 'rollback-drills', `${dateOf(d.runId)}-rollback-${d.runId}-2.md`), 'utf8');
    expect(field(record, 'Drill id')).toBe(`\`${d.runId}\``);
    expect(field(record, 'Result')).toBe('**PASSED** — 11 of 11 steps passed over 2 attempts.');
    // This attempt reached step D: the record now names the last known good tag.
    expect(field(section(record, 'Release'), 'Last known good')).toBe('`ga-1.1.0` (captured as `last-known-good` in step D)');
    expect(readFileSync(d.recordFile, 'utf8')).toBe(d.record); // the first record is kept as it was
    expect(readSchema(d.sandbox.dbFile).version).toBe(1);
    const runs = await runCli(['runs'], d.sandbox.dir, d.sandbox);
    const line = runs.stdout.split('\n').find((l) => l.startsWith(d.runId));
    expect(line).toMatch(/\bpassed\b/);
    expect(line).toContain('2 attempts');
    expect(line).toContain(`docs/releases/rollback-drills/${dateOf(d.runId)}-rollback-${d.runId}-2.md`);
  });
});
