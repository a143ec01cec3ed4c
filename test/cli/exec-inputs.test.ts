// `runbook exec` on a real terminal (util-linux `script`): the task list, and Ctrl-C at a gate's
// question, asked at the step's turn; and an engine whose stdout closes. Values, gates, secrets, NDJSON and concurrency
// run in-process: test/exec/inputs.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runbook, stepEnds, useCli } from './exec-helpers.js';

const { workspace, cli } = useCli();

describe('runbook exec: answering a gate in a terminal', () => {
  const hasScript = spawnSync('script', ['--version']).status === 0;

  it.skipIf(!hasScript)('draws the task list on a terminal that reports no width', async () => {
    const ws = workspace();
    ws.write('one.md', runbook('One', [['Greets', '- **Command:** `echo hello`']]));
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
    delete env.CI;
    const done = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(cli())} exec one.md --no-record`, '/dev/null'], { cwd: ws.dir, env: env as NodeJS.ProcessEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/✔ 1 {2}Greets — passed/);
    expect(done.stdout).toContain('run passed');
  });

  it.skipIf(!hasScript)('Ctrl-C at the gate, asked at its turn, exits 130 with the run ended cleanly', async () => {
    const ws = workspace();
    ws.write('confirm.md', runbook('Confirm', [['First', '- **Command:** `touch ran.txt`'], ['Asks', '- **Confirm:** yes', '- **Command:** `touch confirmed.txt`']]));
    // `script` gives the CLI a terminal; what the test writes to it is typed at that terminal.
    const child = spawn('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(cli())} exec confirm.md --no-record`, '/dev/null'], { cwd: ws.dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let typed = false;
    child.stdin.on('error', () => undefined);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      if (!typed && output.includes('[y] run  [s] skip  [a] abort')) {
        typed = true;
        child.stdin.write('\u0003');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output).toContain('runbook: interrupted; ending running steps');
    expect(output).not.toContain('internal error');
    expect(code).toBe(130);
    // Asked at its turn: the step before it ran, the gated one did not.
    expect(ws.exists('ran.txt')).toBe(true);
    expect(ws.exists('confirmed.txt')).toBe(false);
    expect(stepEnds(ws.journal())).toEqual({ 1: 'passed', 2: 'not-run' });
    expect(ws.journal().at(-1)).toMatchObject({ type: 'run-end', status: 'aborted', exitCode: 130 });
  });
});

describe('runbook exec: a closed stdout', () => {
  it('keeps running when nobody reads its output any more', async () => {
    const ws = workspace();
    ws.write('pipe.md', runbook('Pipe', [['Talks a lot', '- **Command:** `seq 1 50000`'], ['Then', '- **Command:** `sleep 0.5; touch then.txt`']]));
    // stdout is closed right away, as `runbook exec … | head -1` would.
    const child = spawn(process.execPath, [cli(), 'exec', 'pipe.md'], { cwd: ws.dir, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
    expect(ws.exists('then.txt')).toBe(true);
    expect(ws.journal().at(-1)).toMatchObject({ type: 'run-end', status: 'passed' });
  });
});
