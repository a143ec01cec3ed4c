// The seed runbook with its commands as written (test/fixtures/rollback-as-written.md), run
// in-process against small stand-ins for kubectl, helm, make and npm (first on PATH) and a real
// git repository with release tags. (The spawned CLI drills the shipped runbooks/rollback.md in a
// sandbox in test/e2e/drill-record.test.ts.)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/model/events.js';
import type { WorkspaceFiles } from '../cli/workspace-files.js';
import { stepEnds, useSessions } from './session-harness.js';

const workspace = useSessions();
const seed = readFileSync(resolve(import.meta.dirname, '../fixtures/rollback-as-written.md'), 'utf8');

/** Each stand-in logs its arguments, so the test can see exactly what ran. */
function fakeTools(ws: WorkspaceFiles, { smoke = 0 } = {}): void {
  const log = 'echo "$(basename "$0") $*" >> "$TOOLS_LOG"';
  ws.write('fake-bin/kubectl', `#!/bin/bash\n${log}\n[ "$1 $2" = "describe deployment" ] || exit 64\necho "Name:         $3"\necho "Namespace:    default"\necho "Containers:"\necho "  web:"\necho "    Image:        registry.example.com/$3:v1.2.0"\n`, { executable: true });
  ws.write('fake-bin/helm', `#!/bin/bash\n${log}\n[ "$1" = rollback ] || exit 64\necho "Rollback was a success! Happy Helming!"\n`, { executable: true });
  ws.write('fake-bin/make', `#!/bin/bash\n${log}\n[ "$1" = smoke ] || exit 64\necho "smoke: all checks passed"\nexit ${smoke}\n`, { executable: true });
  ws.write('fake-bin/npm', `#!/bin/bash\n${log}\n[ "$1 $2" = "run migrate:down" ] || exit 64\necho "migrate: reverted 002_add_order_status"\n`, { executable: true });
}

function gitRepoWithTags(ws: WorkspaceFiles, tags: string[]): void {
  const git = (...args: string[]) => {
    const done = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: ws.dir, encoding: 'utf8' });
    if (done.status !== 0) throw new Error(`git ${args.join(' ')}: ${done.stderr}`);
  };
  git('init', '-q');
  git('commit', '-q', '--allow-empty', '-m', 'initial');
  for (const tag of tags) git('tag', tag);
}

const values = ['deployment-name=web', 'release-name=web', 'revision-number=2'];
/** The drill lead's answers to the runbook's nine statements, as the demo gives them. */
const answers = resolve(import.meta.dirname, '../../examples/sandbox/drill-lead-answers.yaml');

describe('the seed runbook as written, end to end', () => {
  it('runs as written: exit 0, every command-bearing step verified, every statement confirmed by the answers file', async () => {
    const ws = workspace();
    ws.write('rollback.md', seed);
    fakeTools(ws);
    gitRepoWithTags(ws, ['v1.0.0', 'v1.1.0', 'v1.2.0']);
    const result = await ws.exec('rollback.md', { set: values, yes: true, env: 'staging', answers }, { path: ['fake-bin'], env: { TOOLS_LOG: `${ws.dir}/tools.log` } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    expect(readFileSync(`${ws.dir}/tools.log`, 'utf8').split('\n').filter(Boolean)).toEqual([
      'kubectl describe deployment web',
      'helm rollback web 2',
      'make smoke',
      'npm run migrate:down',
    ]);
    const events = ws.journal();
    const commandSteps = ['A.1', 'A.2.1', 'A.2.2', 'A.3', 'B.1'];
    const ends = stepEnds(events);
    for (const id of commandSteps) expect(ends[id], id).toBe('passed');
    for (const id of Object.keys(ends)) expect(ends[id], id).toBe('passed');
    for (const id of commandSteps) {
      const verdicts = events.filter((e): e is Extract<RunEvent, { type: 'verdict' }> => e.type === 'verdict' && e.stepId === id);
      expect(verdicts.length, id).toBeGreaterThan(0);
      for (const v of verdicts) expect(v.outcome.verdict, `${id}: ${v.outcome.expected}`).toBe('verified');
    }
    // The captures made on the way: the image deployed and the previous release tag.
    const captures = Object.assign({}, ...events.map((e) => (e.type === 'step-end' ? e.captures : {})));
    expect(captures).toMatchObject({ 'deployed-image': expect.stringContaining('registry.example.com/web:v1.2.0'), 'previous-tag': 'v1.1.0' });
    expect(events.filter((e) => e.type === 'gate').map((e) => e.type === 'gate' && e.stepId)).toEqual(['A.2.2', 'B.1']);
    const end = events.at(-1);
    expect(end).toMatchObject({ type: 'run-end', status: 'passed', exitCode: 0 });
    const record = readFileSync(`${ws.dir}/${end?.type === 'run-end' ? end.recordPath : ''}`, 'utf8');
    expect(record).toContain('Release Rollback Runbook');
    expect(record).toContain('v1.1.0');
    const attestations = events.filter((e): e is Extract<RunEvent, { type: 'attestation' }> => e.type === 'attestation');
    expect(attestations).toHaveLength(9);
    for (const a of attestations) expect(a, a.statementId).toMatchObject({ answer: 'confirmed', by: 'Dana Reyes (drill lead)', via: 'answers' });
  });

  it('without a terminal or answers, the same drill is incomplete: exit 3, and says why', async () => {
    const ws = workspace();
    ws.write('rollback.md', seed);
    fakeTools(ws);
    gitRepoWithTags(ws, ['v1.0.0', 'v1.1.0', 'v1.2.0']);
    const result = await ws.exec('rollback.md', { set: values, yes: true }, { path: ['fake-bin'], env: { TOOLS_LOG: `${ws.dir}/tools.log` } });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^run incomplete in \S+: 9 statements not confirmed \(no terminal\); give --answers$/m);
    expect(ws.journal().at(-1)).toMatchObject({ type: 'run-end', status: 'incomplete', exitCode: 3, reason: '9 statements not confirmed (no terminal); give --answers' });
  });

  it('fails at the smoke test and leaves the migration not run', async () => {
    const ws = workspace();
    ws.write('rollback.md', seed);
    fakeTools(ws, { smoke: 2 });
    gitRepoWithTags(ws, ['v1.0.0', 'v1.1.0', 'v1.2.0']);
    const result = await ws.exec('rollback.md', { set: values, yes: true }, { path: ['fake-bin'], env: { TOOLS_LOG: `${ws.dir}/tools.log` } });
    expect(result.code).toBe(1);
    const ends = stepEnds(ws.journal());
    expect(ends['A.3']).toBe('failed');
    expect(ends['B.1']).toBe('not-run');
    expect(readFileSync(`${ws.dir}/tools.log`, 'utf8')).not.toContain('npm');
  });

  it('without values or --yes, nothing runs', async () => {
    const ws = workspace();
    ws.write('rollback.md', seed);
    fakeTools(ws);
    const missing = await ws.exec('rollback.md', { yes: true }, { path: ['fake-bin'], env: { TOOLS_LOG: `${ws.dir}/tools.log` } });
    expect(missing.code).toBe(2);
    for (const name of ['deployment-name', 'release-name', 'revision-number']) expect(missing.stderr).toContain(`<${name}>`);
    const ungated = await ws.exec('rollback.md', { set: values }, { path: ['fake-bin'], env: { TOOLS_LOG: `${ws.dir}/tools.log` } });
    expect(ungated.code).toBe(2);
    expect(ungated.stderr).toContain('A.2.2');
    expect(ws.exists('tools.log')).toBe(false);
  });
});
