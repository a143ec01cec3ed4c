// The sandbox helm (in-process when called by name, the bin launcher through `sh`): history,
// rollback and its failures.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { run, sandboxes, sh } from './helpers.js';

const make = sandboxes();

// helm's uitable: every column padded to its width (the last one too), joined by tabs.
const HISTORY_BEFORE = [
  'REVISION\tUPDATED                 \tSTATUS    \tCHART         \tAPP VERSION\tDESCRIPTION     ',
  '1       \tMon Jan  6 11:00:00 2025\tsuperseded\tweb-1.0.0     \t1.0.0      \tInstall complete',
  '2       \tTue Feb  4 10:00:00 2025\tsuperseded\tweb-1.1.0     \t1.1.0      \tUpgrade complete',
  '3       \tTue Mar  4 10:00:00 2025\tsuperseded\tweb-1.2.0-rc.1\t1.2.0-rc.1 \tUpgrade complete',
  '4       \tTue Mar 11 10:00:00 2025\tdeployed  \tweb-1.2.0     \t1.2.0      \tUpgrade complete',
  '',
].join('\n');

const cells = (table: string) =>
  table
    .trimEnd()
    .split('\n')
    .map((line) => line.split('\t').map((c) => c.trim()));

describe('sandbox helm', () => {
  it('prints the release history as helm does', async () => {
    const sb = await make();
    expect(await run(sb, 'helm', ['history', 'web'])).toEqual({ code: 0, stdout: HISTORY_BEFORE, stderr: '' });
  });

  it('rolls back: a new revision "Rollback to 2" and the deployment runs that revision\'s image', async () => {
    const sb = await make();
    // Revision 2 deployed v1.1.0: runbooks/rollback.md takes it from `helm history -o json`.
    const r = await sh(sb, `helm rollback ${sb.params['release-name']} 2`);
    expect(r).toEqual({ code: 0, stdout: 'Rollback was a success! Happy Helming!\n', stderr: '' });

    const history = cells((await run(sb, 'helm', ['history', 'web'])).stdout);
    expect(history.at(-2)).toEqual(['4', 'Tue Mar 11 10:00:00 2025', 'superseded', 'web-1.2.0', '1.2.0', 'Upgrade complete']);
    expect(history.at(-1)).toEqual(['5', 'Wed Mar 12 09:30:00 2025', 'deployed', 'web-1.1.0', '1.1.0', 'Rollback to 2']);

    const image = await sh(sb, 'kubectl describe deployment web | grep Image');
    expect(image.stdout).toBe('    Image:         registry.example.com/shop/web:v1.1.0\n');
    const describe = (await run(sb, 'kubectl', ['describe', 'deployment', 'web'])).stdout;
    expect(describe).toContain('Annotations:            deployment.kubernetes.io/revision: 5\n');
    expect(describe).toMatch(/Normal {2}ScalingReplicaSet {2}60s {3}deployment-controller {2}Scaled up replica set web-\w+ to 3\n/);
    expect((await run(sb, 'helm', ['list'])).stdout).toMatch(/^web \tdefault  \t5       \t2025-03-12 09:30:00 \+0000 UTC\tdeployed\tweb-1\.1\.0\t1\.1\.0\s*\n$/m);

    const state = JSON.parse(await readFile(sb.stateFile, 'utf8'));
    expect(state.audit).toEqual([
      expect.objectContaining({ tool: 'helm', argv: ['rollback', 'web', '2'], change: expect.objectContaining({ from: 4, to: 2, revision: 5 }) }),
    ]);
  });

  it('fails on an unknown release and changes nothing', async () => {
    const sb = await make();
    const before = await readFile(sb.stateFile, 'utf8');
    expect(await run(sb, 'helm', ['rollback', 'nope', '2'])).toEqual({ code: 1, stdout: '', stderr: 'Error: release: not found\n' });
    expect(await run(sb, 'helm', ['history', 'nope'])).toEqual({ code: 1, stdout: '', stderr: 'Error: release: not found\n' });
    expect(await run(sb, 'helm', ['rollback', 'web', '2', '-n', 'prod'])).toEqual({ code: 1, stdout: '', stderr: 'Error: release: not found\n' });
    expect(await readFile(sb.stateFile, 'utf8')).toBe(before);
  });

  it('fails on a revision that does not exist or was pruned', async () => {
    const sb = await make();
    expect(await run(sb, 'helm', ['rollback', 'web', '9'])).toEqual({ code: 1, stdout: '', stderr: 'Error: release has no 9 version\n' });

    // Keeping at most 4 revisions, the rollback prunes the oldest one: revision 1.
    expect((await run(sb, 'helm', ['rollback', 'web', '2', '--history-max', '4'])).code).toBe(0);
    expect(cells((await run(sb, 'helm', ['history', 'web'])).stdout).map((row) => row[0])).toEqual(['REVISION', '2', '3', '4', '5']);
    const before = await readFile(sb.stateFile, 'utf8');
    expect(await run(sb, 'helm', ['rollback', 'web', '1'])).toEqual({ code: 1, stdout: '', stderr: 'Error: release has no 1 version\n' });
    expect(await readFile(sb.stateFile, 'utf8')).toBe(before);
  });

  it('rejects bad arguments and unknown commands with helm\'s messages', async () => {
    const sb = await make();
    expect(await run(sb, 'helm', ['rollback', 'web', 'two'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: could not convert revision to a number: strconv.Atoi: parsing "two": invalid syntax\n',
    });
    expect(await run(sb, 'helm', ['frobnicate'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: unknown command "frobnicate" for "helm"\nRun \'helm --help\' for usage.\n',
    });
    expect(await run(sb, 'helm', ['rollback', 'web', '2', '--bogus'])).toEqual({ code: 1, stdout: '', stderr: 'Error: unknown flag: --bogus\n' });
    const unmodelled = await run(sb, 'helm', ['upgrade', 'web', './chart']);
    expect(unmodelled.code).toBe(1);
    expect(unmodelled.stderr).toMatch(/^Error: the sandbox helm does not implement "upgrade"/);
  });

  it('gives the revisions as JSON for the runbook to pick from', async () => {
    const sb = await make();
    const r = await run(sb, 'helm', ['history', 'web', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { revision: 1, updated: '2025-01-06T11:00:00Z', status: 'superseded', chart: 'web-1.0.0', app_version: '1.0.0', description: 'Install complete' },
      { revision: 2, updated: '2025-02-04T10:00:00Z', status: 'superseded', chart: 'web-1.1.0', app_version: '1.1.0', description: 'Upgrade complete' },
      { revision: 3, updated: '2025-03-04T10:00:00Z', status: 'superseded', chart: 'web-1.2.0-rc.1', app_version: '1.2.0-rc.1', description: 'Upgrade complete' },
      { revision: 4, updated: '2025-03-11T10:00:00Z', status: 'deployed', chart: 'web-1.2.0', app_version: '1.2.0', description: 'Upgrade complete' },
    ]);
  });

  it('rolled back to the crash-looping release candidate (revision 3), the rollout never completes', async () => {
    const sb = await make();
    const r = await run(sb, 'helm', ['rollback', 'web', '3']);
    expect(r).toEqual({ code: 0, stdout: 'Rollback was a success! Happy Helming!\n', stderr: '' });
    expect(await run(sb, 'kubectl', ['rollout', 'status', 'deployment/web'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: deployment "web" exceeded its progress deadline\n',
    });
    const describe = (await run(sb, 'kubectl', ['describe', 'deployment', 'web'])).stdout;
    expect(describe).toContain('    Image:         registry.example.com/shop/web:v1.2.0-rc.1\n');
    expect(describe).toContain('Replicas:               3 desired | 1 updated | 4 total | 3 available | 1 unavailable\n');
    expect(describe).toContain('  Progressing    False   ProgressDeadlineExceeded\n');
    expect((await run(sb, 'kubectl', ['get', 'pods'])).stdout).toMatch(/^web-\w+-\w+ +0\/1 +CrashLoopBackOff /m);

    // With --wait, helm itself reports the failure and records a failed revision.
    const waited = await run(sb, 'helm', ['rollback', 'web', '3', '--wait']);
    expect(waited).toEqual({ code: 1, stdout: '', stderr: 'Error: release web failed: context deadline exceeded\n' });
    expect(cells((await run(sb, 'helm', ['history', 'web'])).stdout).at(-1)).toEqual([
      '6',
      'Wed Mar 12 09:31:00 2025',
      'failed',
      'web-1.2.0-rc.1',
      '1.2.0-rc.1',
      'Release "web" failed: context deadline exceeded',
    ]);
  });

  it('in the failing scenario rolls back to v1.1.0, whose image is gone: helm says success, the rollout stalls', async () => {
    const sb = await make('failing');
    expect(await run(sb, 'helm', ['rollback', 'web', '2'])).toEqual({ code: 0, stdout: 'Rollback was a success! Happy Helming!\n', stderr: '' });
    expect(await run(sb, 'kubectl', ['rollout', 'status', 'deployment/web'])).toEqual({ code: 1, stdout: '', stderr: 'error: deployment "web" exceeded its progress deadline\n' });
    const pods = (await run(sb, 'kubectl', ['get', 'pods'])).stdout;
    expect(pods).toMatch(/^web-\w+-\w+ +0\/1 +ImagePullBackOff +0 /m);
    expect(pods.match(/ 1\/1 +Running /g)).toHaveLength(3); // v1.2.0 keeps serving
  });
});
