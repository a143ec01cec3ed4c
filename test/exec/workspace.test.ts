// The workspace in-process (SPEC §3): `.runbook/` and the records live at the root of the git work
// tree that holds the runbook, else in the runbook's folder, whatever folder the command starts
// in; `runs`, `record` and `resume` find the runs there; one lock per runbook in that workspace.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbook, useSessions, waitFor, type SessionWorkspace } from './session-harness.js';

const workspace = useSessions();

function gitInit(dir: string): void {
  const done = spawnSync('git', ['init', '-q'], { cwd: dir, encoding: 'utf8' });
  if (done.status !== 0) throw new Error(done.stderr);
}

/** ws/repo (a git work tree) with runbooks/rb.md, and ws/elsewhere, a folder outside it. */
function layout(ws: SessionWorkspace, steps = runbook('Drill', [['Roll back', '- **Command:** `echo rolled`']])): string {
  ws.write('repo/runbooks/rb.md', steps);
  ws.write('elsewhere/.keep', '');
  gitInit(join(ws.dir, 'repo'));
  return realpathSync(join(ws.dir, 'repo'));
}

describe('the workspace', () => {
  it('is the git work tree of the runbook: journal and record go there when started from another folder', async () => {
    const ws = workspace();
    const root = layout(ws);
    const result = await ws.exec('../repo/runbooks/rb.md', {}, { from: 'elsewhere' });
    expect(result.code).toBe(0);
    expect(readdirSync(join(ws.dir, 'elsewhere'))).toEqual(['.keep']);
    const [runId] = readdirSync(join(root, '.runbook', 'runs'));
    expect(runId).toBeDefined();
    expect(readdirSync(join(root, 'docs', 'releases', 'rollback-drills'))).toHaveLength(1);
    // People read the record's path from where they started.
    expect(result.stdout).toMatch(/^drill record: \.\.\/repo\/docs\/releases\/rollback-drills\/.+\.md$/m);
    const journal = ws.read(`repo/.runbook/runs/${runId}/journal.jsonl`);
    expect(JSON.parse(journal.split('\n')[0] ?? '{}')).toMatchObject({ type: 'run-start', runbookPath: 'runbooks/rb.md' });
  });

  it('is found by runs, record and resume from inside the work tree, and from elsewhere with --workspace', async () => {
    const ws = workspace();
    const root = layout(ws, runbook('Drill', [['Check', '- **Command:** `test -f ok.txt`']]));
    expect((await ws.exec('../repo/runbooks/rb.md', {}, { from: 'elsewhere' })).code).toBe(1);
    const runId = readdirSync(join(root, '.runbook', 'runs'))[0] as string;

    const listed = await ws.runs({ from: 'repo/runbooks' });
    expect(listed.rows.map((r) => [r.runId, r.runbook, r.status])).toEqual([[runId, 'runbooks/rb.md', 'failed']]);
    expect((await ws.runs({ from: 'elsewhere' })).rows).toEqual([]);

    const rendered = await ws.record(runId, { record: '-' }, { from: 'repo/runbooks' });
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toContain('- **Result:** **FAILED**');

    ws.write('repo/runbooks/ok.txt', '');
    const resumed = await ws.resume(runId, { workspace: '../repo' }, { from: 'elsewhere' });
    expect(resumed.code).toBe(0);
    expect(readdirSync(join(root, 'docs', 'releases', 'rollback-drills'))).toHaveLength(2);
    expect(existsSync(join(ws.dir, 'elsewhere', '.runbook'))).toBe(false);
  });

  it('is the runbook\'s folder outside a work tree, wherever the command starts', async () => {
    const ws = workspace();
    ws.write('drills/rb.md', runbook('Drill', [['Roll back', '- **Command:** `true`']]));
    expect((await ws.exec('drills/rb.md', { record: false })).code).toBe(0);
    expect(existsSync(join(ws.dir, 'drills', '.runbook', 'runs'))).toBe(true);
    expect(existsSync(join(ws.dir, '.runbook'))).toBe(false);
  });

  it('holds one lock per runbook: a second run started from another folder is refused while the first runs', async () => {
    const ws = workspace();
    const root = layout(ws, runbook('Drill', [['Wait', '- **Command:** `for i in $(seq 3000); do test -f go.txt && break; sleep 0.1; done`']]));
    const first = ws.start('repo/runbooks/rb.md', { record: false });
    await waitFor(() => existsSync(join(root, '.runbook', 'locks')) && readdirSync(join(root, '.runbook', 'locks')).some((n) => n.endsWith('.lock')), 'the first run to take its lock');
    const second = await ws.exec('../repo/runbooks/rb.md', { record: false }, { from: 'elsewhere' });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/another run of this runbook is in progress: run \S+ by /);
    ws.write('repo/runbooks/go.txt', '');
    expect((await first.done).code).toBe(0);
  });
});
