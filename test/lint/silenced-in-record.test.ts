// A rule the frontmatter silences is advice set aside: the drill record says which, and why,
// for a live run as for a dry run's planned record.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../cli/run-cli-in-process.js';

const runbook = (lint: string) =>
  `---\n${lint}---\n# Check the image\n\n### 1. Deployed version\n\n- **Command:** \`printf 'Image: shop:v1.4.2\\n' | grep Image\`\n- **Expected Outcome:** \`stdout contains "Image:"\`\n`;

async function recordOf(lint: string, ...flags: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'silenced-'));
  writeFileSync(join(dir, 'check.md'), runbook(lint));
  const { code, stderr } = await runCliInProcess(['exec', 'check.md', '--record-dir', 'records', ...flags], { cwd: dir });
  expect(code, stderr).toBe(0);
  const [name] = readdirSync(join(dir, 'records'));
  return readFileSync(join(dir, 'records', name ?? ''), 'utf8');
}

describe('silenced lint rules in the drill record', () => {
  const silencing = 'lint:\n  ignore:\n    - rule: describe-grep-image\n      reason: one container | no sidecar\n    - rule: unverifiable-outcome\n      reason: checked by eye\n';
  const line = 'Lint advice set aside by the runbook (frontmatter `lint.ignore`): `describe-grep-image`: one container \\| no sidecar; `unverifiable-outcome`: checked by eye.';

  it('names each rule with its reason in a live run', async () => {
    expect(await recordOf(silencing)).toContain(line);
  });

  it('and in the planned record of a dry run', async () => {
    expect(await recordOf(silencing, '--dry-run')).toContain(line);
  });

  it('says nothing of lint when the runbook silences nothing', async () => {
    expect(await recordOf('title: Check\n')).not.toContain('Lint advice');
  });
});
