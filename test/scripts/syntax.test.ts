// The benchmark and the build/demo scripts are plain JavaScript that no type check reads: at
// least make sure each one parses, so `npm run bench` cannot ship broken.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('scripts', () => {
  for (const file of ['bench/run.mjs', 'bench/bare-execa.mjs', 'scripts/build.mjs', 'scripts/demo.mjs', 'bin/runbook.js', 'examples/sandbox/create-sandbox.mjs', 'examples/sandbox/migrate.mjs', 'examples/sandbox/with-database.mjs']) {
    it(`${file} parses`, () => {
      const result = spawnSync(process.execPath, ['--check', file], { cwd: root, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    });
  }
});
