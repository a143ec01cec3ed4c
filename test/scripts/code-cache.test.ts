// bin/runbook.js compiles a bundle with the V8 code cache written beside it. V8 stamps a cache
// with the flags in force, so a cache written after a flag changed (the shell parser sets one when
// it loads) would be refused by every later start, rewritten at each exit, and each start would
// compile the whole bundle again. The step is a loop, which only the shell parser reads. Checked on a copy of bin/, dist/ and templates/, so the repository's own
// caches stay as the build left them.
import { cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, repoDir, spawnCollect, tempDirs } from '../e2e/helpers.js';

const temp = tempDirs();

async function copyOfTheCli(): Promise<string> {
  const dir = await temp('runbook-cache-');
  for (const folder of ['bin', 'templates']) await cp(join(repoDir, folder), join(dir, folder), { recursive: true });
  await mkdir(join(dir, 'dist'));
  for (const name of await readdir(join(repoDir, 'dist'))) {
    if (!name.endsWith('.cache')) await cp(join(repoDir, 'dist', name), join(dir, 'dist', name));
  }
  return dir;
}

async function cacheOf(dir: string, bundle: string): Promise<{ ino: number; mtimeMs: number }> {
  const name = (await readdir(join(dir, 'dist'))).find((n) => n.startsWith(`${bundle}.`) && n.endsWith('.cache'));
  expect(name, `a code cache for ${bundle}`).toBeDefined();
  const { ino, mtimeMs } = await stat(join(dir, 'dist', name!));
  return { ino, mtimeMs };
}

describe('the code cache beside each bundle', () => {
  it.each([
    ['read.cjs', ['plan', 'hello.md']],
    ['cli.cjs', ['exec', 'hello.md', '--record', 'record.md']],
  ])('written by the first start of %s, is used unchanged by the next', async (bundle, args) => {
    const dir = await copyOfTheCli();
    const run = () => spawnCollect(process.execPath, [join(dir, 'bin', 'runbook.js'), ...args], { cwd: dir, env: cleanEnv() });
    await writeFile(join(dir, 'hello.md'), '# Hello\n\n## 1. Say hello\n\n```bash\nfor word in hello; do echo "$word"; done\n```\n\nExpected: `stdout contains "hello"`\n');
    const first = await run();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const written = await cacheOf(dir, bundle);
    const second = await run();
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    // A refused cache is written again through a rename: a new file.
    expect(await cacheOf(dir, bundle)).toEqual(written);
    await rm(dir, { recursive: true, force: true });
  });
});
