import { describe, expect, it } from 'vitest';
import { diffRunbooks, hasChanges, type FileDiff } from '../../src/diff/diff-runbooks.js';
import { renderDiffMarkdown } from '../../src/diff/render-diff-markdown.js';
import { renderDiffText } from '../../src/diff/render-diff-text.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';

await loadShellParser();

const base = `# Rollback

Roll back a bad release.

## A. Deploy

### 1. Find version

- **Action:** Look at the deployment.
- **Command:** \`kubectl describe deployment <deployment> | grep Image\`
- **Expected Outcome:** The tag is shown: \`stdout contains "Image"\`

### 2. Roll back

- **Command:** \`helm rollback <release> <revision>\`

### 3. Smoke test

- **Command:** \`make smoke\`
- **Expected Outcome:** All smoke tests pass.

## B. Data

### 1. Waiver

- **Waiver:** No irreversible migrations.
`;

function diff(before: string | null, after: string | null) {
  return diffRunbooks(before === null ? null : parseRunbook(before), after === null ? null : parseRunbook(after));
}

describe('diffRunbooks', () => {
  it('finds nothing between a runbook and itself', () => {
    const d = diff(base, base);
    expect(hasChanges(d)).toBe(false);
  });

  it('ignores prose that runs nothing: descriptions, actions', () => {
    const after = base.replace('Roll back a bad release.', 'Roll back a release that hurts.').replace('Look at the deployment.', 'Read the deployment.');
    expect(hasChanges(diff(base, after))).toBe(false);
  });

  it('reports a changed command as old → new', () => {
    const d = diff(base, base.replace('helm rollback <release> <revision>', 'helm rollback <release> <revision> --wait'));
    expect(d.changed).toEqual([
      { step: { id: 'A.2', title: 'Roll back' }, changes: [{ field: 'command', from: 'helm rollback <release> <revision>', to: 'helm rollback <release> <revision> --wait' }] },
    ]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
  });

  it('keeps steps paired when an inserted step renumbers the ones after it', () => {
    const after = base.replace('### 2. Roll back', '### 2. Announce\n\n- **Command:** `notify ops`\n\n### 3. Roll back').replace('### 3. Smoke test', '### 4. Smoke test');
    const d = diff(base, after);
    expect(d.added.map((s) => s.id)).toEqual(['A.2']);
    expect(d.added[0]?.commands).toEqual(['notify ops']);
    expect(d.removed).toEqual([]);
    expect(d.renamed).toEqual([
      { from: { id: 'A.2', title: 'Roll back' }, to: { id: 'A.3', title: 'Roll back' } },
      { from: { id: 'A.3', title: 'Smoke test' }, to: { id: 'A.4', title: 'Smoke test' } },
    ]);
    expect(d.changed).toEqual([]);
    expect(d.reordered).toEqual([]);
  });

  it('reports a removed step', () => {
    const d = diff(base, base.replace(/### 3\. Smoke test[\s\S]*?(?=## B)/, ''));
    expect(d.removed).toEqual([{ id: 'A.3', title: 'Smoke test', commands: ['make smoke'] }]);
  });

  it('reports a new title under the same id as a rename', () => {
    const d = diff(base, base.replace('### 3. Smoke test', '### 3. Validate the release'));
    expect(d.renamed).toEqual([{ from: { id: 'A.3', title: 'Smoke test' }, to: { id: 'A.3', title: 'Validate the release' } }]);
    expect(d.changed).toEqual([]);
  });

  it('pairs a step by its commands when both its id and title changed', () => {
    const after = base.replace(/### 3\. Smoke test[\s\S]*?(?=## B)/, '').replace('## B. Data', '## B. Data\n\n### 1. Check the service\n\n- **Command:** `make smoke`\n- **Expected Outcome:** All smoke tests pass.\n').replace('### 1. Waiver', '### 2. Waiver');
    const d = diff(base, after);
    expect(d.renamed).toContainEqual({ from: { id: 'A.3', title: 'Smoke test' }, to: { id: 'B.1', title: 'Check the service' } });
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
  });

  it('reports steps that swapped places as moved, once', () => {
    const one = '### 1. Find version\n\n- **Action:** Look at the deployment.\n- **Command:** `kubectl describe deployment <deployment> | grep Image`\n- **Expected Outcome:** The tag is shown: `stdout contains "Image"`\n\n';
    const two = '### 2. Roll back\n\n- **Command:** `helm rollback <release> <revision>`\n\n';
    const after = base.replace(one + two, two.replace('### 2.', '### 1.') + one.replace('### 1.', '### 2.'));
    expect(after).not.toBe(base);
    const d = diff(base, after);
    expect(d.reordered).toEqual([{ step: { id: 'A.1', title: 'Roll back' }, after: null, wasAfter: 'A.2' }]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
  });

  it('reports outcomes, gates, timeouts, retries, dependencies and continue-on-error', () => {
    const after = base
      .replace('- **Command:** `helm rollback <release> <revision>`', '- **Command:** `helm rollback <release> <revision>`\n- **Timeout:** 2m\n- **Retries:** 3\n- **Continue on error:** yes\n- **Depends on:** A.1')
      .replace('All smoke tests pass.', 'All smoke tests pass: `stdout contains "ok"`')
      .replace('- **Command:** `make smoke`', '- **Command:** `make smoke`\n- **Confirm:** yes');
    const d = diff(base, after);
    const byStep = Object.fromEntries(d.changed.map((c) => [c.step.id, c.changes]));
    expect(byStep['A.2']).toEqual(
      expect.arrayContaining([
        { field: 'timeout', from: null, to: '2m' },
        { field: 'retries', from: 'none', to: expect.stringMatching(/^3 /) },
        { field: 'continue-on-error', from: 'no', to: 'yes' },
        { field: 'depends-on', from: 'the step before', to: 'A.1' },
      ]),
    );
    expect(byStep['A.3']).toEqual(
      expect.arrayContaining([
        { field: 'expected', from: 'All smoke tests pass.', to: 'All smoke tests pass: `stdout contains "ok"`' },
        { field: 'gate', from: null, to: 'Confirm: yes' },
      ]),
    );
  });

  it('reports attestations added and changed', () => {
    const d = diff(base, base.replace('No irreversible migrations.', 'No irreversible migrations in this release.') + '- [ ] Backups checked\n');
    expect(d.changed[0]?.changes).toEqual([
      { field: 'attestation', from: 'Waiver: No irreversible migrations.', to: 'Waiver: No irreversible migrations in this release.' },
      { field: 'attestation', from: null, to: '[ ] Backups checked' },
    ]);
  });

  it('lines up a command list, so one inserted command is one addition', () => {
    const before = '# R\n\n### 1. S\n\n```sh\necho one\n```\n\n```sh\necho three\n```\n';
    const after = '# R\n\n### 1. S\n\n```sh\necho one\n```\n\n```sh\necho two\n```\n\n```sh\necho three\n```\n';
    expect(diff(before, after).changed[0]?.changes).toEqual([{ field: 'command', from: null, to: 'echo two' }]);
  });

  it('reports new and vanished placeholders, and declared params', () => {
    const before = `---\nparams:\n  release:\n    default: web\n  old:\n    description: gone soon\n---\n${base}`;
    const after = `---\nparams:\n  release:\n    default: api\n  region:\n    default: eu-west-1\n    secret: true\n---\n${base.replace('<revision>', '<revision> --region <region>').replace('kubectl describe deployment <deployment>', 'kubectl describe deployment web')}`;
    const d = diff(before, after);
    expect(d.placeholders).toEqual({ added: ['region'], removed: ['deployment'] });
    expect(d.params).toEqual([
      { name: 'release', change: 'changed', details: ['default: "web" → "api"'] },
      { name: 'region', change: 'added', details: ['default ***', 'secret'] },
      { name: 'old', change: 'removed', details: [] },
    ]);
  });

  it('reports runbook settings', () => {
    const d = diff(base, `---\nshell: zsh\ntimeout: 10m\n---\n${base}`);
    expect(d.settings).toEqual([
      { field: 'shell', from: 'bash', to: 'zsh' },
      { field: 'timeout', from: null, to: '10m' },
    ]);
  });

  it('treats a new file as every step added and a deleted one as every step removed', () => {
    expect(diff(null, base).added.map((s) => s.id)).toEqual(['A.1', 'A.2', 'A.3', 'B.1']);
    expect(diff(base, null).removed.map((s) => s.id)).toEqual(['A.1', 'A.2', 'A.3', 'B.1']);
  });
});

describe('diff renderers', () => {
  const file = (after: string, before = base): FileDiff => ({ path: 'runbooks/r.md', status: 'modified', diff: diff(before, after) });

  it('say so when nothing changed', () => {
    expect(renderDiffText([file(base)], 'main')).toContain('no changes to runbook behaviour');
    expect(renderDiffText([], 'main')).toContain('no changes to runbook behaviour');
    expect(renderDiffMarkdown([file(base)], 'main')).toContain('No changes to runbook behaviour');
  });

  it('show a changed command as -/+ lines, in a fence longer than any backtick run', () => {
    const after = base.replace('- **Command:** `make smoke`', '- **Command:** `` make smoke TAG=```x``` ``');
    const md = renderDiffMarkdown([file(after)], 'origin/main');
    expect(md).toContain('## Runbook changes since `origin/main`');
    expect(md).toContain('````diff\n    - make smoke\n    + make smoke TAG=```x```\n    ````');
    const text = renderDiffText([file(after)], 'origin/main');
    expect(text).toContain('  ~ A.3  Smoke test\n      command:\n        - make smoke\n        + make smoke TAG=```x```');
  });

  it('word gates and absent values for people', () => {
    const text = renderDiffText([file(base.replace('- **Command:** `make smoke`', '- **Command:** `make smoke`\n- **Confirm:** yes'))], 'main');
    expect(text).toContain('gate: runs without asking → asks first (Confirm: yes)');
  });

  it('warn when a step stops asking before it runs', () => {
    const gated = base.replace('- **Command:** `make smoke`', '- **Command:** `make smoke`\n- **Confirm:** yes');
    expect(renderDiffMarkdown([file(base, gated)], 'main')).toContain('  - ⚠ gate: asks first (Confirm: yes) → runs without asking');
  });

  it('escapes prose so placeholders in titles are shown, not taken for HTML', () => {
    const md = renderDiffMarkdown([file(base.replace('### 3. Smoke test', '### 3. Smoke test <env>'))], 'main');
    expect(md).toContain('Smoke test &lt;env>');
  });
});
