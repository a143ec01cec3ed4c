// `runbook runs` in-process: none yet, and a broken journal that must not hide the other runs.
// (Runs killed with a real kill -9, a run in progress, a resumed one: test/cli/runs.test.ts.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRow } from '../../src/cli/runs-command.js';
import { useSessionEach, type SessionWorkspace } from './session-harness.js';

const passing = '# Pass\n\n### 1. Hello\n\n- **Command:** `echo hello`\n';

let ws: SessionWorkspace;
useSessionEach((workspace) => (ws = workspace));

const runs = async (): Promise<RunRow[]> => {
  const { outcome, rows } = await ws.runs();
  expect(outcome.code).toBe(0);
  return rows;
};

describe('runbook runs', () => {
  it('says so when there is none', async () => {
    expect(await ws.runsText()).toMatchObject({ code: 0, stdout: `no runs yet in this workspace (${ws.dir})\n` });
    expect(await runs()).toEqual([]);
  });


  it('a broken journal does not hide the other runs', async () => {
    ws.write('pass.md', passing);
    await ws.exec('pass.md');
    mkdirSync(join(ws.dir, '.runbook/runs/20000101-000000-dead'), { recursive: true });
    writeFileSync(join(ws.dir, '.runbook/runs/20000101-000000-dead/journal.jsonl'), 'not json\n');
    const rows = await runs();
    expect(rows.map((r) => r.status)).toEqual(['passed', 'unreadable']);
    expect((await ws.runsText()).code).toBe(0);
  });
});
