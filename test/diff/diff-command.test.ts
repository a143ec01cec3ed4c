// `runbook diff` against a real git repository: the command line in-process, and once the spawned
// CLI, as a reviewer or CI runs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../cli/run-cli-in-process.js';

const bin = resolve(import.meta.dirname, '../../bin/runbook.js');

const rollback = `# Rollback

## A. Deploy

### 1. Find version

- **Command:** \`kubectl describe deployment <deployment> | grep Image\`
- **Expected Outcome:** The tag is shown: \`stdout contains "Image"\`

### 2. Roll back

- **Command:** \`helm rollback <release> <revision>\`

### 3. Smoke test

- **Command:** \`make smoke\`
`;

let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

/** The spawned CLI, for the case that checks the process as CI runs it. */
function spawnRunbook(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same command line in this process, for every other case. */
function runbook(...args: string[]) {
  return runCliInProcess(args, { cwd: repo, env: { CI: process.env.CI } });
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'runbook-diff-'));
  git('init', '-q');
  git('config', 'user.email', 'sre@example.com');
  git('config', 'user.name', 'SRE');
  git('config', 'commit.gpgsign', 'false');
  write('runbooks/rollback.md', rollback);
  write('README.md', '# Project\n\nSome notes.\n');
  git('add', '.');
  git('commit', '-q', '-m', 'initial');
});

afterEach(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe('runbook diff', () => {
  it('says there are no changes when the runbooks are as at the ref', async () => {
    write('README.md', '# Project\n\nOther notes.\n');
    const { code, stdout, stderr } = spawnRunbook('diff', 'HEAD');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('no changes to runbook behaviour');
    expect(stdout).not.toContain('README.md');
  });

  it('reports a changed command and an inserted step, in text and Markdown', async () => {
    write(
      'runbooks/rollback.md',
      rollback
        .replace('helm rollback <release> <revision>', 'helm rollback <release> <revision> --wait')
        .replace('### 3. Smoke test', '### 3. Announce\n\n- **Command:** `notify --channel ops`\n\n### 4. Smoke test'),
    );
    const text = await runbook('diff', 'HEAD');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('runbooks/rollback.md  (modified)');
    expect(text.stdout).toContain('  + A.3  Announce\n      $ notify --channel ops');
    expect(text.stdout).toContain('  renamed A.3 → A.4  Smoke test');
    expect(text.stdout).toContain('  ~ A.2  Roll back\n      command:\n        - helm rollback <release> <revision>\n        + helm rollback <release> <revision> --wait');
    const md = await runbook('diff', 'HEAD', '--format', 'markdown');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('## Runbook changes since `HEAD`');
    expect(md.stdout).toContain('### `runbooks/rollback.md` — modified');
    expect(md.stdout).toContain('```diff\n    - helm rollback <release> <revision>\n    + helm rollback <release> <revision> --wait\n    ```');
  });

  it('finds new untracked runbooks and deleted ones, and skips Markdown that is not a runbook', async () => {
    write('runbooks/failover.md', '# Failover\n\n### 1. Promote the replica\n\n- **Command:** `pg_ctl promote`\n');
    write('docs/notes.md', '# Notes\n\n## Ideas\n\nNothing runs here.\n');
    git('rm', '-q', 'runbooks/rollback.md');
    const { code, stdout } = await runbook('diff', 'HEAD');
    expect(code).toBe(0);
    // pg_ctl promote is in the gate catalogue (src/gates/databases.ts).
    expect(stdout).toContain('runbooks/failover.md  (new runbook)\n  + 1  Promote the replica  [asks first: pg_ctl stop, restart, promote or kill stops PostgreSQL or makes a replica the primary]\n      $ pg_ctl promote');
    expect(stdout).toContain('runbooks/rollback.md  (deleted)\n  - A.1  Find version');
    expect(stdout).not.toContain('notes.md');
  });

  it('follows a renamed runbook, with git mv or without', async () => {
    git('mv', 'runbooks/rollback.md', 'runbooks/release-rollback.md');
    let out = await runbook('diff', 'HEAD');
    expect(out.stdout).toContain('runbooks/release-rollback.md  (renamed from runbooks/rollback.md)\n  no changes to runbook behaviour');
    git('mv', 'runbooks/release-rollback.md', 'runbooks/rollback.md');
    unlinkSync(join(repo, 'runbooks/rollback.md'));
    write('ops/rollback.md', rollback.replace('make smoke', 'make smoke-all'));
    out = await runbook('diff', 'HEAD');
    expect(out.stdout).toContain('ops/rollback.md  (renamed from runbooks/rollback.md)');
    expect(out.stdout).toContain('        + make smoke-all');
    expect(out.stdout).not.toContain('(deleted)');
  });

  it('compares only the files named, even unchanged ones', async () => {
    write('runbooks/other.md', '# Other\n\n### 1. Echo\n\n- **Command:** `echo hi`\n');
    const { code, stdout } = await runbook('diff', 'HEAD', 'runbooks/rollback.md');
    expect(code).toBe(0);
    expect(stdout).toContain('runbooks/rollback.md  (modified)\n  no changes to runbook behaviour');
    expect(stdout).not.toContain('other.md');
  });

  it('limits the search to a folder named on the command line', async () => {
    write('runbooks/other.md', '# Other\n\n### 1. Echo\n\n- **Command:** `echo hi`\n');
    write('elsewhere/more.md', '# More\n\n### 1. Echo\n\n- **Command:** `echo more`\n');
    const { stdout } = await runbook('diff', 'HEAD', 'runbooks');
    expect(stdout).toContain('runbooks/other.md  (new runbook)');
    expect(stdout).not.toContain('elsewhere');
  });

  it('rejects an unknown ref with one clear message and exit 2', async () => {
    const { code, stdout, stderr } = await runbook('diff', 'no-such-branch');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('runbook: unknown git ref "no-such-branch": expected a branch, tag or commit such as origin/main (in a shallow checkout, fetch it first)\n');
  });

  it('rejects a named file that exists nowhere', async () => {
    const { code, stderr } = await runbook('diff', 'HEAD', 'runbooks/missing.md');
    expect(code).toBe(2);
    expect(stderr).toBe('runbook: runbooks/missing.md: not found in the working tree nor at HEAD\n');
  });

  it('explains that it needs a git repository', () => {
    const outside = mkdtempSync(join(tmpdir(), 'runbook-nogit-'));
    try {
      const result = spawnSync(process.execPath, [bin, 'diff', 'HEAD'], { cwd: outside, encoding: 'utf8', env: { ...process.env, GIT_CEILING_DIRECTORIES: dirname(outside) } });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^runbook: not inside a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
