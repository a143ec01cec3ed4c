// The example PR comment in the docs is real output: it must stay byte-identical to what the
// CLI prints for the shipped runbook, so the docs never show a product that no longer exists.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const regenerate = 'node bin/runbook.js plan runbooks/rollback.md --format markdown > docs/examples/rollback-plan.md';

/** The environment without RUNBOOK_* values, which would fill placeholders. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RUNBOOK_') && k !== 'GITHUB_STEP_SUMMARY'));
  return { ...env, NO_COLOR: '1' };
}

describe('PR review docs', () => {
  it('docs/examples/rollback-plan.md is what `runbook plan --format markdown` prints today', () => {
    const result = spawnSync(process.execPath, ['bin/runbook.js', 'plan', 'runbooks/rollback.md', '--format', 'markdown'], { cwd: root, encoding: 'utf8', env: cleanEnv() });
    expect(result.status, result.stderr).toBe(0);
    const committed = readFileSync(join(root, 'docs/examples/rollback-plan.md'), 'utf8');
    if (result.stdout !== committed) {
      throw new Error(`docs/examples/rollback-plan.md is out of date with the CLI's output. Regenerate it from the repository root with\n  ${regenerate}\nthen review and commit the change.`);
    }
  });

  // The workflow and the action it uses are tested in test/action/review.test.ts.

  it('docs/PR-REVIEW.md shows the workflow and links the example comment', () => {
    const doc = readFileSync(join(root, 'docs/PR-REVIEW.md'), 'utf8');
    expect(doc).toContain('examples/github/runbook-review.yml');
    expect(doc).toContain('examples/rollback-plan.md');
    expect(doc).toContain('<!-- runbook-review -->');
  });
});
