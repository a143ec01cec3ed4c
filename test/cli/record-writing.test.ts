// The drill record as a user sees it from the spawned CLI: alone on stdout with --record -, and a
// template naming an unknown field refused before anything runs. Every other case of where the
// record goes and what it says runs in-process: test/exec/record-writing.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { Workspace, useWorkspace } from './runs-harness.js';
import { recordRunbook as runbook } from './runbooks.js';

let ws: Workspace;
useWorkspace((workspace) => (ws = workspace));

describe('the record as a user sees it', () => {
  beforeEach(() => {
    ws.write('rb.md', runbook);
    ws.write('needed.txt', '');
  });

  it('--record - prints the record alone on stdout; progress goes to stderr', async () => {
    const result = await ws.run(['exec', 'rb.md', '--record', '-']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^---\n[^]*?\n---\n\n# Rollback drill record: Record Me\n/);
    expect(result.stdout).toMatch(/## Sign-off[\s\S]*\| Service owner \| \| \| \|\n$/);
    expect(result.stderr).toContain('run passed');
    expect(ws.records()).toEqual([]);
  });

  it('naming an unknown field fails before the run starts: exit 2, the field and its line:col, nothing ran', async () => {
    ws.write('team-template.md', '# {{runbook.title}}\n\nRun by {{default operator}}\n  on {{enviroment}}.\n');
    const result = await ws.run(['exec', 'rb.md', '--template', 'team-template.md']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/team-template\.md:4:8: Unknown field "enviroment" at line 4, column 8; did you mean "environment"\?/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(ws.exists('ran.txt')).toBe(false);
    expect(ws.exists('.runbook/runs')).toBe(false);
    expect(ws.exists('docs')).toBe(false);
  });
});
