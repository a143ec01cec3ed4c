// The README shows what the program prints. Each runbook example in it is followed by a
// `$ runbook plan FILE …` block: the example is written to FILE, planned by the spawned CLI, and
// the output must be the one the README shows. `runbook --help` likewise, the pull-request
// section's `runbook diff` and `lint --format github` over a change to the first example, and
// the demo section's output of `npm run demo` (both scenarios) and of its drill record.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, demoFile, fencedBlocks, repoDir, runCli, section, spawnCollect, tempDirs } from './helpers.js';

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

describe('README: the demo section', () => {
  const demoSection = readme.slice(readme.indexOf('## The demo: a real rollback drill\n'), readme.indexOf('## Writing your own runbook\n'));
  const [terminal, release, failing, evidence] = fencedBlocks(demoSection).filter((b) => b.lang === 'text').map((b) => b.body.split('\n'));

  /** The demo as a newcomer runs it (as alice), in a fresh folder: its stdout and its record. */
  async function demo(...args: string[]) {
    const dir = join(await temp('runbook-e2e-readme-demo-'), 'sandbox');
    const result = await spawnCollect(process.execPath, [demoFile, '--dir', dir, ...args], { cwd: repoDir, env: cleanEnv({ RUNBOOK_OPERATOR: 'alice' }) });
    const recordFile = result.stdout.match(/^Drill record {2}(\/.+\.md)$/m)?.[1];
    return { ...result, dir, record: recordFile ? readFileSync(recordFile, 'utf8') : '' };
  }

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

  it('shows what the passing demo prints around the task list, and the Release part of its record', async () => {
    const d = await demo();
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

  it('shows what the failing demo prints, and the evidence its record keeps', async () => {
    const d = await demo('--scenario', 'failing');
    expect(d.code).toBe(1);
    expectInOrder(normalize(failing!, d.dir), normalize(d.stdout.split('\n'), d.dir));
    expectInOrder(evidence!, d.record.split('\n'));
  });
});
