// What a user sees from the spawned CLI: lint names each manual step with its place and fix,
// `exec` without a terminal refuses a command that needs one (exit 2, nothing run), and `list`
// shows a Runme cell's name.
import { existsSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoDir, runCli, tempDirs } from './helpers.js';

const temp = tempDirs();

describe('manual steps and commands that need a terminal, from the CLI', () => {
  it('lint says of each manual step why it is not run and how to run it', async () => {
    const dir = await temp();
    await copyFile(join(repoDir, 'test/fixtures/styles/manual-steps.md'), join(dir, 'manual.md'));
    const result = await runCli(['lint', 'manual.md'], dir);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter((line) => / manual-[a-z-]+$/.test(line));
    expect(lines.map((line) => line.replace(/\s+warning\s+.*\s(manual-[a-z-]+)$/, ' $1'))).toEqual([
      'manual.md:9:1 manual-message',
      'manual.md:16:1 manual-remote-session',
      'manual.md:25:1 manual-client-input',
      'manual.md:33:1 manual-client-input',
      'manual.md:41:1 manual-remote-session',
      'manual.md:50:1 manual-remote-session',
      'manual.md:57:1 manual-comment-only',
      'manual.md:64:1 manual-root-prompt',
      'manual.md:74:1 manual-client-input',
      'manual.md:83:1 manual-interactive-session',
    ]);
    expect(result.stdout).toContain("To run them, give the session its input: `ssh db02 'sudo systemctl status postgresql'`");
  });

  it('exec without a terminal refuses an editor before anything runs', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'edit.md'), '# Edit\n\n## 1. Before\n\n```sh\ntouch before.txt\n```\n\n## 2. Edit\n\n```sh\nvi /etc/hosts\n```\n');
    const result = await runCli(['exec', 'edit.md', '--no-record'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('edit.md:12:1: 2 runs `vi`, an editor: it needs a terminal and this run has none');
    expect(existsSync(join(dir, 'before.txt'))).toBe(false);
    expect(existsSync(join(dir, '.runbook'))).toBe(false);
  });

  it('list shows a cell by its name', async () => {
    const dir = await temp();
    await copyFile(join(repoDir, 'test/fixtures/styles/runme-cells.md'), join(dir, 'cells.md'));
    const result = await runCli(['list', 'cells.md'], dir);
    expect(result.stdout.split('\n')[1]).toBe('build.2     Build: clean  (cell clean)  $ rm -rf ./dist');
  });
});
