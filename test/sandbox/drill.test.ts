// runbooks/rollback.md's commands, run by hand in order in a sandbox, as an operator would on a
// drill (each with bash -o pipefail, the values and captures filled in by the engine's own
// renderer): the sandbox must make every one of them real, and the two scenarios must end
// differently at the smoke test.
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox, readSchema, SCENARIOS, type Sandbox } from '../../examples/sandbox/create-sandbox.mjs';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { renderWith, sandboxes, sh, type Result } from './helpers.js';

const make = sandboxes();

interface Ran extends Result {
  id: string;
  command: string;
}

/** Runs the steps with commands in document order, storing each capture as the engine would; stops at the first failure. */
async function drillByHand(sb: Sandbox): Promise<Ran[]> {
  const runbook = parseRunbook(await readFile(sb.runbookFile!, 'utf8'));
  const values: Record<string, string> = { ...sb.params };
  const ran: Ran[] = [];
  for (const step of runbook.steps) {
    for (const command of step.commands) {
      const text = renderWith(command, values);
      const result = await sh(sb, text);
      ran.push({ id: step.id, command: text, ...result });
      if (result.code !== 0) return ran;
    }
    for (const name of step.captures) values[name] = ran.at(-1)!.stdout.trim();
  }
  return ran;
}

describe('a drill of runbooks/rollback.md, by hand', () => {
  it('runs every command of the passing scenario successfully, and finds the right versions', async () => {
    const sb = await make('passing');
    expect(sb.runbookFile).not.toBeNull();
    const ran = await drillByHand(sb);
    expect(ran.map((r) => [r.id, r.code])).toEqual([
      ['A.1', 0], ['A.2.1', 0], ['A.2.2', 0], ['A.2.3', 0], ['A.2.4', 0], ['A.3', 0], ['D', 0],
    ]);
    const out = Object.fromEntries(ran.map((r) => [r.id, r.stdout]));
    expect(ran[0]!.command).toBe(`kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[?(@.name=="'web'")].image}'`);
    expect(out['A.1']).toBe('registry.example.com/shop/web:v1.2.0');
    expect(out['A.2.1']).toBe('v1.1.0\n'); // not v1.2.0, the release being rolled back (examples/sandbox/NOTES.md §1)
    expect(out['A.2.2']).toBe('2\n');
    expect(out['A.2.3']).toContain('migrate: reverted 002_add_order_status; schema now at version 1\n');
    expect(ran[4]!.command).toBe('helm rollback web 2');
    expect(out['A.2.4']).toBe('Rollback was a success! Happy Helming!\n');
    expect(out['A.3']).toContain('smoke: all checks passed\n');
    expect(out.D).toBe(`${sb.lastKnownGoodTag}\n`);
    expect(readSchema(sb.dbFile).tables.orders).not.toContain('status');
  });

  it('fails at the smoke test in the failing scenario, after the same versions were found', async () => {
    const sb = await make('failing');
    const ran = await drillByHand(sb);
    expect(ran.map((r) => [r.id, r.code === 0])).toEqual([
      ['A.1', true], ['A.2.1', true], ['A.2.2', true], ['A.2.3', true], ['A.2.4', true], ['A.3', false],
    ]);
    expect(ran[4]!.command).toBe('helm rollback web 2');
    expect(ran[5]!.stderr).toContain('smoke: FAIL  rollout: error: deployment "web" exceeded its progress deadline\n');
  });
});

describe('createSandbox', () => {
  it('returns the environment and the params of each scenario', async () => {
    const sb = await make('passing');
    expect(sb.params).toEqual({ 'deployment-name': 'web', 'container-name': 'web', 'release-name': 'web' });
    expect(sb.env.PATH!.startsWith(`${sb.binDir}:`)).toBe(true);
    expect(sb.env.SANDBOX_STATE).toBe(sb.stateFile);
    expect(sb.env.SANDBOX_DB).toBe(sb.dbFile);
    expect(sb.expectedTag).toBe('v1.1.0');
    expect(sb.lastKnownGoodTag).toBe('ga-1.1.0');
    // The runbook finds the target itself, so both scenarios give the same values.
    expect(SCENARIOS.failing.params).toEqual(sb.params);
    const rc = { 'registry.example.com/shop/web:v1.2.0-rc.1': expect.objectContaining({ healthy: false, reason: 'CrashLoopBackOff' }) };
    expect(JSON.parse(await readFile(sb.stateFile, 'utf8')).images).toEqual(rc);
    const failing = await make('failing');
    expect(JSON.parse(await readFile(failing.stateFile, 'utf8')).images).toEqual({
      ...rc,
      'registry.example.com/shop/web:v1.1.0': expect.objectContaining({ healthy: false, reason: 'ImagePullBackOff' }),
    });
  });

  it('refuses a folder that is not empty and an unknown scenario', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'runbook-sandbox-'));
    try {
      await writeFile(join(dir, 'keep.txt'), 'mine\n');
      await expect(createSandbox({ dir })).rejects.toThrow(/is not empty/);
      expect(await readFile(join(dir, 'keep.txt'), 'utf8')).toBe('mine\n');
      // @ts-expect-error: not a scenario
      await expect(createSandbox({ dir: join(dir, 'fresh'), scenario: 'flaky' })).rejects.toThrow(/unknown scenario "flaky"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
