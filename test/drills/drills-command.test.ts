// `runbook drills` in-process, over a real git repository with tags and real records rendered by
// the shipped template: the history in each format, what is skipped and said, and the check.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDrills, type DrillsIo, type DrillsOptions } from '../../src/cli/drills-command.js';
import { ExitCode, UsageError } from '../../src/cli/errors.js';
import { buildRecordContext } from '../../src/record/build-record-context.js';
import type { RecordContext } from '../../src/record/record-context.js';
import { renderRecord } from '../../src/record/render-record.js';
import { readJournal } from '../record/read-journal.js';
import { gitRepos, type GitRepo } from './git-repo.js';

const newRepo = gitRepos();
const passed = buildRecordContext(readJournal(join(import.meta.dirname, '../record/fixtures/passed/events.jsonl')));
const recordsDir = 'docs/releases/rollback-drills';

/** A record as `runbook exec` writes it, from the passing fixture with these facts changed. */
function record(startedAt: string, more: Partial<RecordContext> & { result?: RecordContext['totals']['result']; ttr?: number | null } = {}): string {
  const { result, ttr, ...rest } = more;
  return renderRecord({
    ...passed,
    drillId: `drill-${startedAt.slice(0, 10)}`,
    date: startedAt.slice(0, 10),
    startedAt,
    releaseVersion: null,
    rollbackTargetVersion: null,
    ...rest,
    totals: { ...passed.totals, result: result ?? 'passed', timeToRollbackMs: ttr === undefined ? 148_000 : ttr },
  });
}

async function run(repo: GitRepo, options: Partial<DrillsOptions> = {}): Promise<{ stdout: string; stderr: string; error: unknown }> {
  let stdout = '';
  let stderr = '';
  const io: DrillsIo = { cwd: repo.dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  try {
    await runDrills({ format: 'text', ...options }, io);
    return { stdout, stderr, error: null };
  } catch (error) {
    return { stdout, stderr, error };
  }
}

describe('runbook drills: the history', () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = newRepo();
    repo.write(`${recordsDir}/2026-11-01-rollback-a.md`, record('2026-11-01T09:00:00.000Z', { releaseVersion: 'v1.1.0', rollbackTargetVersion: 'v1.0.0', ttr: 95_000 }));
    repo.write(`${recordsDir}/2026-11-26-rollback-b.md`, record('2026-11-26T14:00:00.000Z', { releaseVersion: 'v1.2.0', rollbackTargetVersion: 'v1.1.0', ttr: 148_000 }));
    repo.write(`${recordsDir}/2026/2026-11-20-rollback-c.md`, record('2026-11-20T08:30:00.000Z', { mode: 'dry-run', result: 'planned', ttr: null }));
    repo.write(`${recordsDir}/2026-11-15-rollback-d.md`, record('2026-11-15T16:45:00.000Z', { result: 'failed', ttr: null, versions: { ...passed.versions, from: { value: 'registry.example.com/shop/web:v1.2.0', capture: { name: 'deployed-image', stepId: 'A.1', value: 'registry.example.com/shop/web:v1.2.0' }, given: null, conflict: false } } }));
    // What is not a record: an old record without frontmatter, a broken link, the seed's template, a README.
    repo.write(`${recordsDir}/2025-06-01-old.md`, '# Rollback drill record: Old\n\n- **Drill id:** `x`\n');
    symlinkSync(join(repo.dir, 'nowhere.md'), join(repo.dir, recordsDir, 'broken.md'));
    repo.write(`${recordsDir}/ROLLBACK_DRILL_TEMPLATE.md`, '# {{runbook.title}}\n');
    repo.write(`${recordsDir}/README.md`, '# Drill records\n');
    repo.write(`${recordsDir}/.draft.md`, 'not read\n');
  });

  it('lists every drill record newest first, sub-folders included', async () => {
    const { stdout, error } = await run(repo);
    expect(error).toBeNull();
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^STARTED \(UTC\)\s+RESULT\s+MODE\s+RELEASE → TARGET\s+TIME TO ROLL BACK\s+RUNBOOK\s+RECORD$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
      ['2026-11-26 14:00:00Z', 'passed', 'live', 'v1.2.0 → v1.1.0', '2m 28s', 'runbooks/rollback.md', `${recordsDir}/2026-11-26-rollback-b.md`],
      // No release planned: the version found deployed (an image, by its tag) stands for it.
      ['2026-11-20 08:30:00Z', 'planned', 'dry-run', 'v1.4.0 → v1.3.2', '—', 'runbooks/rollback.md', `${recordsDir}/2026/2026-11-20-rollback-c.md`],
      ['2026-11-15 16:45:00Z', 'failed', 'live', 'v1.2.0 → v1.3.2', '—', 'runbooks/rollback.md', `${recordsDir}/2026-11-15-rollback-d.md`],
      ['2026-11-01 09:00:00Z', 'passed', 'live', 'v1.1.0 → v1.0.0', '1m 35s', 'runbooks/rollback.md', `${recordsDir}/2026-11-01-rollback-a.md`],
    ]);
  });

  it('warns about each file it cannot read as a record, and skips it', async () => {
    const { stderr } = await run(repo);
    expect(stderr.trimEnd().split('\n')).toEqual([
      `runbook: warning: ${recordsDir}/2025-06-01-old.md: no frontmatter (a record written before records had one can be rendered again with \`runbook record RUN\`); skipped`,
      `runbook: warning: ${recordsDir}/broken.md: cannot read it (ENOENT); skipped`,
    ]);
  });

  it('prints Markdown with a chart of time to roll back, oldest drill first', async () => {
    const { stdout } = await run(repo, { format: 'markdown' });
    expect(stdout).toContain(`4 drill records in \`${recordsDir}\`, newest first.`);
    expect(stdout).toContain(`| 2026-11-26 14:00:00Z | ✅ passed | live | v1.2.0 → v1.1.0 | 2m 28s | \`runbooks/rollback.md\` | \`${recordsDir}/2026-11-26-rollback-b.md\` |`);
    expect(stdout).toContain('| 2026-11-15 16:45:00Z | ❌ failed | live |');
    expect(stdout).toContain(['```mermaid', 'xychart-beta', '  title "Time to roll back per drill (minutes)"', '  x-axis ["2026-11-01 09:00 v1.1.0", "2026-11-26 14:00 v1.2.0"]', '  y-axis "minutes" 0 --> 3', '  bar [1.58, 2.47]', '```'].join('\n'));
  });

  it('prints JSON with every drill and every warning', async () => {
    const { stdout } = await run(repo, { format: 'json' });
    const data = JSON.parse(stdout) as { dir: string; drills: { drillId: string; path: string; timeToRollbackMs: number | null }[]; warnings: { path: string }[] };
    expect(data.dir).toBe(recordsDir);
    expect(data.drills.map((d) => d.drillId)).toEqual(['drill-2026-11-26', 'drill-2026-11-20', 'drill-2026-11-15', 'drill-2026-11-01']);
    expect(data.drills[0]).toMatchObject({ path: `${recordsDir}/2026-11-26-rollback-b.md`, release: 'v1.2.0', timeToRollbackMs: 148_000 });
    expect(data.warnings.map((w) => w.path)).toEqual([`${recordsDir}/2025-06-01-old.md`, `${recordsDir}/broken.md`]);
  });
});

describe('runbook drills --check', () => {
  let repo: GitRepo;
  beforeAll(() => {
    repo = newRepo();
    repo.commit('first release', '2026-10-01T10:00:00Z');
    repo.tag('v1.0.0', '2026-10-01T10:00:00Z');
    repo.commit('release candidate', '2026-10-20T10:00:00Z');
    repo.tag('v1.1.0-rc.1', '2026-10-20T10:00:00Z');
    repo.tag('v1.1.0', '2026-11-01T10:00:00Z');
    repo.tag('ga-2026-11-01', '2026-11-01T10:05:00Z');
    // A lightweight tag is dated by its commit.
    repo.commit('next release', '2026-12-01T10:00:00Z');
    repo.tag('v1.2.0', '2026-12-24T00:00:00Z', { lightweight: true });
    repo.write(`${recordsDir}/a.md`, record('2026-10-05T09:00:00.000Z'));
    repo.write(`${recordsDir}/b.md`, record('2026-11-10T09:00:00.000Z', { result: 'failed', ttr: null }));
    repo.write(`${recordsDir}/c.md`, record('2026-11-12T09:00:00.000Z', { mode: 'dry-run', result: 'planned', ttr: null }));
  });

  it('exits 1 naming each release tag since TAG with no passing live drill after it', async () => {
    const { stdout, error } = await run(repo, { check: true, since: 'v1.0.0' });
    expect(error).toBeInstanceOf(ExitCode);
    expect((error as ExitCode).code).toBe(1);
    expect(stdout.trimEnd().split('\n')).toEqual([
      'release tags since v1.0.0 (pre-releases left out):',
      'TAG     TAGGED (UTC)          PASSING LIVE DRILL',
      `v1.0.0  2026-10-01 10:00:00Z  passed 2026-10-05 09:00:00Z  ${recordsDir}/a.md`,
      'v1.1.0  2026-11-01 10:00:00Z  MISSING: no passing live drill (1 dry run, 1 failed live)',
      'v1.2.0  2026-12-01 10:00:00Z  MISSING: no passing live drill',
      '2 of 3 release tags since v1.0.0 have no passing live drill: v1.1.0, v1.2.0',
    ]);
  });

  it('exits 0 once each has one: a drill of that release, or one in its window', async () => {
    const more = newRepo();
    for (const [name, date] of [['v1.0.0', '2026-10-01T10:00:00Z'], ['v1.1.0', '2026-11-01T10:00:00Z']] as const) {
      more.commit(name, date);
      more.tag(name, date);
    }
    more.write(`${recordsDir}/x.md`, record('2026-10-02T00:00:00.000Z'));
    // Run in the window of v1.1.0, but named as a drill of v1.0.0: it counts for both.
    more.write(`${recordsDir}/y.md`, record('2026-11-02T00:00:00.000Z', { releaseVersion: '1.0.0' }));
    const { stdout, error } = await run(more, { check: true, since: 'v1.0.0' });
    expect(error).toBeNull();
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('every release tag since v1.0.0 has a passing live drill (2 checked)');
  });

  it('checks pre-release tags only with --include-prereleases', async () => {
    const { stdout } = await run(repo, { check: true, since: 'v1.0.0', includePrereleases: true });
    expect(stdout).toContain('release tags since v1.0.0, pre-releases included:');
    expect(stdout).toMatch(/^v1\.1\.0-rc\.1 +2026-10-20 10:00:00Z +MISSING/m);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('3 of 4 release tags since v1.0.0 have no passing live drill: v1.1.0-rc.1, v1.1.0, v1.2.0');
  });

  it('checks every release tag without --since', async () => {
    const { stdout } = await run(repo, { check: true });
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('2 of 3 release tags have no passing live drill: v1.1.0, v1.2.0');
  });

  it('prints the check as Markdown and as JSON', async () => {
    const markdown = await run(repo, { check: true, since: 'v1.1.0', format: 'markdown' });
    expect(markdown.stdout).toContain('| `v1.1.0` | 2026-11-01 10:00:00Z | ❌ none (1 dry run, 1 failed live) |');
    expect(markdown.stdout).toContain('**2 of 2 release tags since v1.1.0 have no passing live drill: v1.1.0, v1.2.0.**');
    const json = await run(repo, { check: true, since: 'v1.0.0', format: 'json' });
    const data = JSON.parse(json.stdout) as { missing: string[]; releases: { tag: string; drill: { path: string } | null; others: { result: string }[] }[] };
    expect(data.missing).toEqual(['v1.1.0', 'v1.2.0']);
    expect(data.releases[0]?.drill?.path).toBe(`${recordsDir}/a.md`);
    expect(data.releases[1]?.others.map((d) => d.result)).toEqual(['planned', 'failed']);
    expect((json.error as ExitCode).code).toBe(1);
  });
});

describe('runbook drills: bad input', () => {
  const usage = async (repo: GitRepo, options: Partial<DrillsOptions>): Promise<string> => {
    const { error, stdout } = await run(repo, options);
    expect(error).toBeInstanceOf(UsageError);
    expect(stdout).toBe('');
    const e = error as UsageError;
    return e.file ? `${e.file}: ${e.message}` : e.message;
  };

  it('an unknown --since tag, with the nearest one suggested', async () => {
    const repo = newRepo();
    repo.commit('r', '2026-10-01T10:00:00Z');
    repo.tag('v1.2.0', '2026-10-01T10:00:00Z');
    expect(await usage(repo, { check: true, since: 'v1.2.O' })).toBe('--since v1.2.O: no such tag; did you mean v1.2.0?');
    expect(await usage(repo, { check: true, since: 'v9.0.0' })).toBe('--since v9.0.0: no such tag; did you mean v1.2.0?');
  });

  it('--check outside a git repository', async () => {
    const repo = newRepo();
    const notGit = join(repo.dir, 'elsewhere');
    mkdirSync(notGit);
    writeFileSync(join(notGit, '.git'), 'gitdir: /nonexistent\n');
    const { error } = await run({ ...repo, dir: notGit }, { check: true });
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(/^not inside a git repository|^cannot read the release tags with git/);
  });

  it('--since or --include-prereleases without --check', async () => {
    const repo = newRepo();
    expect(await usage(repo, { since: 'v1.0.0' })).toBe('--since goes with --check (runbook drills --check --since TAG)');
    expect(await usage(repo, { includePrereleases: true })).toBe('--include-prereleases goes with --check (runbook drills --check --since TAG)');
  });

  it('a --dir that does not exist or is a file; the default folder may not exist yet', async () => {
    const repo = newRepo();
    expect(await usage(repo, { dir: 'drills' })).toBe('drills: cannot read the drill records folder (ENOENT)');
    repo.write('notes.md', '');
    expect(await usage(repo, { dir: 'notes.md' })).toBe('notes.md: is not a folder: --dir names the folder that holds the drill records');
    expect((await run(repo)).stdout).toBe(`no drill records in ${recordsDir}\n`);
    repo.write('drills/one.md', record('2026-11-01T00:00:00.000Z'));
    expect((await run(repo, { dir: 'drills' })).stdout).toContain('drills/one.md');
  });
});
