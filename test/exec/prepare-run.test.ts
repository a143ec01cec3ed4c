// prepareRun with a terminal: a value nobody gave is asked for (a secret without echo); gates are
// left to their turn (test/exec/gates.test.ts), or approved by --yes. The terminal is scripted:
// each answer is typed once its question is on screen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { PreflightError } from '../../src/cli/errors.js';
import { readRunbook } from '../../src/cli/load-runbook.js';
import { prepareRun } from '../../src/exec/prepare-run.js';
import { settingsFromFlags, type ExecFlags } from '../../src/exec/run-settings.js';
import type { SessionIO } from '../../src/exec/session-io.js';
import { greetRunbook as text } from '../cli/runbooks.js';

const workspace = mkdtempSync(join(tmpdir(), 'runbook-prepare-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/** A terminal that types `answer` once the screen (stderr) shows `question`, each in turn. */
function terminal(script: [question: string, answer: string][]): { io: SessionIO; screen: () => string } {
  const stdin = new PassThrough();
  let screen = '';
  let next = 0;
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      screen += chunk.toString();
      const step = script[next];
      if (step && screen.endsWith(step[0])) {
        next += 1;
        setImmediate(() => stdin.write(step[1]));
      }
      callback();
    },
  });
  const io: SessionIO = {
    stdin,
    stdout: new PassThrough(),
    stderr,
    tty: { stdin: true, stdout: true, stderr: true },
    env: { PATH: process.env.PATH, RUNBOOK_OPERATOR: 'alice' },
    workspace,
    pid: process.pid,
    now: () => new Date(),
    elapsed: () => performance.now(),
    onInterrupt: () => () => undefined,
    exit: () => undefined,
  };
  return { io, screen: () => screen };
}

const prepare = (io: SessionIO, flags: ExecFlags = {}) => prepareRun(readRunbook('rb.md', text), settingsFromFlags({ record: false, ...flags }), io);

describe('prepareRun at a terminal', () => {
  it('asks for each missing value, a secret without echo; the gate is left to its turn', async () => {
    const { io, screen } = terminal([
      ['<who> (whom to greet): ', 'web\n'],
      ['<token>: ', 's3cret-token\r'],
    ]);
    const prepared = await prepare(io);
    expect(prepared.plan.values).toMatchObject({ who: 'web', token: 's3cret-token' });
    expect(prepared).toMatchObject({ approvedGates: [], gatesAtTurn: true });
    expect(screen()).toBe('<who> (whom to greet): <token>: \n');
  });

  it('--yes approves the gate before the run and asks nothing', async () => {
    const quiet = terminal([]);
    const approved = await prepare(quiet.io, { set: ['who=web', 'token=t'], yes: true });
    expect(approved.approvedGates).toEqual([{ stepId: '2', reason: 'Confirm: yes', by: 'alice (--yes)' }]);
    expect(quiet.screen()).toBe('');
  });

  it('a value left empty is still missing, and nothing is asked with --json', async () => {
    const { io } = terminal([['<who> (whom to greet): ', '\n'], ['<token>: ', 'x\n']]);
    const missing = await prepare(io).catch((error: unknown) => error);
    expect((missing as PreflightError).problems).toEqual([expect.stringMatching(/^no value for <who> \(used at rb\.md:/)]);
    const json = terminal([]);
    const refused = await prepare(json.io, { json: true }).catch((error: unknown) => error);
    expect((refused as PreflightError).problems.map((p) => p.split(' (')[0])).toEqual(['no value for <who>', 'no value for <token>']);
    expect(json.screen()).toBe('');
  });
});
