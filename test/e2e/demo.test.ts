// `npm run demo` as a newcomer runs it (scripts/demo.mjs, spawned with no terminal): a fresh
// sandbox, the real CLI, a check that the database schema really changed back, and the absolute
// path of the drill record as the last line.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSchema } from '../../examples/sandbox/create-sandbox.mjs';
import { cleanEnv, demoFile, field, fencedBlocks, repoDir, section, spawnCollect, tempDirs } from './helpers.js';

const temp = tempDirs();

async function demo(...args: string[]) {
  const dir = join(await temp('runbook-e2e-demo-'), 'sandbox');
  const result = await spawnCollect(process.execPath, [demoFile, '--dir', dir, ...args], { cwd: repoDir, env: cleanEnv({ RUNBOOK_OPERATOR: 'alice' }) });
  const lines = result.stdout.trimEnd().split('\n');
  const recordFile = lines.at(-1)?.match(/^Drill record {2}(\/.+\.md)$/)?.[1];
  return { ...result, dir, lines, recordFile };
}

type Demo = Awaited<ReturnType<typeof demo>>;

// Each scenario runs once; its output is checked here and against the README's demo section.
let passing: Demo;
let failing: Demo;
beforeAll(async () => {
  [passing, failing] = await Promise.all([demo(), demo('--scenario', 'failing')]);
});

describe('npm run demo', () => {
  it('drills the passing scenario: exit 0, the schema changed back, the record path last', () => {
    const d = passing;
    expect(d.stderr).toBe('');
    expect(d.code).toBe(0);
    expect(d.lines[0]).toBe('runbook demo: a real rollback drill of runbooks/rollback.md, no cluster needed');
    expect(d.stdout).toContain(`  sandbox   ${d.dir}\n`);
    expect(d.stdout).toContain('$ runbook exec rollback.md --yes \\\n    --set deployment-name=web --set container-name=web --set release-name=web \\\n');
    // The CLI's own line-per-event output (no terminal here), from first step to last.
    expect(d.stdout).toMatch(/^\[A\.1\] Identify Currently Deployed Version$/m);
    expect(d.stdout).toMatch(/^\[A\.2\.3\] │ migrate: reverted 002_add_order_status; schema now at version 1$/m);
    expect(d.stdout).toMatch(/^\[A\.2\.4\] \$ helm rollback web 2 {2}→ exit 0 in /m);
    expect(d.stdout).toMatch(/^\[A\.3\] │ smoke: all checks passed$/m);
    expect(d.stdout).toMatch(/^\[D\] │ ga-1\.1\.0$/m);
    expect(d.stdout).toMatch(/^run passed in /m);
    // The schema check, before → after.
    expect(d.stdout).toContain('  before  version 2: orders(id, customer_email, total_cents, created_at, status); 3 orders\n');
    expect(d.stdout).toContain('  after   version 1: orders(id, customer_email, total_cents, created_at); 3 orders\n');
    expect(d.stdout).toContain('  ✔ changed back: version 2 → 1, migration 002_add_order_status reverted; column orders.status, index orders_status dropped; all 3 orders kept\n');
    expect(readSchema(join(d.dir, '.sandbox', 'app.db')).version).toBe(1);
    // What the runbook found, beside what the seed's own pipeline gives in the same sandbox.
    expect(d.stdout).toContain([
      'Worth knowing',
      "  Step A.2.1 found v1.1.0 as the previous stable release. The seed's `sort -V | tail -n 2 |",
      '  head -n 1` gives v1.2.0 here, the release being rolled back: examples/sandbox/NOTES.md, section 1.',
      '  Step A.2.2 took helm revision 2 from `helm history web -o json`, not from memory.',
      '  Step D found the last known good tag ga-1.1.0 from the newest successful release workflow run;',
      '  the newest rc-/ga- tag, ga-1.2.0, did not pass its release workflow.',
      '',
    ].join('\n'));
    // Where everything is.
    expect(d.stdout).toMatch(/^Result {8}passed \(exit 0\): 11 of 11 steps passed\.$/m);
    expect(d.stdout).toMatch(new RegExp(`^Journal {7}${d.dir}/\\.runbook/runs/\\d{8}-\\d{6}-[0-9a-f]+ `, 'm'));
    expect(d.recordFile).toBeDefined();
    expect(isAbsolute(d.recordFile!)).toBe(true);
    expect(d.recordFile!.startsWith(join(d.dir, 'docs', 'releases', 'rollback-drills'))).toBe(true);
    const record = readFileSync(d.recordFile!, 'utf8');
    expect(field(record, 'Result')).toBe('**PASSED** — 11 of 11 steps passed.');
    expect(field(record, 'Environment')).toBe('sandbox');
    // The versions the demo gave, as the runbook's captures confirmed them: the last known good
    // tag by seed section D.
    const release = section(record, 'Release');
    expect(field(release, 'Release version (from)')).toBe('`v1.2.0` (the release version given to the run; captured as `deployed-image` in step A.1: `registry.example.com/shop/web:v1.2.0`)');
    expect(field(release, 'Rollback target (to)')).toBe('`v1.1.0` (the rollback target version given to the run; captured as `previous-tag` in step A.2.1)');
    expect(field(release, 'Last known good')).toBe('`ga-1.1.0` (captured as `last-known-good` in step D)');
  });

  it('drills the failing scenario: exit 1, the record shows the failure and its follow-up', () => {
    const d = failing;
    expect(d.code).toBe(1);
    expect(d.stdout).toContain('  scenario  failing: roll back to v1.1.0, whose image is gone from the registry');
    expect(d.stdout).toMatch(/^\[A\.2\.4\] │ Rollback was a success! Happy Helming!$/m);
    expect(d.stdout).toMatch(/^\[A\.3\] │ smoke: FAIL {2}rollout: error: deployment "web" exceeded its progress deadline$/m);
    // The down migration ran before the code rollback, so the schema changed back all the same.
    expect(d.stdout).toContain('  ✔ changed back: version 2 → 1, migration 002_add_order_status reverted;');
    expect(d.stdout).toContain('only the smoke test, step A.3, caught it.\n');
    expect(d.stdout).toContain('Action items in the record\n  - [ ] Find and fix the cause of the failure of step A.3 (Validate Rollback Success), then run the drill again. — **Owner:** _unassigned_ · **Due:** _not set_\n');
    expect(d.stdout).toMatch(/^Result {8}failed \(exit 1\): Failed at step A\.3 \(Validate Rollback Success\): exit 2; 5 of 11 steps passed\.$/m);
    expect(d.recordFile).toBeDefined();
    const record = readFileSync(d.recordFile!, 'utf8');
    expect(field(record, 'Result')).toBe('**FAILED** — Failed at step A.3 (Validate Rollback Success): exit 2; 5 of 11 steps passed.');
    expect(record).toContain('smoke: FAIL  rollout: error: deployment "web" exceeded its progress deadline');
    // Step D never ran, so the record does not claim a last known good tag.
    expect(field(section(record, 'Release'), 'Last known good')).toBe('_not recorded_');
  });

  it('fails the passing scenario when the schema did not change back', async () => {
    // Only A.1 runs: the drill itself passes, but nothing reverted the migration.
    const d = await demo('--only', 'A.1');
    expect(d.code).toBe(1);
    expect(d.stdout).toContain('  ✖ not changed back: still at version 2; the drill\'s step A.2.3 should have reverted the last migration\n');
    expect(d.stdout).toContain('Worth knowing\n  The drill stopped before it found the versions: examples/sandbox/NOTES.md says what each step looks for.\n');
    expect(d.stdout).toMatch(/^Result {8}failed \(exit 1\): the database schema did not change back \(the drill itself: PASSED — 1 of 11 steps passed\.\)$/m);
    expect(d.recordFile && existsSync(d.recordFile)).toBe(true);
  });

  it('stops with the CLI\'s exit code when the drill cannot start', async () => {
    const d = await demo('--set', 'deployment-name=Web_1');
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('invalid value for <deployment-name>');
    expect(d.stderr).toContain('demo: the drill did not start (exit 2); see the message above\n');
    expect(d.stdout).not.toContain('Drill record');
  });

  it('refuses an unknown scenario before building anything', async () => {
    const d = await demo('--scenario', 'flaky');
    expect(d.code).toBe(2);
    expect(d.stderr).toBe('demo: unknown scenario "flaky"; expected one of passing, failing\n');
    expect(existsSync(d.dir)).toBe(false);
  });

  it('refuses a --dir that is not empty, and leaves what is in it alone', async () => {
    const dir = await temp('runbook-e2e-demo-');
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const result = await spawnCollect(process.execPath, [demoFile, '--dir', dir], { cwd: repoDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`demo: --dir ${dir} is not empty; give it a new or empty folder\n`);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});

// README.md shows what the demo prints: both scenarios, as a newcomer runs them (as alice).
describe('README: the demo section', () => {
  const readme = readFileSync(join(repoDir, 'README.md'), 'utf8');
  const demoSection = readme.slice(readme.indexOf('## The demo: a real rollback drill\n'), readme.indexOf('## Writing your own runbook\n'));
  const [terminal, release, failingShown, evidence] = fencedBlocks(demoSection).filter((b) => b.lang === 'text').map((b) => b.body.split('\n'));

  const recordOf = (d: Demo) => (d.recordFile ? readFileSync(d.recordFile, 'utf8') : '');

  /** What changes from run to run: the sandbox folder, run ids and dates, durations. */
  function normalize(lines: string[], dir: RegExp | string): string[] {
    return lines.map((l) =>
      l
        .replaceAll(dir, 'SANDBOX')
        .replaceAll(repoDir, '/path/to/runbook/')
        .replace(/\d{4}-\d\d-\d\d-rollback-\d{8}-\d{6}-[0-9a-f]+/g, 'RECORD')
        .replace(/\d{8}-\d{6}-[0-9a-f]+/g, 'RUN')
        .replace(/\d+\.\ds\b/g, 'N.Ns'),
    );
  }

  /** `shown` minus its `…` lines appears in `actual` in order. */
  function expectInOrder(shown: string[], actual: string[]): void {
    let at = 0;
    for (const line of shown.filter((l) => l.trim() !== '…')) {
      const found = actual.indexOf(line, at);
      expect(found, `README line not printed (in this order): ${JSON.stringify(line)}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  }

  it('shows what the passing demo prints around the task list, and the Release part of its record', () => {
    const d = { ...passing, record: recordOf(passing) };
    expect(d.code).toBe(0);
    // The task list is drawn in a terminal only (test/e2e/terminal.test.ts); without one the same
    // run prints plain lines, so the lines before and after it are compared here.
    const shownDir = terminal!.find((l) => l.startsWith('  sandbox   '))!.slice('  sandbox   '.length);
    const outside = (lines: string[], first: (l: string) => boolean) => {
      const from = lines.findIndex(first);
      const to = lines.findIndex((l) => l.startsWith('run passed in '));
      return [...lines.slice(0, from), ...lines.slice(to)];
    };
    // "Look around: cd … && node …/bin/runbook.js runs" names this machine's paths: the README leaves it out.
    const printed = d.stdout.trimEnd().split('\n').filter((l, i, all) => !l.startsWith('Look around: ') && !(l === '' && all[i - 1]?.startsWith('Look around: ')));
    // Plain output starts with a run header where the terminal draws the task list.
    const plainStart = (l: string) => l.startsWith('Release Rollback Runbook — run ') || l.startsWith('[');
    expect(normalize(outside(terminal!, (l) => l.startsWith('✔ ')), shownDir)).toEqual(normalize(outside(printed, plainStart), d.dir));
    // The task list's lines, as plain lines of the same run: every step and its key output.
    for (const line of terminal!.filter((l) => /^✔ \S+  /.test(l))) {
      const [, id, title] = /^✔ (\S+) {2}(.+?) — /.exec(line)!;
      expect(d.stdout).toContain(`[${id}] ${title}\n`);
    }
    expect(normalize(section(d.record, 'Release').filter(Boolean), d.dir)).toEqual(release!.slice(1).filter(Boolean));
  });

  it('shows what the failing demo prints, and the evidence its record keeps', () => {
    const d = { ...failing, record: recordOf(failing) };
    expect(d.code).toBe(1);
    expectInOrder(normalize(failingShown!, d.dir), normalize(d.stdout.split('\n'), d.dir));
    expectInOrder(evidence!, d.record.split('\n'));
  });
});
