// Decision points in a real run of the CLI (SPEC §2 "Choices are not sequences"): without anyone
// to choose, nothing runs; --choose runs exactly the chosen branch; a checked condition decides
// itself; every decision is in the record. The first case spawns the CLI as users run it; the
// others run the same command line in-process (run-cli-in-process.ts), to keep the suite fast.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli.js';
import { runCliInProcess } from './run-cli-in-process.js';

function workspace(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-decisions-'));
  copyFileSync(join(repoRoot, 'test/fixtures/styles', fixture), join(dir, fixture));
  return dir;
}

const ranIn = (dir: string): string[] => (existsSync(join(dir, 'ran.log')) ? readFileSync(join(dir, 'ran.log'), 'utf8').trim().split('\n') : []);

describe('decision points in a run', () => {
  it('without a terminal and without --choose, stops before its first step with exit 2, naming the decision and its options', () => {
    const dir = workspace('decision-failover.md');
    const { code, stdout, stderr } = runCli(['exec', 'decision-failover.md', '--no-record'], { cwd: dir });
    expect(code, stdout + stderr).toBe(2);
    expect(ranIn(dir)).toEqual([]);
    expect(stderr).toContain('decision point `recover.choice` (One of: Scenario A / Scenario B, line 17) needs a choice');
    expect(stderr).toContain('--choose recover.choice=a (Scenario A: the primary is down: `echo "failover to the replica" >> ran.log`)');
    expect(stderr).toContain('--choose recover.choice=b (Scenario B: the primary is back: `echo "failback to the primary" >> ran.log`)');
    expect(existsSync(join(dir, '.runbook'))).toBe(false);
  });

  it('with --choose, runs exactly the chosen branch and the steps around it, and records the decision', async () => {
    const dir = workspace('decision-failover.md');
    const { code, stdout, stderr } = await runCliInProcess(['exec', 'decision-failover.md', '--choose', 'recover.choice=b', '--record-dir', 'records'], { cwd: dir, env: { RUNBOOK_OPERATOR: 'dana' } });
    expect(code, stdout + stderr).toBe(0);
    expect(ranIn(dir)).toEqual(['diagnose', 'failback to the primary', 'verify']);
    expect(stdout).toMatch(/\[scenario-a-the-primary-is-down\] skipped: not chosen/);
    const [record] = readdirSync(join(dir, 'records'));
    const text = readFileSync(join(dir, 'records', record as string), 'utf8');
    expect(text).toContain('Decisions taken:');
    expect(text).toMatch(/\| recover\.choice One of: Scenario A \/ Scenario B \| b: Scenario B: the primary is back \| .*\(--choose\) \| choose-flag \|/);
  });

  it('takes the other branch when it is the one chosen', async () => {
    const dir = workspace('decision-failover.md');
    const { code } = await runCliInProcess(['exec', 'decision-failover.md', '--choose', 'recover.choice=a', '--no-record'], { cwd: dir });
    expect(code).toBe(0);
    expect(ranIn(dir)).toEqual(['diagnose', 'failover to the replica', 'verify']);
  });

  it('refuses a --choose naming a decision or an option the runbook does not have, suggesting the nearest, and runs nothing', async () => {
    const dir = workspace('decision-failover.md');
    const wrongDecision = await runCliInProcess(['exec', 'decision-failover.md', '--choose', 'recover.choise=b', '--no-record'], { cwd: dir });
    expect(wrongDecision.code).toBe(2);
    expect(wrongDecision.stderr).toContain('--choose recover.choise=b: the runbook has no decision point `recover.choise` (did you mean `recover.choice`?)');
    const wrongOption = await runCliInProcess(['exec', 'decision-failover.md', '--choose', 'recover.choice=c', '--no-record'], { cwd: dir });
    expect(wrongOption.code).toBe(2);
    expect(wrongOption.stderr).toContain('`recover.choice` has no option `c`');
    expect(wrongOption.stderr).toContain('its options are `a`, `b`');
    const malformed = await runCliInProcess(['exec', 'decision-failover.md', '--choose', 'recover.choice', '--no-record'], { cwd: dir });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('expected DECISION=OPTION');
    expect(ranIn(dir)).toEqual([]);
  });

  it('decides a condition with a checkable When: itself, and shows what it found', async () => {
    const dir = workspace('decision-restore.md');
    const { code, stdout, stderr } = await runCliInProcess(['exec', 'decision-restore.md', '--no-record'], { cwd: dir });
    expect(code, stdout + stderr).toBe(0);
    expect(ranIn(dir)).toEqual(['dump', 'restore', 'announce']);
    expect(stdout).toContain('[roll-back-if-the-restore-fails] ◆ takes skip: skip (restore.2: `exit nonzero` does not hold (exit code 0, expected nonzero))');
  });

  it('runs the "if it fails" branch when the step it checks failed and the run goes on', async () => {
    const dir = workspace('decision-restore.md');
    const failing = readFileSync(join(dir, 'decision-restore.md'), 'utf8').replace('echo "restore" >> ran.log', 'echo "restore" >> ran.log; false').replace('### 2. Restore the backup', '### 2. Restore the backup\n\n- **Continue on error:** yes');
    const file = join(dir, 'failing.md');
    writeFileSync(file, failing);
    const { stdout } = await runCliInProcess(['exec', 'failing.md', '--no-record'], { cwd: dir });
    expect(ranIn(dir)).toEqual(['dump', 'restore', 'drop and reload the dump', 'announce']);
    expect(stdout).toContain('◆ takes take');
  });
});
