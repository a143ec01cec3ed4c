// The CI job page: the run summary appended to GITHUB_STEP_SUMMARY, in-process and through a
// spawned dry run with --junit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendStepSummary } from '../../src/cli/step-summary.js';
import { runEventSchema, type RunEvent } from '../../src/model/events.js';
import { parseMarkdown } from '../../src/parse/parse-markdown.js';
import { renderRunSummary } from '../../src/run/render-run-summary.js';

const root = resolve(import.meta.dirname, '../..');

function journal(name: string): RunEvent[] {
  return readFileSync(join(root, 'test/record/fixtures', name, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => runEventSchema.parse(JSON.parse(l)));
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runbook-summary-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('renderRunSummary', () => {
  it('gives the result, a table row per step and what needs attention', () => {
    const text = renderRunSummary(journal('failed'));
    expect(text).toMatch(/^### ❌ Release Rollback Runbook: failed\n/);
    expect(text).toContain('| Step | Status | Outcomes | Time |');
    expect(text).toContain('| `A.2.2` Redeploy Previous RC/GA | ❌ failed | 1 failed | 3.0s |');
    expect(text).toContain('| `A.3` Validate Rollback Success | ⏭️ not run |');
    expect(text).toContain('**Needs attention**');
    const table = parseMarkdown(text).children.find((n) => n.type === 'table');
    expect(table?.type === 'table' && table.children.length).toBe(1 + 8);
  });

  it('shows a passed run and a dry run', () => {
    expect(renderRunSummary(journal('passed'))).toMatch(/^### ✅ Release Rollback Runbook: passed\n/);
    const dry = renderRunSummary(journal('dry-run'));
    expect(dry).toMatch(/^### 📝 Release Rollback Runbook: planned\n/);
    expect(dry).toContain('dry run `');
  });

  it('is short: no output excerpts, the timeline only as a chart GitHub draws', () => {
    const text = renderRunSummary(journal('passed'));
    expect(text.split('\n').length).toBeLessThan(60);
    // One fenced block: the gantt chart, a bar per step that ran.
    expect(text.match(/^```/gm)).toHaveLength(2);
    expect(text).toMatch(/^```mermaid\ngantt\n/m);
    expect(text.match(/^ {4}Step /gm)).toHaveLength(8);
  });
});

describe('appendStepSummary', () => {
  it('appends to the file, separating summaries', () => {
    const file = join(dir, 'summary.md');
    writeFileSync(file, 'before\n');
    expect(appendStepSummary('## one\n', file)).toBe(true);
    expect(appendStepSummary('## two', file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('before\n## one\n\n## two\n\n');
  });

  it('does nothing without GITHUB_STEP_SUMMARY', () => {
    expect(appendStepSummary('x', '')).toBe(false);
  });

  it('warns once, never throws, when the file cannot be written', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(appendStepSummary('x', join(dir, 'no', 'such', 'dir', 'summary.md'))).toBe(false);
    expect(stderr).toHaveBeenCalledTimes(1);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^runbook: warning: could not write the step summary to .* \(ENOENT\)\n$/);
  });
});

describe('exec in CI', () => {
  it('a dry run writes the step summary and JUnit, and an unwritable summary is only a warning', () => {
    const summary = join(dir, 'summary.md');
    const junit = join(dir, 'junit.xml');
    const args = ['bin/runbook.js', 'exec', 'runbooks/rollback.md', '--dry-run', '--no-record', '--junit', junit, '--set', 'deployment-name=web', '--set', 'container-name=web', '--set', 'release-name=web'];
    const ok = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: summary, CI: '1', NO_COLOR: '1' } });
    expect(ok.status, ok.stderr).toBe(0);
    expect(readFileSync(summary, 'utf8')).toMatch(/^### 📝 Release Rollback Runbook: planned\n/);
    expect(readFileSync(junit, 'utf8')).toContain('<testcase classname="A. Deployment Rollback Procedure" name="A.1 Identify Currently Deployed Version"');
    const bad = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: join(dir, 'missing', 'summary.md'), CI: '1', NO_COLOR: '1' } });
    expect(bad.status).toBe(0);
    expect(bad.stderr).toMatch(/runbook: warning: could not write the step summary to .*summary\.md \(ENOENT\)\n/);
  });
});
