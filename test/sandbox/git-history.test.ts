// The sandbox's git repository: real release history, and the seed runbook's tag pipeline
// run for real, pre-release pitfall included.
import { describe, expect, it } from 'vitest';
import { run, sandboxes, sh } from './helpers.js';

const make = sandboxes();
const SEED_PIPELINE = 'git tag --list "v*.*.*" | sort -V | tail -n 2 | head -n 1';

describe('sandbox git history', () => {
  it('has the release tags, rc- and ga- tags included, on a clean main branch', async () => {
    const sb = await make();
    const tags = await run(sb, 'git', ['tag', '--list']);
    expect(tags.code).toBe(0);
    expect(tags.stdout.trim().split('\n')).toEqual([
      'ga-1.0.0',
      'ga-1.1.0',
      'ga-1.2.0',
      'rc-1.0.0',
      'rc-1.1.0',
      'rc-1.2.0',
      'v1.0.0',
      'v1.1.0',
      'v1.2.0',
      'v1.2.0-rc.1',
    ]);
    expect((await run(sb, 'git', ['rev-parse', '--abbrev-ref', 'HEAD'])).stdout.trim()).toBe('main');
    expect((await run(sb, 'git', ['status', '--porcelain'])).stdout).toBe('');
    expect((await run(sb, 'git', ['show', 'v1.1.0:db/schema-version'])).stdout).toBe('1\n');
    expect((await run(sb, 'git', ['show', 'v1.2.0:db/schema-version'])).stdout).toBe('2\n');
  });

  it("runs the seed runbook's pipeline for real: sort -V puts v1.2.0-rc.1 last, so it prints v1.2.0", async () => {
    const sb = await make();
    const sorted = await sh(sb, 'git tag --list "v*.*.*" | sort -V');
    expect(sorted.stdout).toBe('v1.0.0\nv1.1.0\nv1.2.0\nv1.2.0-rc.1\n');
    const seed = await sh(sb, SEED_PIPELINE);
    expect(seed).toEqual({ code: 0, stdout: 'v1.2.0\n', stderr: '' });
  });

  it('finds v1.1.0 with the safer commands the notes recommend', async () => {
    const sb = await make();
    const stableOnly = await sh(sb, `git tag --list 'v*.*.*' | grep -E '^v[0-9]+\\.[0-9]+\\.[0-9]+$' | sort -V | tail -n 2 | head -n 1`);
    expect(stableOnly.stdout).toBe('v1.1.0\n');
    const beforeDeployed = await sh(
      sb,
      `deployed=$(kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}')
       git describe --tags --abbrev=0 --match 'v[0-9]*' --exclude '*-*' "\${deployed##*:}^"`,
    );
    expect(beforeDeployed).toEqual({ code: 0, stdout: 'v1.1.0\n', stderr: '' });
    const ordered = await run(sb, 'git', ['-c', 'versionsort.suffix=-', 'tag', '--list', 'v*.*.*', '--sort=v:refname']);
    expect(ordered.stdout).toBe('v1.0.0\nv1.1.0\nv1.2.0-rc.1\nv1.2.0\n');
  });

  it('shows why "most recent rc-/ga- tag" is not the last known good during an incident', async () => {
    const sb = await make();
    const newest = await sh(sb, `git for-each-ref --sort=-creatordate --format='%(refname:short)' 'refs/tags/rc-*' 'refs/tags/ga-*' | head -n 1`);
    expect(newest.stdout).toBe('ga-1.2.0\n');
    const lkg = await run(sb, 'git', ['describe', '--tags', '--abbrev=0', '--match', 'ga-*', 'v1.2.0^']);
    expect(lkg.stdout).toBe('ga-1.1.0\n');
  });

  it('is deterministic: two sandboxes have the same commits and tags', async () => {
    const [a, b] = await Promise.all([make(), make('failing')]);
    const refs = (sb: typeof a) => run(sb, 'git', ['show-ref', '--tags', '--dereference']).then((r) => r.stdout);
    const first = await refs(a);
    expect(first).not.toBe('');
    expect(await refs(b)).toBe(first);
    const log = await run(a, 'git', ['log', '--format=%an <%ae> %aI %s', 'v1.1.0', '-1']);
    expect(log.stdout).toBe('Dana Reyes <dana.reyes@shop.example> 2025-02-03T09:00:00+00:00 Show order totals in the order history\n');
  });
});
