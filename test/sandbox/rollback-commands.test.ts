// runbooks/rollback.md's own commands for the previous stable tag (A.2.1), the Helm revision
// (A.2.2) and the last-known-good tag (D), run for real over repositories and histories built to
// catch what the seed's commands get wrong, and what they must refuse to guess.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { devNull } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../e2e/helpers.js';
import { renderWith, rollbackCommand, run, runIn, sandboxes, sh, tempDirs } from './helpers.js';

const make = sandboxes();
const temp = tempDirs();
const gitEnv = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: devNull, GIT_DIR: undefined, GIT_WORK_TREE: undefined };

/** A repository with one commit per tag, in the order given. */
async function repoWithTags(tags: string[]): Promise<string> {
  const dir = await temp('runbook-tags-');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Dana Reyes', '-c', 'user.email=dana@shop.example', ...args], { cwd: dir, env: cleanEnv(gitEnv), stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  for (const tag of tags) {
    git('commit', '-q', '--allow-empty', '-m', `release ${tag}`);
    git('tag', '-a', tag, '-m', tag);
  }
  return dir;
}

describe('A.2.1: the previous stable release tag', () => {
  // Pre-releases of every kind, a 1.10 that sorts before 1.9 as text, a release tagged but not
  // deployed yet (v1.11.0 while v1.10.0 runs), and tags that are not releases.
  const TAGS = ['v1.9.0', 'v1.10.0-rc.1', 'v1.10.0-rc.2', 'v1.10.0', 'rc-1.10.0', 'ga-1.10.0', 'v1.10.1-rc.1', 'v1.11.0', 'v2.0.0-beta.1', 'v1.10', 'vnext', 'latest'];
  let dir: string;
  beforeAll(async () => {
    dir = await repoWithTags(TAGS);
  });
  const previous = (deployedImage: string) => runIn(dir, 'bash', ['-o', 'pipefail', '-c', renderWith(rollbackCommand('A.2.1'), { 'deployed-image': deployedImage })], gitEnv);

  it("prints a wrong tag with the seed's pipeline", async () => {
    const seed = await runIn(dir, 'bash', ['-o', 'pipefail', '-c', 'git tag --list "v*.*.*" | sort -V | tail -n 2 | head -n 1'], gitEnv);
    expect(seed.stdout).toBe('v1.11.0\n'); // whatever is deployed: here, the newest stable tag
  });

  it('prints the stable tag just below the deployed release, pre-releases and newer tags skipped', async () => {
    expect(await previous('registry.example.com/shop/web:v1.11.0')).toEqual({ code: 0, stdout: 'v1.10.0\n', stderr: '' });
    expect(await previous('registry.example.com/shop/web:v1.10.0')).toEqual({ code: 0, stdout: 'v1.9.0\n', stderr: '' });
    // An image tagged without the v names the same release.
    expect((await previous('registry.example.com:5000/shop/web:1.11.0')).stdout).toBe('v1.10.0\n');
  });

  it('prints nothing, rather than a guess, when the deployed release is not a stable tag or has none before it', async () => {
    // The step's matcher (`stdout matches /^v\d+\.\d+\.\d+$/`) and the empty capture then fail it.
    for (const image of ['registry.example.com/shop/web:v1.10.1-rc.1', 'registry.example.com/shop/web:v1.9.0', 'registry.example.com/shop/web:sha-4f2a9c1']) {
      expect(await previous(image), image).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });
});

describe('A.2.2: the Helm revision of that tag, from `helm history -o json`', () => {
  const revisionOf = async (sb: Awaited<ReturnType<typeof make>>, tag: string) =>
    sh(sb, renderWith(rollbackCommand('A.2.2'), { 'previous-tag': tag, 'release-name': 'web' }));

  it('finds the revision that deployed the tag, and the newest one after a rollback redeployed it', async () => {
    const sb = await make();
    expect(await revisionOf(sb, 'v1.1.0')).toEqual({ code: 0, stdout: '2\n', stderr: '' });
    expect((await revisionOf(sb, 'v1.0.0')).stdout).toBe('1\n');
    // A drill went to v1.1.0 (revision 5) and back to v1.2.0 (revision 6): 5 is now the newest.
    expect((await run(sb, 'helm', ['rollback', 'web', '2'])).code).toBe(0);
    expect((await run(sb, 'helm', ['rollback', 'web', '4'])).code).toBe(0);
    expect((await revisionOf(sb, 'v1.1.0')).stdout).toBe('5\n');
  });

  it('never picks a failed revision, and prints nothing for a tag Helm no longer has', async () => {
    const sb = await make('failing');
    // A rollback with --wait to the missing v1.1.0 image records a failed revision 5 of 1.1.0.
    expect((await run(sb, 'helm', ['rollback', 'web', '2', '--wait'])).code).toBe(1);
    expect((await revisionOf(sb, 'v1.1.0')).stdout).toBe('2\n');
    // Keeping 3 revisions prunes 1 and 2: v1.0.0 and v1.1.0 cannot be rolled back to by revision.
    expect((await run(sb, 'helm', ['rollback', 'web', '4', '--history-max', '3'])).code).toBe(0);
    expect(await revisionOf(sb, 'v1.0.0')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await revisionOf(sb, 'v1.1.0')).stdout).toBe('');
  });
});

describe('D: the last-known-good tag, from the newest successful release workflow run', () => {
  type Run = { headBranch: string; headSha: string; conclusion: string; event: string; workflowName: string };
  const lastKnownGood = async (sb: Awaited<ReturnType<typeof make>>) => sh(sb, renderWith(rollbackCommand('D'), {}));
  /** Edits the sandbox's workflow runs, as GitHub would have recorded a different history. */
  async function editRuns(sb: Awaited<ReturnType<typeof make>>, edit: (runs: Run[]) => void): Promise<void> {
    const state = JSON.parse(await readFile(sb.stateFile, 'utf8'));
    edit(state.github.runs);
    await writeFile(sb.stateFile, JSON.stringify(state, null, 2));
  }
  const release = (runs: Run[], tag: string) => runs.find((r) => r.workflowName === 'Release' && r.headBranch === tag)!;

  it('is ga-1.1.0: the newest rc-/ga- tags (rc-1.2.0, ga-1.2.0) failed their release workflow', async () => {
    const sb = await make();
    expect(await lastKnownGood(sb)).toEqual({ code: 0, stdout: 'ga-1.1.0\n', stderr: '' });
    const newest = await sh(sb, `git for-each-ref --sort=-creatordate --count=1 --format='%(refname:short)' 'refs/tags/rc-*' 'refs/tags/ga-*'`);
    expect(newest.stdout).toBe('ga-1.2.0\n');
  });

  it("joins a run that was not started by a tag with the rc-/ga- tags on its commit, newest first", async () => {
    const sb = await make();
    await editRuns(sb, (runs) => {
      for (const tag of ['rc-1.1.0', 'ga-1.1.0']) release(runs, tag).conclusion = 'failure';
      Object.assign(release(runs, 'ga-1.0.0'), { headBranch: 'main', event: 'workflow_dispatch' });
    });
    // rc-1.0.0's run succeeded too, but the dispatched run on the same commit is newer and that
    // commit's newest rc-/ga- tag is ga-1.0.0.
    expect((await lastKnownGood(sb)).stdout).toBe('ga-1.0.0\n');
  });

  it('skips a run whose tag is gone, falling back to the tags still on its commit', async () => {
    const sb = await make();
    expect((await run(sb, 'git', ['tag', '-d', 'ga-1.1.0'])).code).toBe(0);
    expect((await lastKnownGood(sb)).stdout).toBe('rc-1.1.0\n');
  });

  it('prints nothing when no release workflow run succeeded, and the step fails', async () => {
    const sb = await make();
    await editRuns(sb, (runs) => {
      for (const r of runs) if (r.workflowName === 'Release') r.conclusion = 'failure';
    });
    expect(await lastKnownGood(sb)).toEqual({ code: 0, stdout: '', stderr: '' });
    const step = await runCli(['exec', 'rollback.md', '--only', 'D', '--no-record'], sb.dir, sb);
    expect(step.code).toBe(1);
    expect(step.stdout).toMatch(/^\[D\] ✖ failed: stdout matches \/\^\(rc\|ga\)-\\S\+\$\/ — /m);
    expect(step.stdout).toMatch(/^run failed in /m);
  });
});
