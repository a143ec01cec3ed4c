// `runbook lint` spawned as a user runs it: the seed's pitfalls, the shipped runbook clean of
// them, --rule / --ignore, and the frontmatter block that silences a rule with a reason.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../cli/run-cli-in-process.js';

const seed = 'test/fixtures/seed/release-rollback-runbook.md';
const rollbackRules = ['sort-v-prerelease', 'helm-rollback-revision', 'migrate-down-after-rollback', 'describe-grep-image', 'double-rollout-undo'];

function tempFile(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lint-cli-')), name);
  writeFileSync(file, content);
  return file;
}

/** `line:col rule-id` of each line printed. */
const found = (stdout: string): string[] => stdout.trimEnd().split('\n').filter((line) => line !== '').map((line) => `${/:(\d+:\d+)  /.exec(line)?.[1]} ${line.split('  ').at(-1)}`);

describe('runbook lint on the rollback runbooks', () => {
  it('shows the pitfalls of the seed, each where it is written, as warnings (exit 0)', async () => {
    const { code, stdout } = await runCliInProcess(['lint', seed]);
    expect(code).toBe(0);
    expect(found(stdout).filter((line) => rollbackRules.some((rule) => line.endsWith(` ${rule}`)))).toEqual([
      '10:17 describe-grep-image',
      '16:43 sort-v-prerelease',
      '18:46 helm-rollback-revision',
      '32:17 migrate-down-after-rollback',
    ]);
    expect(stdout).toContain("`kubectl get deployment <deployment-name> -o jsonpath='{.spec.template.spec.containers[?(@.name==\"<container-name>\")].image}'`");
    expect(stdout).toContain("git -c versionsort.suffix=- tag --list 'v*' --sort=-v:refname");
    expect(stdout).toContain('`helm history <release-name> -o json`');
    expect(stdout).toContain('(`helm rollback` in step A.2.2)');
  });

  it('finds none of them in the shipped runbooks/rollback.md, which follows its own advice', async () => {
    const { code, stdout } = await runCliInProcess(['lint', 'runbooks/rollback.md', '--format', 'json']);
    expect(code).toBe(0);
    const [result] = JSON.parse(stdout) as { diagnostics: { ruleId: string }[]; silenced: unknown[] }[];
    expect(result?.diagnostics.filter((d) => rollbackRules.includes(d.ruleId))).toEqual([]);
    expect(result?.silenced).toEqual([]);
  });

  it('prints the failing example of a rule page exactly as the page shows it', async () => {
    const page = readFileSync('docs/rules/sort-v-prerelease.md', 'utf8');
    const example = /^## Fails\n[\s\S]*?^````markdown\n([\s\S]*?)^````$/m.exec(page)?.[1] ?? '';
    const reported = /```text\n([\s\S]*?)```/.exec(page)?.[1] ?? '';
    const file = tempFile('example.md', example);
    const { code, stdout } = await runCliInProcess(['lint', '--rule', 'sort-v-prerelease', file]);
    expect(code).toBe(0);
    expect(stdout).toBe(reported.replaceAll('example.md', file));
  });
});

describe('runbook lint --rule / --ignore', () => {
  it('reports only the rules named with --rule (repeatable, or a comma list)', async () => {
    expect(found((await runCliInProcess(['lint', '--rule', 'sort-v-prerelease', '--rule', 'helm-rollback-revision', seed])).stdout)).toEqual(['16:43 sort-v-prerelease', '18:46 helm-rollback-revision']);
    expect(found((await runCliInProcess(['lint', '--rule', 'sort-v-prerelease,describe-grep-image', seed])).stdout)).toEqual(['10:17 describe-grep-image', '16:43 sort-v-prerelease']);
  });

  it('leaves out the rules named with --ignore, and keeps the rest', async () => {
    const lines = found((await runCliInProcess(['lint', '--ignore', 'sort-v-prerelease', '--ignore', 'unverifiable-outcome', seed])).stdout);
    expect(lines).toEqual(['10:17 describe-grep-image', '18:46 helm-rollback-revision', '32:17 migrate-down-after-rollback']);
  });

  it('refuses an unknown rule id with the nearest one, exit 2, nothing linted', async () => {
    const { code, stdout, stderr } = await runCliInProcess(['lint', '--rule', 'sort-v-prerelese', seed]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^runbook: --rule sort-v-prerelese: unknown lint rule; did you mean sort-v-prerelease\? \(rules: no-steps, /);
    expect((await runCliInProcess(['lint', '--ignore', 'nothing-like-it', seed])).stderr).toContain('runbook: --ignore nothing-like-it: unknown lint rule (rules: ');
  });
});

describe('a frontmatter lint block', () => {
  const runbook = (lint: string) =>
    `---\n${lint}---\n# Roll back\n\n### 1. Deployed version\n\n- **Command:** \`kubectl describe deployment web | grep Image\`\n- **Expected Outcome:** \`stdout contains "Image:"\`\n`;

  it('silences a rule for this runbook, and says so with its reason', async () => {
    const file = tempFile('silenced.md', runbook('lint:\n  ignore:\n    - rule: describe-grep-image\n      reason: the web pod has one container, no sidecar\n'));
    const { code, stdout, stderr } = await runCliInProcess(['lint', file]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}: describe-grep-image silenced by the frontmatter (1 finding(s) not shown): the web pod has one container, no sidecar`);
    const [json] = JSON.parse((await runCliInProcess(['lint', file, '--format', 'json'])).stdout) as { diagnostics: unknown[]; silenced: { rule: string; reason: string; diagnostics: { position: unknown }[] }[] }[];
    expect((await runCliInProcess(['lint', file, '--format', 'github'])).stdout).toBe(
      `::notice file=${file.replaceAll(':', '%3A').replaceAll(',', '%2C')},title=describe-grep-image::describe-grep-image silenced by the frontmatter (1 finding(s) not shown): the web pod has one container, no sidecar\n`,
    );
    expect(json?.diagnostics).toEqual([]);
    expect(json?.silenced.map(({ rule, reason, diagnostics }) => ({ rule, reason, at: diagnostics.map((d) => d.position) }))).toEqual([
      { rule: 'describe-grep-image', reason: 'the web pod has one container, no sidecar', at: [{ line: 11, column: 17 }] },
    ]);
  });

  it.each([
    ['an unknown rule, with the nearest one', 'lint:\n  ignore:\n    - rule: describe-grep-images\n      reason: one container\n', /:4:\d+  error  .*unknown lint rule `describe-grep-images`; did you mean `describe-grep-image`\?.*frontmatter-schema/],
    ['a rule without a reason', 'lint:\n  ignore:\n    - rule: describe-grep-image\n', /:4:\d+  error  .*expected a reason: why the rule does not apply to this runbook.*frontmatter-schema/],
    ['a rule that reports errors', 'lint:\n  ignore:\n    - rule: env-name-collision\n      reason: we know\n', /:4:\d+  error  .*lint rule `env-name-collision` reports errors, which cannot be silenced.*frontmatter-schema/],
    ['an empty reason', 'lint:\n  ignore:\n    - rule: describe-grep-image\n      reason: "  "\n', /:5:\d+  error  .*expected a reason.*frontmatter-schema/],
  ])('refuses %s: the file is bad input (exit 2)', async (_what, lint, message) => {
    const { code, stdout } = await runCliInProcess(['lint', tempFile('bad.md', runbook(lint))]);
    expect(code).toBe(2);
    expect(stdout).toMatch(message);
    // An invalid block silences nothing.
    expect(stdout).toMatch(/:\d+:17  warning  .*describe-grep-image/);
  });
});
