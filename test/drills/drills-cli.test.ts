// `runbook drills` as a user runs it: a real drill by `runbook exec` writes its record, then the
// check's exit codes over the repository's tags.
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { runCliInProcess } from '../cli/run-cli-in-process.js';
import { gitRepos } from './git-repo.js';

const newRepo = gitRepos();
const runbook = '# Tiny rollback\n\n## 1. Roll back\n\n- **Command:** `echo rolled back`\n- **Expected Outcome:** Done: `stdout contains "rolled back"`\n';

describe('runbook drills (spawned)', () => {
  it('finds the record a live drill wrote; exits 1 naming a release without a drill, 2 for an unknown tag', async () => {
    const repo = newRepo();
    repo.write('rollback.md', runbook);
    repo.commit('runbook', '2020-01-01T00:00:00Z');
    repo.tag('v1.0.0', '2020-01-01T00:00:00Z');
    const env = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GITHUB_STEP_SUMMARY: undefined };

    const drill = runCli(['exec', 'rollback.md', '--release', 'v1.0.0', '--target', 'v0.9.0'], { cwd: repo.dir, env });
    expect(drill.code, drill.stderr).toBe(0);

    const history = await runCliInProcess(['drills'], { cwd: repo.dir, env });
    expect(history.code).toBe(0);
    expect(history.stderr).toBe('');
    expect(history.stdout).toMatch(/^\S+ \S+Z\s+passed\s+live\s+v1\.0\.0 → v0\.9\.0\s+\d\S*\s+rollback\.md\s+docs\/releases\/rollback-drills\/\d{4}-\d{2}-\d{2}-rollback-\S+\.md$/m);

    const ok = await runCliInProcess(['drills', '--check', '--since', 'v1.0.0'], { cwd: repo.dir, env });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('every release tag since v1.0.0 has a passing live drill (1 checked)');

    repo.commit('next release', '2099-01-01T00:00:00Z');
    repo.tag('v1.1.0', '2099-01-01T00:00:00Z');
    const missing = await runCliInProcess(['drills', '--check', '--since', 'v1.0.0'], { cwd: repo.dir, env });
    expect(missing.code).toBe(1);
    expect(missing.stdout.trimEnd().split('\n').at(-1)).toBe('1 of 2 release tags since v1.0.0 has no passing live drill: v1.1.0');

    const unknown = await runCliInProcess(['drills', '--check', '--since', 'v1.1'], { cwd: repo.dir, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe('runbook: --since v1.1: no such tag; did you mean v1.1.0?\n');
  });

  it('has --help with examples', async () => {
    const help = await runCliInProcess(['drills', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('runbook drills --check --since v1.2.0');
    expect(help.stdout).toContain('--include-prereleases');
  });
});
