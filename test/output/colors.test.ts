import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const ESC = '\u001b[';

describe('colour', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-colour-'));
  writeFileSync(join(dir, 'a.md'), '# T\n\n### 1. A\n\n```sh\necho hi\n```\n');

  it('is off when output goes to a pipe, even in CI', () => {
    const { code, stdout } = runCli(['exec', 'a.md', '--no-record'], { cwd: dir, env: { CI: '1', NO_COLOR: undefined, FORCE_COLOR: undefined } });
    expect(code).toBe(0);
    expect(stdout).toContain('[1] A');
    expect(stdout).not.toContain(ESC);
  });

  it('is on with FORCE_COLOR, and NO_COLOR wins over it', () => {
    expect(runCli(['exec', 'a.md', '--no-record'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toContain(ESC);
    expect(runCli(['exec', 'a.md', '--no-record'], { cwd: dir, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
  });
});
