// As a user sees it, spawned: a run nobody could confirm exits 3 and says why; --answers makes
// it pass, and an id the runbook does not have is bad input; a precondition that does not hold
// stops the run before anything (exit 2); --strict refuses up front; and a run started from
// another folder keeps its journal and record in the runbook's work tree, where `runs` finds it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbook } from './exec-helpers.js';
import { useWorkspace, type Workspace } from './runs-harness.js';

let ws: Workspace;
useWorkspace((w) => (ws = w));

const checklist = runbook('Go/no-go', [
  ['Ready', '- [ ] The on-call channel was told', '- **Command:** `echo ready > ran.txt`', '- **Expected Outcome:** The dashboard is green.'],
]);

describe('results a user can trust', () => {
  it('exits 3 when nothing failed but nobody confirmed the statements, and says why', async () => {
    ws.write('go.md', checklist);
    const result = await ws.run(['exec', 'go.md']);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^run incomplete in \S+: 2 statements not confirmed \(no terminal\); give --answers$/m);
    const [runId] = ws.runIds();
    expect(ws.journal(runId as string).at(-1)).toMatchObject({ type: 'run-end', status: 'incomplete', exitCode: 3 });
  });

  it('passes with --answers, and refuses an id the runbook does not have, suggesting the nearest (exit 2)', async () => {
    ws.write('go.md', checklist);
    ws.write('answers.yaml', 'by: Dana Reyes (drill lead)\nanswers:\n  "1": confirmed\n');
    const passed = await ws.runInProcess(['exec', 'go.md', '--answers', 'answers.yaml']);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('[1] ✔ confirmed: The on-call channel was told (by Dana Reyes (drill lead))');
    ws.write('typo.yaml', 'by: Dana\nanswers:\n  1#a2: confirmed\n');
    const refused = await ws.runInProcess(['exec', 'go.md', '--answers', 'typo.yaml']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('runbook: typo.yaml:3:3: unknown statement id `1#a2`; did you mean `1#a1`?\n');
  });

  it('--strict refuses before the first step when a statement needs a person nobody here can be', async () => {
    ws.write('go.md', checklist);
    const result = await ws.runInProcess(['exec', 'go.md', '--strict']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--strict: 2 statements need a person, and nobody can answer here (no terminal)');
    expect(ws.exists('ran.txt')).toBe(false);
  });

  it('a precondition that does not hold stops the run before anything: exit 2, naming it', async () => {
    ws.write('bin/kubectl', '#!/bin/bash\necho prod-eu-1\n', { executable: true });
    ws.write('rb.md', runbook('Drill', [['Roll back', '- **Command:** `echo rolled > ran.txt`']], 'preconditions:\n  - command: kubectl config current-context\n    says: stdout contains "staging"\n'));
    const result = await ws.runInProcess(['exec', 'rb.md'], { PATH: `${join(ws.dir, 'bin')}:${process.env.PATH}` });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('runbook: nothing was run:\n  - the precondition `kubectl config current-context` (stdout contains "staging") does not hold: stdout (10 B, 1 line) does not contain "staging"; last line: "prod-eu-1"\n');
    expect(ws.exists('ran.txt')).toBe(false);
    expect(ws.runIds()).toEqual([]);
  });

  it('started from another folder, keeps journal and record in the runbook\'s work tree; `runs` there lists it', async () => {
    ws.write('repo/runbooks/rb.md', runbook('Drill', [['Roll back', '- **Command:** `echo rolled`']]));
    ws.write('elsewhere/.keep', '');
    expect(spawnSync('git', ['init', '-q'], { cwd: join(ws.dir, 'repo') }).status).toBe(0);
    const root = realpathSync(join(ws.dir, 'repo'));
    const result = await ws.runInProcess(['exec', '../repo/runbooks/rb.md'], {}, 'elsewhere');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^drill record: \.\.\/repo\/docs\/releases\/rollback-drills\/\S+\.md$/m);
    expect(readdirSync(join(ws.dir, 'elsewhere'))).toEqual(['.keep']);
    expect(existsSync(join(root, '.runbook', 'runs'))).toBe(true);
    const runs = await ws.runInProcess(['runs'], {}, 'repo/runbooks');
    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(/^\S+ {2}runbooks\/rb\.md {2}\S+ \S+ {2}passed {2}docs\/releases\/rollback-drills\/\S+\.md$/m);
  });
});
