// The sandbox gh (in-process when called by name; `command -v gh` finds the bin launcher): the release workflow's runs as
// JSON the way `gh run list --json` prints them, on the sandbox's real commits, and a clear
// refusal for everything the sandbox does not model.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../examples/sandbox/create-sandbox.mjs';
import { run, sandboxes, sh } from './helpers.js';

const make = sandboxes();
// gh only reads the state, so one sandbox serves every test (the last one checks that).
let sb: Sandbox;
beforeAll(async () => {
  sb = await make();
});
const FIELDS = 'headSha,headBranch,conclusion,createdAt';
const MODELLED = 'it models `gh run list --workflow WORKFLOW --status STATUS --json FIELDS`';
const AVAILABLE = [
  'attempt', 'conclusion', 'createdAt', 'databaseId', 'displayTitle', 'event', 'headBranch', 'headSha',
  'name', 'number', 'startedAt', 'status', 'updatedAt', 'url', 'workflowDatabaseId', 'workflowName',
].map((f) => `  ${f}`).join('\n');

interface Row {
  [field: string]: string | number;
}

async function runs(args: string[]): Promise<Row[]> {
  const r = await run(sb, 'gh', ['run', 'list', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Row[];
}

describe('sandbox gh', () => {
  it('is the one on PATH, next to kubectl and helm', async () => {
    expect((await sh(sb, 'command -v gh')).stdout).toBe(`${sb.binDir}/gh\n`);
  });

  it('lists the successful release workflow runs, newest first, with exactly the fields asked for', async () => {
    const r = await run(sb, 'gh', ['run', 'list', '--workflow', 'release.yml', '--status', 'success', '--json', FIELDS]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // gh's exporter: one compact line, keys sorted as Go marshals a map.
    expect(r.stdout).toMatch(/^\[\{"conclusion":"success","createdAt":"2025-02-04T09:00:20Z","headBranch":"ga-1\.1\.0","headSha":"[0-9a-f]{40}"\},/);
    expect(r.stdout.endsWith('}]\n')).toBe(true);
    const rows = JSON.parse(r.stdout) as Row[];
    expect(rows.map((row) => [row.headBranch, row.conclusion])).toEqual([
      ['ga-1.1.0', 'success'], ['rc-1.1.0', 'success'], ['ga-1.0.0', 'success'], ['rc-1.0.0', 'success'],
    ]);
    // headSha is the commit the tag points at in the sandbox repository.
    for (const row of rows) {
      const tagged = await run(sb, 'git', ['rev-parse', `${row.headBranch}^{commit}`]);
      expect(row.headSha).toBe(tagged.stdout.trim());
    }
  });

  it('has a failed and a successful release: the newest rc-/ga- tags failed theirs', async () => {
    const all = await runs(['--workflow', 'Release', '--json', 'headBranch,conclusion,event,status']);
    expect(all.slice(0, 3)).toEqual([
      { conclusion: 'failure', event: 'push', headBranch: 'ga-1.2.0', status: 'completed' },
      { conclusion: 'failure', event: 'push', headBranch: 'rc-1.2.0', status: 'completed' },
      { conclusion: 'success', event: 'push', headBranch: 'ga-1.1.0', status: 'completed' },
    ]);
    expect(await runs(['-w', 'release.yml', '-s', 'failure', '--json', 'headBranch'])).toEqual([{ headBranch: 'ga-1.2.0' }, { headBranch: 'rc-1.2.0' }]);
  });

  it('filters by workflow: CI passed on main at every release, the bad one included', async () => {
    const ci = await runs(['--workflow', 'ci.yml', '--status', 'success', '--json', 'headBranch,workflowName,displayTitle']);
    expect(ci).toHaveLength(4);
    expect(ci[0]).toEqual({ displayTitle: 'Release 1.2.0: default order status at start-up', headBranch: 'main', workflowName: 'CI' });
    // Without --workflow, the newest successful run is CI's, on v1.2.0's commit.
    const any = await runs(['--status', 'success', '--json', 'workflowName,headBranch']);
    expect(any[0]).toEqual({ headBranch: 'main', workflowName: 'CI' });
    // A workflow by name (any case), file name or ID.
    const [byId] = await runs(['--workflow', '81502932', '--json', 'name']);
    expect(byId).toEqual({ name: 'Release' });
    expect((await runs(['--workflow', 'release', '--json', 'name']))[0]).toEqual({ name: 'Release' });
  });

  it('takes --json fields comma-separated or repeated, -w/-s as shorthands and --flag=value', async () => {
    const repeated = await runs(['-w=release.yml', '--status=success', '--json', 'headBranch', '--json', 'number,url']);
    expect(repeated[0]).toEqual({ headBranch: 'ga-1.1.0', number: 4, url: expect.stringMatching(/^https:\/\/github\.com\/shop\/web\/actions\/runs\/\d+$/) });
  });

  it("refuses what gh refuses, with gh's messages", async () => {
    expect(await run(sb, 'gh', ['run', 'list', '--json', 'headSha,sha'])).toEqual({ code: 1, stdout: '', stderr: `Unknown JSON field: "sha"\nAvailable fields:\n${AVAILABLE}\n` });
    expect(await run(sb, 'gh', ['run', 'list', '--json'])).toEqual({ code: 1, stdout: '', stderr: `Specify one or more comma-separated fields for \`--json\`:\n${AVAILABLE}\n` });
    expect(await run(sb, 'gh', ['run', 'list', '--status', 'passed', '--json', 'name'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'invalid argument "passed" for "-s, --status" flag: valid values are {queued|completed|in_progress|requested|waiting|pending|action_required|cancelled|failure|neutral|skipped|stale|startup_failure|success|timed_out}\n',
    });
    expect(await run(sb, 'gh', ['run', 'list', '--workflow', 'deploy.yml', '--json', 'name'])).toEqual({ code: 1, stdout: '', stderr: 'could not find any workflows named deploy.yml\n' });
    expect(await run(sb, 'gh', ['run', 'list', '--bogus'])).toEqual({ code: 1, stdout: '', stderr: 'unknown flag: --bogus\n\nUsage:  gh run list [flags]\n' });
    expect(await run(sb, 'gh', ['frobnicate'])).toEqual({ code: 1, stdout: '', stderr: 'unknown command "frobnicate" for "gh"\n\nUsage:  gh <command> <subcommand> [flags]\n' });
    expect(await run(sb, 'gh', ['run', 'frobnicate'])).toEqual({ code: 1, stdout: '', stderr: 'unknown command "frobnicate" for "gh run"\n\nUsage:  gh run <command> [flags]\n' });
  });

  it('refuses, by name, what real gh has but the sandbox does not model: never a made-up answer', async () => {
    const cases: [string[], string][] = [
      [['pr', 'list'], 'the sandbox gh does not implement "gh pr"'],
      [['workflow', 'list'], 'the sandbox gh does not implement "gh workflow"'],
      [['run', 'view', '123'], 'the sandbox gh does not implement "gh run view"'],
      [['run', 'rerun', '123'], 'the sandbox gh does not implement "gh run rerun"'],
      [['run', 'list', '--limit', '5', '--json', 'name'], 'the sandbox gh does not implement --limit for "gh run list"'],
      [['run', 'list', '-L5', '--json', 'name'], 'the sandbox gh does not implement --limit for "gh run list"'],
      [['run', 'list', '--json', 'name', '--jq', '.[0]'], 'the sandbox gh does not implement --jq for "gh run list"'],
      [['run', 'list', '-b', 'main', '--json', 'name'], 'the sandbox gh does not implement --branch for "gh run list"'],
      [['run', 'list', '--repo', 'shop/web', '--json', 'name'], 'the sandbox gh does not implement --repo for "gh run list"'],
    ];
    for (const [args, message] of cases) {
      expect(await run(sb, 'gh', args), args.join(' ')).toEqual({ code: 1, stdout: '', stderr: `${message}; ${MODELLED}\n` });
    }
    // Without --json real gh prints a table; the sandbox says what it prints instead.
    expect(await run(sb, 'gh', ['run', 'list'])).toEqual({ code: 1, stdout: '', stderr: `the sandbox gh prints runs as JSON only: add --json with some of these fields:\n${AVAILABLE}\n` });
  });

  it('says what it models when asked for help', async () => {
    for (const args of [[], ['--help'], ['run'], ['run', 'list', '--help']]) {
      const r = await run(sb, 'gh', args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('USAGE\n  gh run list [flags]\n');
      expect(r.stdout).toContain('never from GitHub');
    }
  });

  it('reads and never writes the state file, and fails clearly without one', async () => {
    const before = await readFile(sb.stateFile, 'utf8');
    const r = await run(sb, 'gh', ['run', 'list', '--json', 'name'], { SANDBOX_STATE: undefined });
    expect(r.code).toBe(0);
    expect(await readFile(sb.stateFile, 'utf8')).toBe(before);
    const missing = await run(sb, 'gh', ['run', 'list', '--json', 'name'], { SANDBOX_STATE: `${sb.dir}/nope.json` });
    expect(missing).toEqual({ code: 1, stdout: '', stderr: `the sandbox cluster state is missing (${sb.dir}/nope.json); create a sandbox first\n` });
  });
});
