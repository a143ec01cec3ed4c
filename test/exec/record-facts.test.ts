// What the record is told from outside the run, in-process: --ticket (a URL, or bad input), the
// GitHub step summary that carries the timeline as a Mermaid chart, and `resume --note`.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbook, useSessions } from './session-harness.js';

const workspace = useSessions();
const rb = runbook('Drill', [['Check', '- **Command:** `test -f ok.txt`'], ['Tell', '- **Command:** `echo told`']]);

describe('the record is told', () => {
  it('the ticket of the incident or change', async () => {
    const ws = workspace();
    ws.write('rb.md', rb);
    ws.write('ok.txt', '');
    expect((await ws.exec('rb.md', { ticket: 'https://tracker.example.com/CHG-42' })).code).toBe(0);
    expect(ws.read(`docs/releases/rollback-drills/${ws.records()[0]}`)).toContain('- **Ticket:** https://tracker.example.com/CHG-42\n');
  });

  it('nothing but a URL as a ticket: exit 2, nothing run', async () => {
    const ws = workspace();
    ws.write('rb.md', rb);
    const result = await ws.exec('rb.md', { ticket: 'CHG 42' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('runbook: --ticket "CHG 42": expected the URL of the incident or change, such as https://tracker.example.com/INC-42\n');
    expect(ws.runIds()).toEqual([]);
  });

  it('by resume --note what the operator did, kept with the failed attempt in the issues', async () => {
    const ws = workspace();
    ws.write('rb.md', rb);
    expect((await ws.exec('rb.md', { operator: 'alice' })).code).toBe(1);
    ws.write('ok.txt', '');
    expect((await ws.resume(ws.onlyRunId(), { note: 'created ok.txt by hand', operator: 'bob' })).code).toBe(0);
    const record = ws.read(join('docs/releases/rollback-drills', ws.records().find((r) => r.endsWith('-2.md')) ?? ''));
    const issues = record.split('## Issues encountered\n\n')[1]?.split('\n\n')[0];
    expect(issues).toBe('1. Attempt 1: step 1 (Check) failed: exit code 1, expected 0.\n2. Before attempt 2, bob noted: "created ok.txt by hand".');
    expect(ws.journal().filter((e) => e.type === 'run-start').map((e) => e.type === 'run-start' ? e.note : null)).toEqual([undefined, 'created ok.txt by hand']);
  });

  it('not an empty note: exit 2', async () => {
    const ws = workspace();
    ws.write('rb.md', rb);
    expect((await ws.exec('rb.md', { record: false })).code).toBe(1);
    const result = await ws.resume(ws.onlyRunId(), { note: '  ' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^runbook: --note " {2}": /);
  });
});

describe('record.versions', () => {
  it('naming a capture no step makes is bad input: the version could never be recorded', async () => {
    const ws = workspace();
    ws.write('rb.md', runbook('Drill', [['Check', '- **Command:** `echo v1`', '- **Capture:** deployed'], ['Tell', '- **Command:** `true`']], 'record:\n  versions:\n    from: deployed\n    to: rolled-back-to\n'));
    const result = await ws.exec('rb.md');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('frontmatter record.versions.to names the capture `rolled-back-to`, which no step makes');
    expect(ws.runIds()).toEqual([]);
  });
});

describe('the output of a step that failed', () => {
  it('shows stdout and stderr in the order printed, stderr lines marked, and the same exit code in the summary and the details', async () => {
    const ws = workspace();
    ws.write('rb.md', runbook('Drill', [['Mixed', '- **Command:** `echo one; sleep 0.2; echo two >&2; sleep 0.2; echo three; sleep 0.2; echo four >&2; exit 4`']]));
    expect((await ws.exec('rb.md')).code).toBe(1);
    const record = ws.read(`docs/releases/rollback-drills/${ws.records()[0]}`);
    expect(record).toContain('Output (last lines, in the order printed; `[stderr]` marks standard error):\n\n```text\none\n[stderr] two\nthree\n[stderr] four\n```');
    expect(record).toContain('- **Result:** **FAILED** — Failed at step 1 (Mixed): exit 4;');
    expect(record).toContain('- **Exit code:** 4\n');
    expect(record).toContain('Command as run (exit 4, ');
  });
});

describe('the GitHub step summary', () => {
  it('carries the timeline as a Mermaid gantt chart, a bar per step that ran', async () => {
    const ws = workspace();
    ws.write('rb.md', rb);
    ws.write('ok.txt', '');
    const summary = join(ws.dir, 'summary.md');
    expect((await ws.exec('rb.md', { record: false }, { env: { GITHUB_STEP_SUMMARY: summary } })).code).toBe(0);
    const text = ws.read('summary.md');
    expect(text).toMatch(/^```mermaid\ngantt\n {4}title Drill timeline \(UTC\) Drill\n/m);
    expect(text.match(/^ {4}Step \d \S+ :done, t\d, /gm)).toHaveLength(2);
  });
});
