// The exit codes the README promises, from the spawned CLI: 2 for bad input with nothing run,
// 130 for Ctrl-C with an aborted record. (0 and 1 are the two drills of drill-record.test.ts.)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binFile, cleanEnv, field, runCli, sandboxes, tempDirs } from './helpers.js';

const make = sandboxes();
const temp = tempDirs();

describe('exit code 2: bad input, nothing run', () => {
  it('names every missing value and runs nothing', async () => {
    const sb = await make('passing');
    const result = await runCli(['exec', 'rollback.md', '--yes'], sb.dir, sb);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe([
      'runbook: nothing was run:',
      '  - no value for <deployment-name> (used at rollback.md:33:40); give it with --set deployment-name=…, --vars FILE or RUNBOOK_DEPLOYMENT_NAME',
      '  - no value for <container-name> (used at rollback.md:33:114); give it with --set container-name=…, --vars FILE or RUNBOOK_CONTAINER_NAME',
      '  - no value for <release-name> (used at rollback.md:65:16, rollback.md:75:31); give it with --set release-name=…, --vars FILE or RUNBOOK_RELEASE_NAME',
      '',
    ].join('\n'));
    expect(existsSync(join(sb.dir, '.runbook'))).toBe(false);
    expect(existsSync(join(sb.dir, 'docs'))).toBe(false);
  });

  it('refuses gated steps with no terminal and no --yes', async () => {
    const sb = await make('passing');
    const sets = Object.entries(sb.params).flatMap(([name, value]) => ['--set', `${name}=${value}`]);
    const result = await runCli(['exec', 'rollback.md', ...sets], sb.dir, sb);
    expect(result.code).toBe(2);
    // Each gated command as it would run, values filled in; a capture made during the run is named.
    expect(result.stderr).toContain('  - A.2.3 asks before it runs (a down migration or a schema reset changes the database backwards); run in a terminal to answer it at its turn, or pass --yes:\n      $ npm run migrate:down\n');
    expect(result.stderr).toContain('  - A.2.4 asks before it runs (helm rollback returns a release to an earlier revision); run in a terminal to answer it at its turn, or pass --yes:\n      $ helm rollback web <rollback-revision>\n');
    // The cluster was not touched: helm still has its four revisions.
    expect(JSON.parse(readFileSync(sb.stateFile, 'utf8')).releases[0].revisions).toHaveLength(4);
  });

  it('takes values from RUNBOOK_<NAME> and a --vars file as well as --set', async () => {
    const sb = await make('passing');
    await writeFile(join(sb.dir, 'values.yaml'), 'release-name: web\n');
    const result = await runCli(['exec', 'rollback.md', '--vars', 'values.yaml', '--set', 'container-name=web', '--dry-run', '--record', '-'], sb.dir, sb, { RUNBOOK_DEPLOYMENT_NAME: 'web' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[?(@.name=="'web'")].image}'`);
    expect(result.stdout).toContain('helm history web -o json |');
    expect(field(result.stdout, 'Mode')).toBe('dry-run');
  });
});

describe('exit code 130: interrupted', () => {
  it('ends the running step on Ctrl-C, skips the rest and writes an aborted record', async () => {
    const dir = await temp();
    await writeFile(join(dir, 'slow.md'), '# Slow drill\n\n## 1. Wait\n\n```sh\necho started; sleep 60\n```\n\n## 2. After\n\n```sh\necho after\n```\n');
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [binFile, 'exec', 'slow.md', '--operator', 'alice'], { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let sent = false;
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        if (!sent && stdout.includes('│ started')) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.stderr.resume();
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/^\[1\] interrupted/m);
    expect(result.stdout).toContain('[2] not-run: not run: the run was interrupted\n');
    expect(result.stdout).toMatch(/^run aborted in /m);
    const recordRel = result.stdout.match(/^drill record: (.+)$/m)?.[1];
    expect(recordRel).toBeDefined();
    const record = readFileSync(join(dir, recordRel!), 'utf8');
    expect(field(record, 'Result')).toMatch(/^\*\*ABORTED\*\*/);
    expect(field(record, 'Operator')).toBe('alice');
  });
});
