// The published package is the built CLI alone: the bundles hold every library, so the tarball
// lists no dependency and installs none. Checked on what `npm pack` lists, on what the bundles
// require, and by installing the real tarball into a fresh prefix and running it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, repoDir, spawnCollect, tempDirs } from '../e2e/helpers.js';

const temp = tempDirs();
const pkg = JSON.parse(readFileSync(join(repoDir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
const bundles = ['dist/read.cjs', 'dist/cli.cjs'];
const npm = (args: string[], cwd: string) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd, encoding: 'utf8', env: cleanEnv({}) });

/** The packages a bundle was built from, read off its source map. */
function bundledPackages(bundle: string): Set<string> {
  const map = JSON.parse(readFileSync(join(repoDir, `${bundle}.map`), 'utf8')) as { sources: string[] };
  return new Set(map.sources.flatMap((source) => [...source.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((m) => m[1]!)));
}

describe('the published package', () => {
  it('holds only what the CLI runs: no sources, tests, source maps or code caches', () => {
    const [packed] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], repoDir)) as { files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path).sort();
    // The shell parser (web-tree-sitter and the bash grammar) is required at run time from beside the bundles: its library and both .wasm.
    expect(files).toEqual(['README.md', 'bin/package.json', 'bin/runbook.js', 'dist/cli.cjs', 'dist/read.cjs', 'dist/tree-sitter-bash.wasm', 'dist/web-tree-sitter.cjs', 'dist/web-tree-sitter.wasm', 'package.json', 'templates/ROLLBACK_DRILL_TEMPLATE.md']);
  });

  it('declares no runtime dependency: the bundles already hold them', () => {
    const inBundles = new Set(bundles.flatMap((b) => [...bundledPackages(b)]));
    // The check can fail: the libraries really are in the bundle.
    expect([...inBundles]).toEqual(expect.arrayContaining(['commander', 'zod', 'execa', 'listr2', 'handlebars']));
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) expect(Object.keys(pkg[field] ?? {}), field).toEqual([]);
  });

  it('bundles require nothing but Node built-ins', () => {
    for (const bundle of bundles) {
      const text = readFileSync(join(repoDir, bundle), 'utf8');
      const required = [...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!);
      expect(required.length, bundle).toBeGreaterThan(0);
      expect(required.filter((name) => !isBuiltin(name)), bundle).toEqual([]);
    }
  });

  it('bundles are ASCII, as bin/runbook.js reads them (one byte a character)', () => {
    for (const bundle of bundles) {
      const bytes = readFileSync(join(repoDir, bundle));
      expect(bytes.findIndex((byte) => byte > 0x7f), bundle).toBe(-1);
    }
  });

  it('leaves the executor out of the bundle that plan, list and lint start', () => {
    const read = bundledPackages('dist/read.cjs');
    for (const name of ['execa', 'listr2', 'handlebars']) expect(read.has(name), name).toBe(false);
    const map = JSON.parse(readFileSync(join(repoDir, 'dist/read.cjs.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.filter((s) => s.startsWith('left-out:')).sort()).toEqual(['left-out:diff', 'left-out:drills', 'left-out:exec', 'left-out:record', 'left-out:resume', 'left-out:runs']);
  });

  it('installs from its tarball with no dependency tree and no network, and runs plan and exec', async () => {
    const dir = await temp('runbook-package-');
    const prefix = join(dir, 'prefix');
    const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], repoDir)) as { filename: string }[];
    npm(['install', '--global', '--offline', '--prefix', prefix, join(dir, packed!.filename)], dir);
    const installed = join(prefix, 'lib', 'node_modules', 'runbook');
    expect(existsSync(join(installed, 'dist', 'read.cjs'))).toBe(true);
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);

    const runbook = join(prefix, 'bin', 'runbook');
    const plan = await spawnCollect(runbook, ['plan', join(repoDir, 'runbooks', 'rollback.md')], { cwd: dir, env: cleanEnv({}) });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^Release Rollback Runbook\n/);

    await writeFile(join(dir, 'small.md'), '# Small\n\n### 1. Say hello\n\n```sh\necho hello\n```\n\n- **Expected Outcome:** `stdout contains "hello"`\n');
    const exec = await spawnCollect(runbook, ['exec', 'small.md', '--record', '-'], { cwd: dir, env: cleanEnv({ CI: '1' }) });
    expect(exec.stderr).toContain('✔ verified: stdout contains "hello"');
    expect(exec.code).toBe(0);
    // The record comes from the template shipped in the package.
    expect(exec.stdout).toMatch(/^---\ndrill-id: .*\n---\n\n# /s);
  });
});
