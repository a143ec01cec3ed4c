// The README shows what the program prints. Each runbook example in it is followed by a
// `$ runbook plan FILE …` block: the example is written to FILE, planned by the spawned CLI, and
// the output must be the one the README shows. `runbook --help` likewise, the pull-request
// section's `runbook diff` and `lint --format github` over a change to the first example. The
// demo section is checked against the demo's own runs, in test/e2e/demo.test.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, fencedBlocks, repoDir, runCli, tempDirs } from './helpers.js';

const temp = tempDirs();
const readme = readFileSync(join(repoDir, 'README.md'), 'utf8');

const blocks = fencedBlocks(readme);
const examples = blocks.flatMap((block, i) => {
  const next = blocks[i + 1];
  const command = next?.body.match(/^\$ runbook plan (\S+)(.*)$/m);
  if (block.lang !== 'markdown' || !next || !command) return [];
  return [{ file: command[1]!, args: command[2]!.trim().split(/\s+/).filter(Boolean), runbook: `${block.body}\n`, shown: next.body.slice(next.body.indexOf('\n') + 1) }];
});

describe('README', () => {
  it('has a planned example for each of the three styles', () => {
    expect(examples.map((e) => e.file)).toEqual(['checkout-rollback.md', 'cache-flush.md', 'go-no-go.md']);
  });

  it.each(examples)('shows what `runbook plan $file` prints', async ({ file, args, runbook, shown }) => {
    const dir = await temp('runbook-e2e-readme-');
    await writeFile(join(dir, file), runbook);
    const result = await runCli(['plan', file, ...args], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.trimEnd()).toBe(shown.trimEnd());
    const lint = await runCli(['lint', file], dir);
    expect(lint.code).toBe(0);
  });

  it('shows what `runbook diff` and `runbook lint --format github` print for a change to a runbook', async () => {
    const dir = await temp('runbook-e2e-readme-');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Dana Reyes', '-c', 'user.email=dana@example.com', ...args], { cwd: dir, env: cleanEnv({ GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }), stdio: 'pipe' });
    const base = examples[0]!.runbook;
    await mkdir(join(dir, 'runbooks'));
    await writeFile(join(dir, 'runbooks', 'checkout-rollback.md'), base);
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'Checkout rollback runbook');
    const changed = `${base
      .replace('--wait`', '--wait --timeout 5m`')
      .replace('- **Timeout:** 5m', '- **Timeout:** 10m')}\n### 3. Check the rollout\n\n- **Command:** \`kubectl rollout status deployment/<service>\`\n- **Expected Outcome:** The rollout completes.\n`;
    await writeFile(join(dir, 'runbooks', 'checkout-rollback.md'), changed);

    const shownDiff = blocks.find((b) => b.body.includes('$ runbook diff main\n'))!.body;
    const diff = await runCli(['diff', 'main'], dir);
    expect(diff.code).toBe(0);
    expect(diff.stdout.trimEnd()).toBe(shownDiff.slice(shownDiff.indexOf('\n') + 1).trimEnd());

    const shownLint = blocks.find((b) => b.body.trimStart().startsWith('::warning'))!.body.trim();
    const lint = await runCli(['lint', '--format', 'github', 'runbooks/checkout-rollback.md'], dir);
    expect(lint.code).toBe(0);
    expect(lint.stdout.trim()).toBe(shownLint);
  });

  it('shows what `runbook --help` prints', async () => {
    const help = blocks.find((b) => b.body.startsWith('$ runbook --help\n'));
    expect(help).toBeDefined();
    const result = await runCli(['--help'], repoDir);
    expect(result.stdout.trimEnd()).toBe(help!.body.slice('$ runbook --help\n'.length).trimEnd());
  });
});
