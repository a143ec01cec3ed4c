// The seed runbook's commands, run by hand in order in a sandbox, as an operator would on a
// drill: the sandbox must make every one of them real, and the two scenarios must end
// differently at the smoke test.
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox, readSchema, SCENARIOS } from '../../examples/sandbox/create-sandbox.mjs';
import { quote, sandboxes, sh } from './helpers.js';

const make = sandboxes();

/** `- **Command:** \`…\`` lines of the runbook, placeholders filled in (shell-quoted). */
async function seedCommands(file: string, params: Record<string, string>): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return [...text.matchAll(/^\s*-\s+\*\*Command:\*\*\s+`([^`]+)`/gm)].map((m) =>
    m[1]!.replace(/<([A-Za-z][\w.-]*)>/g, (whole, name: string) => (name in params ? quote(params[name]!) : whole)),
  );
}

describe('a drill of the seed runbook, by hand', () => {
  it('runs every command of the passing scenario successfully', async () => {
    const sb = await make('passing');
    expect(sb.runbookFile).not.toBeNull();
    const commands = await seedCommands(sb.runbookFile!, { ...sb.params });
    expect(commands).toEqual([
      "kubectl describe deployment 'web' | grep Image",
      'git tag --list "v*.*.*" | sort -V | tail -n 2 | head -n 1',
      "helm rollback 'web' '2'",
      'make smoke',
      'npm run migrate:down',
    ]);
    const results = [];
    for (const command of commands) results.push(await sh(sb, command));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
    expect(results[0]!.stdout).toBe('    Image:         registry.example.com/shop/web:v1.2.0\n');
    expect(results[1]!.stdout).toBe('v1.2.0\n'); // the pre-release pitfall: see examples/sandbox/NOTES.md
    expect(results[2]!.stdout).toBe('Rollback was a success! Happy Helming!\n');
    expect(results[3]!.stdout).toContain('smoke: all checks passed\n');
    expect(results[4]!.stdout).toContain('migrate: reverted 002_add_order_status; schema now at version 1\n');
    expect(readSchema(sb.dbFile).tables.orders).not.toContain('status');
  });

  it('fails at the smoke test in the failing scenario', async () => {
    const sb = await make('failing');
    const commands = await seedCommands(sb.runbookFile!, { ...sb.params });
    const codes = [];
    for (const command of commands.slice(0, 4)) codes.push((await sh(sb, command)).code);
    expect(codes.slice(0, 3)).toEqual([0, 0, 0]);
    expect(codes[3]).not.toBe(0);
  });
});

describe('createSandbox', () => {
  it('returns the environment and the params of each scenario', async () => {
    const sb = await make('passing');
    expect(sb.params).toEqual({ 'deployment-name': 'web', 'release-name': 'web', 'revision-number': '2' });
    expect(sb.env.PATH!.startsWith(`${sb.binDir}:`)).toBe(true);
    expect(sb.env.SANDBOX_STATE).toBe(sb.stateFile);
    expect(sb.env.SANDBOX_DB).toBe(sb.dbFile);
    expect(sb.expectedTag).toBe('v1.1.0');
    expect(SCENARIOS.failing.params).toEqual({ 'deployment-name': 'web', 'release-name': 'web', 'revision-number': '3' });
    const failing = await make('failing');
    expect(failing.params['revision-number']).toBe('3');
    expect(JSON.parse(await readFile(failing.stateFile, 'utf8')).images).toEqual({
      'registry.example.com/shop/web:v1.2.0-rc.1': expect.objectContaining({ healthy: false, reason: 'CrashLoopBackOff' }),
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
