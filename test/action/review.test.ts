// The action's review script, run as the action runs it (a real process, in a real repository
// with a base and a head commit, the real CLI), with GitHub's API answered by a fake on
// localhost that records each request. The artifact upload is a step of the action this test
// does not run: the test checks that the files are where that step looks for them.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/run-cli.js';
import { gitRepos, type GitRepo } from '../drills/git-repo.js';
import { startFakeGitHub, type Comment, type FakeGitHub } from './fake-github.js';

const MARKER = '<!-- runbook-review -->';
const newRepo = gitRepos();
const rollback = readFileSync(join(repoRoot, 'runbooks/rollback.md'), 'utf8');
const values = 'deployment-name: web\ncontainer-name: web\nrelease-name: web\n';
const restore = '# Restore the database\n\n## 1. Restore\n\n- **Command:** `restore-db --from <backup-id>`\n- **Expected Outcome:** Restored: `stdout contains "restored"`\n';

interface Action {
  runs: { using: string; steps: { id?: string; name?: string; if?: string; uses?: string; run?: string; shell?: string; 'working-directory'?: string; env?: Record<string, string>; with?: Record<string, unknown> }[] };
  inputs: Record<string, { default?: string }>;
}
const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as Action;
const reviewStep = action.runs.steps.find((s) => s.id === 'review');
const uploadStep = action.runs.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));

let servers: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function fakeGitHub(options: { comments?: Comment[]; refuse?: boolean } = {}): Promise<FakeGitHub> {
  const server = await startFakeGitHub({ repository: 'acme/shop', issue: 7, ...options });
  servers.push(server);
  return server;
}

interface Review {
  code: number | null;
  stdout: string;
  stderr: string;
  out: string;
  summary: string;
  outputs: Record<string, string>;
  review: string;
}

/** Runs scripts/action/review.mjs as the action's review step does, `runner.temp` a fresh folder. */
function review(repo: GitRepo, options: { base: string; github?: FakeGitHub; fork?: boolean; env?: Record<string, string> }): Promise<Review> {
  const temp = mkdtempSync(join(tmpdir(), 'runbook-action-'));
  const runnerTemp = join(temp, 'runner-temp');
  const files = { summary: join(temp, 'summary.md'), output: join(temp, 'output'), event: join(temp, 'event.json') };
  writeFileSync(files.event, JSON.stringify({ pull_request: { number: 7, head: { repo: { full_name: options.fork ? 'someone/shop' : 'acme/shop' } } } }));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|REVIEW_|RUNBOOK_|RUNNER_)/.test(k)));
  const stepEnv = Object.fromEntries(
    Object.entries(reviewStep?.env ?? {}).map(([k, v]) => [k, v.replace('${{ runner.temp }}', runnerTemp).replace(/^\$\{\{ inputs\.([\w-]+) \}\}$/, (_, input: string) => action.inputs[input]?.default ?? '')]),
  );
  const env = {
    ...inherited,
    ...stepEnv,
    REVIEW_BASE: options.base,
    GITHUB_TOKEN: 'test-token',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    ...(options.github && { GITHUB_API_URL: options.github.url }),
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'scripts/action/review.mjs')], { cwd: repo.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
      const outputs = Object.fromEntries(read(files.output).split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      resolve({ code, stdout, stderr, out: join(runnerTemp, 'runbook-review'), summary: read(files.summary), outputs, review: read(outputs['review-file'] ?? '') });
    });
  });
}

/** The base: two rollback.md in different folders, a runbook with its own values, a note. */
function baseRepo(): { repo: GitRepo; base: string } {
  const repo = newRepo();
  repo.write('runbooks/rollback.md', rollback);
  repo.write('runbooks/payments/rollback.md', rollback.replace('# Release Rollback Runbook', '# Payments Rollback Runbook'));
  repo.write('runbooks/payments/rollback.review.yaml', values);
  repo.write('runbooks/db/restore.md', restore);
  repo.write('runbooks/db/restore.review.yaml', 'backup-id: nightly-1\n');
  repo.write('.github/runbook-review.yaml', values);
  repo.write('docs/notes.md', '# Notes\n');
  return { repo, base: repo.commit('base', '2026-11-01T10:00:00Z') };
}

const unrelated = (n: number): Comment[] => Array.from({ length: n }, (_, i) => ({ id: i + 1, body: `comment ${i + 1}`, user: { login: 'dana', type: 'User' } }));
const count = (text: string, part: string) => text.split(part).length - 1;

describe('the review script (action.yml)', () => {
  it('reviews every changed runbook, catches each command that fails, posts one comment, fails on lint errors', async () => {
    const { repo, base } = baseRepo();
    repo.write('runbooks/rollback.md', rollback.replace('make smoke', 'make smoke-test'));
    repo.write('runbooks/payments/rollback.md', rollback.replace('# Release Rollback Runbook', '# Payments Rollback Runbook').replace('`npm run migrate:down`', '`npm run migrate:down -- --to 41`'));
    repo.write('runbooks/broken.md', '# Broken\n\n## 1. Wait\n\n- **Command:** `sleep 1`\n- **Timeout:** soon\n');
    writeFileSync(join(repo.dir, 'runbooks/blob.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02, 0x0a]));
    repo.write('runbooks/db/restore.review.yaml', 'backup-id: nightly-2\n');
    repo.write('docs/notes.md', '# Notes, changed\n');
    repo.commit('head', '2026-11-02T10:00:00Z');
    const github = await fakeGitHub({ comments: unrelated(120) });

    const result = await review(repo, { base, github });

    // Lint errors (and a file lint cannot read) fail the job, after everything else is done.
    expect(result.code).toBe(1);
    expect(result.outputs.failed).toBe('true');
    expect(result.stdout).toContain('::error file=runbooks/broken.md,line=6,col=3,title=invalid-timeout::');

    // One comment, created once the existing ones (two pages) held no marker.
    expect(github.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/shop/issues/7/comments?per_page=100&page=1',
      'GET /repos/acme/shop/issues/7/comments?per_page=100&page=2',
      'POST /repos/acme/shop/issues/7/comments',
    ]);
    expect(github.requests.every((r) => r.authorization === 'Bearer test-token')).toBe(true);
    const body = github.requests.at(-1)?.body?.body ?? '';
    expect(body).toBe(result.review);
    expect(body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(result.stdout).toContain('runbook review: comment created: https://github.example/acme/shop/pull/7#issuecomment-9000');

    // What changed, and why each runbook is reviewed; the note is not a runbook.
    expect(body).toContain('- `runbooks/db/restore.md`: its values (runbooks/db/restore.review.yaml) changed');
    expect(body).toContain('- `runbooks/payments/rollback.md`: changed');
    expect(body).not.toContain('docs/notes.md');
    expect(body).toContain('| `runbooks/broken.md:6:3` | error | Unexpected timeout `soon`');

    // `runbook diff` exits 2 on the binary file: the others are still compared, and the failure is shown.
    expect(body).toContain('### `runbooks/rollback.md` — modified');
    expect(body).toContain('### `runbooks/payments/rollback.md` — modified');
    expect(body).toMatch(/> `runbook diff` could not compare `runbooks\/blob\.md` \(exit 2\)\.\n\n```text\nrunbook: \S*runbooks\/blob\.md: looks like a binary file/);
    expect(body).toMatch(/## Runbook plan: `runbooks\/blob\.md`\n\n> \[!WARNING\]\n> `runbook plan` could not plan it/);

    // Plans, with the values each runbook uses.
    expect(body).toContain('## Runbook plan: Release Rollback Runbook');
    expect(body).toContain('## Runbook plan: Payments Rollback Runbook');
    expect(body).toContain('_Planned with the values of `runbooks/payments/rollback.review.yaml`._');
    expect(body).toContain('_Planned with the values of `.github/runbook-review.yaml`._');
    expect(body).toContain('_Planned with the values of `runbooks/db/restore.review.yaml`._');
    expect(body).toContain('`nightly-2`');

    // Two rollback.md in different folders keep a record each, where the upload step looks.
    const uploaded = String(uploadStep?.with?.path).replace('${{ runner.temp }}', join(result.out, '..'));
    expect(uploaded).toBe(`${result.outputs['records-dir']}/`);
    const records = ['runbooks/rollback.dry-run.md', 'runbooks/payments/rollback.dry-run.md', 'runbooks/db/restore.dry-run.md'].map((p) => readFileSync(join(uploaded, p), 'utf8'));
    expect(records.map((r) => /^runbook: "(.*)"$/m.exec(r)?.[1])).toEqual(['runbooks/rollback.md', 'runbooks/payments/rollback.md', 'runbooks/db/restore.md']);
    expect(records.every((r) => /^mode: "dry-run"$/m.test(r))).toBe(true);
    expect(existsSync(join(uploaded, 'runbooks/broken.dry-run.log'))).toBe(true);
    expect(existsSync(join(uploaded, 'runbooks/broken.dry-run.md'))).toBe(false);
    expect(body).toContain('**Dry run:** drill record `runbooks/payments/rollback.dry-run.md` in the `drill-records` artifact of this workflow run.');
    expect(body).toContain('> The dry run of `runbooks/broken.md` stopped before it started; its log is `runbooks/broken.dry-run.log` in the `drill-records` artifact (exit 2).');

    // The job summary holds the review once, and nothing a dry run would have added of its own.
    expect(result.summary).toBe(result.review);
    expect(count(result.summary, MARKER)).toBe(1);
    expect(result.summary).not.toContain('### 📝');
  });

  it('updates the comment it posted before, found by its marker, when only a values file changed', async () => {
    const { repo, base } = baseRepo();
    repo.write('.github/runbook-review.yaml', values.replace('container-name: web', 'container-name: shop'));
    repo.commit('new review values', '2026-11-02T10:00:00Z');
    const github = await fakeGitHub({ comments: [...unrelated(3), { id: 555, body: `${MARKER}\nthe review of the last push`, user: { login: 'github-actions[bot]', type: 'Bot' } }, ...unrelated(2)] });

    const result = await review(repo, { base, github });

    expect(result.code, result.stderr).toBe(0);
    expect(result.outputs.failed).toBe('false');
    expect(github.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /repos/acme/shop/issues/7/comments?per_page=100&page=1', 'PATCH /repos/acme/shop/issues/comments/555']);
    const body = github.comments.find((c) => c.id === 555)?.body ?? '';
    expect(body).toBe(result.review);
    // The shared values serve the runbooks that have none of their own.
    expect(body).toContain('1 runbook changed since');
    expect(body).toContain('- `runbooks/rollback.md`: its values (.github/runbook-review.yaml) changed');
    expect(body).toContain('`shop` (vars)');
  });

  it('leaves the comment out for a fork, and reports a comment it could not post without failing the job', async () => {
    const { repo, base } = baseRepo();
    repo.write('runbooks/db/restore.md', restore.replace('Restored:', 'Restored from the backup:'));
    repo.commit('head', '2026-11-02T10:00:00Z');

    const quiet = await fakeGitHub();
    const fork = await review(repo, { base, github: quiet, fork: true });
    expect(fork.code).toBe(0);
    expect(quiet.requests).toEqual([]);
    expect(fork.stdout).toContain('::notice::runbook review: a pull request from a fork has a read-only token, so no comment; the review is in the job summary');
    expect(fork.summary).toContain('## Runbook plan: Restore the database');

    const refusing = await fakeGitHub({ refuse: true });
    const refused = await review(repo, { base, github: refusing });
    expect(refused.code).toBe(0);
    expect(refusing.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(refused.stdout).toMatch(/^::warning::runbook review: the comment could not be posted \(POST \/repos\/acme\/shop\/issues\/7\/comments: 403 Forbidden \(Resource not accessible by integration\)\); the review is in the job summary/m);
  });

  it('still posts the review, and fails, when the base cannot be compared', async () => {
    const { repo } = baseRepo();
    const github = await fakeGitHub();
    const result = await review(repo, { base: 'origin/no-such-branch', github });
    expect(result.code).toBe(1);
    const body = github.requests.at(-1)?.body?.body ?? '';
    expect(body).toContain('> [!CAUTION]\n> The changed runbooks could not be found: git could not compare with origin/no-such-branch');
    expect(body).toContain('`fetch-depth: 0`');
  });
});

describe('action.yml', () => {
  it('is a composite action that installs the CLI from its own checkout, then reviews, then uploads the records whatever happened', () => {
    expect(action.runs.using).toBe('composite');
    const install = action.runs.steps.find((s) => s.run?.includes('npm ci'));
    expect(install?.['working-directory']).toBe('${{ github.action_path }}');
    expect(install?.run).toContain('npm run build');
    expect(reviewStep?.run).toBe('node "$GITHUB_ACTION_PATH/scripts/action/review.mjs"');
    expect(reviewStep?.env?.GITHUB_TOKEN).toBe('${{ inputs.github-token }}');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['runbooks', 'values', 'base', 'github-token']));
    expect(action.inputs.base?.default).toBe('origin/${{ github.base_ref }}');
    expect(action.inputs.runbooks?.default).toBe('runbooks/**/*.md');
    expect(uploadStep?.if).toBe('always()');
    expect(uploadStep?.with?.name).toBe('${{ inputs.artifact-name }}');
    expect(action.runs.steps.indexOf(uploadStep!)).toBeGreaterThan(action.runs.steps.indexOf(reviewStep!));
  });

  it('the review runs lint with annotations, diff and plan as Markdown, and a dry run into a record', () => {
    const script = ['review.mjs', 'render-review.mjs'].map((f) => readFileSync(join(repoRoot, 'scripts/action', f), 'utf8')).join('\n');
    expect(script).toContain("['lint', '--format', 'github'");
    expect(script).toContain("['diff', base, ...files, '--format', 'markdown']");
    expect(script).toContain("['plan', target.path, '--format', 'markdown'");
    expect(script).toContain("['exec', target.path, '--dry-run', '--record', record");
    expect(script).toContain("export const MARKER = '<!-- runbook-review -->'");
  });
});

describe('the example workflow', () => {
  it('is a few lines that use the action, triggered by runbooks and their values files', () => {
    const workflow = parse(readFileSync(join(repoRoot, 'examples/github/runbook-review.yml'), 'utf8')) as {
      on: { pull_request: { paths: string[] } };
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    expect(workflow.on.pull_request.paths).toEqual(['runbooks/**/*.md', 'runbooks/**/*.review.yaml', '.github/runbook-review.yaml']);
    expect(workflow.permissions['pull-requests']).toBe('write');
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    expect(steps).toHaveLength(2);
    expect(steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(steps[1]?.uses).toMatch(/^OWNER\/runbook@/);
  });
});
