import { describe, expect, it } from 'vitest';
import { checkDrills, releaseOf } from '../../src/drills/check-drills.js';
import { resolveSinceTag } from '../../src/drills/resolve-since-tag.js';
import { makeDrill, tag } from './make-drill.js';

const tags = [
  tag('v1.1.0', '2026-10-01T10:00:00.000Z'),
  tag('v1.2.0-rc.1', '2026-10-20T10:00:00.000Z'),
  tag('v1.2.0', '2026-11-01T10:00:00.000Z'),
  tag('ga-2026-11-01', '2026-11-01T10:05:00.000Z'),
  tag('v1.3.0', '2026-12-01T10:00:00.000Z'),
];
const check = (drills: Parameters<typeof checkDrills>[0]['drills'], more: Partial<Parameters<typeof checkDrills>[0]> = {}) =>
  checkDrills({ tags, drills, since: 'v1.2.0', includePrereleases: false, ...more });

describe('checkDrills', () => {
  it('checks each release tag at or after --since, in version order, pre-releases and other tags left out', () => {
    const result = check([]);
    expect(result.releases.map((r) => r.tag)).toEqual(['v1.2.0', 'v1.3.0']);
    expect(result.missing).toEqual(['v1.2.0', 'v1.3.0']);
  });

  it('counts a passing live drill started between a tag and the next one', () => {
    const result = check([makeDrill('d1', '2026-11-26T14:00:00.000Z')]);
    expect(result.releases[0]).toMatchObject({ tag: 'v1.2.0', until: '2026-12-01T10:00:00.000Z', drill: { drillId: 'd1' } });
    expect(result.missing).toEqual(['v1.3.0']);
  });

  it('leaves the newest release open-ended, and does not count a drill from before the tag', () => {
    const result = check([makeDrill('early', '2026-12-01T09:59:59.000Z'), makeDrill('late', '2027-03-01T00:00:00.000Z')]);
    expect(result.releases.map((r) => r.drill?.drillId ?? null)).toEqual(['early', 'late']);
    expect(result.releases[1]?.until).toBeNull();
  });

  it('counts a drill of that release whenever it ran, by tag, version or image reference', () => {
    const result = check([
      makeDrill('by-tag', '2027-01-10T00:00:00.000Z', { release: 'v1.2.0' }),
      makeDrill('by-image', '2027-01-11T00:00:00.000Z', { from: 'registry.example.com/shop/web:1.3.0' }),
    ]);
    expect(result.releases.map((r) => r.drill?.drillId)).toEqual(['by-tag', 'by-image']);
    expect(result.missing).toEqual([]);
  });

  it('counts only drills that were live and passed, and says what else it found', () => {
    const result = check([
      makeDrill('dry', '2026-11-20T00:00:00.000Z', { mode: 'dry-run', result: 'planned', timeToRollbackMs: null }),
      makeDrill('failed', '2026-11-21T00:00:00.000Z', { result: 'failed' }),
      makeDrill('aborted', '2026-11-22T00:00:00.000Z', { result: 'aborted' }),
      makeDrill('dry-pass', '2026-11-23T00:00:00.000Z', { mode: 'dry-run', result: 'passed' }),
    ]);
    expect(result.missing).toEqual(['v1.2.0', 'v1.3.0']);
    expect(result.releases[0]?.others.map((d) => d.drillId)).toEqual(['dry-pass', 'aborted', 'failed', 'dry']);
  });

  it('shows the latest passing drill when there are several', () => {
    const result = check([makeDrill('first', '2026-11-02T00:00:00.000Z'), makeDrill('second', '2026-11-20T00:00:00.000Z')]);
    expect(result.releases[0]?.drill?.drillId).toBe('second');
    expect(result.releases[0]?.others).toEqual([]);
  });

  it('checks pre-releases with includePrereleases, each with its own window', () => {
    const result = check([makeDrill('rc', '2026-10-25T00:00:00.000Z')], { since: 'v1.1.0', includePrereleases: true });
    expect(result.releases.map((r) => [r.tag, r.drill?.drillId ?? null])).toEqual([['v1.1.0', null], ['v1.2.0-rc.1', 'rc'], ['v1.2.0', null], ['v1.3.0', null]]);
    // Without them, the same drill falls in v1.1.0's window, which runs to v1.2.0.
    expect(check([makeDrill('rc', '2026-10-25T00:00:00.000Z')], { since: 'v1.1.0' }).releases[0]?.drill?.drillId).toBe('rc');
  });

  it('checks every release tag without --since, and a tag with no date only by release', () => {
    const result = checkDrills({ tags: [tag('v0.9.0', null), ...tags], drills: [makeDrill('d', '2026-09-01T00:00:00.000Z'), makeDrill('r', '2026-09-02T00:00:00.000Z', { release: 'v0.9.0' })], since: null, includePrereleases: false });
    expect(result.releases.map((r) => r.tag)).toEqual(['v0.9.0', 'v1.1.0', 'v1.2.0', 'v1.3.0']);
    expect(result.releases[0]?.drill?.drillId).toBe('r');
    expect(result.missing).toEqual(['v1.1.0', 'v1.2.0', 'v1.3.0']);
  });

  it('has nothing to check in a repository without release tags', () => {
    expect(checkDrills({ tags: [tag('latest', null)], drills: [], since: null, includePrereleases: false })).toMatchObject({ releases: [], missing: [] });
  });
});

describe('releaseOf', () => {
  it('takes the planned release first, then what was deployed, by its tag for an image', () => {
    expect(releaseOf(makeDrill('a', '2026-01-01T00:00:00.000Z', { release: 'v2.0.0', from: 'web:v1.0.0' }))).toBe('v2.0.0');
    expect(releaseOf(makeDrill('a', '2026-01-01T00:00:00.000Z', { from: 'registry:5000/web:v1.0.0' }))).toBe('v1.0.0');
    expect(releaseOf(makeDrill('a', '2026-01-01T00:00:00.000Z'))).toBeNull();
  });
});

describe('resolveSinceTag', () => {
  it('takes a version tag the repository has', () => {
    expect(resolveSinceTag(tags, 'v1.2.0-rc.1')).toEqual({ ok: true, tag: 'v1.2.0-rc.1' });
  });
  it('suggests the nearest tag for an unknown one', () => {
    expect(resolveSinceTag(tags, 'v1.2')).toEqual({ ok: false, problem: '--since v1.2: no such tag; did you mean v1.2.0?' });
    expect(resolveSinceTag(tags, 'v1.25.0')).toEqual({ ok: false, problem: '--since v1.25.0: no such tag; did you mean v1.2.0?' });
    // Too far from any name to be a typo: the next release tag in version order.
    expect(resolveSinceTag(tags, '0.0.1-alpha.7')).toEqual({ ok: false, problem: '--since 0.0.1-alpha.7: no such tag; did you mean v1.1.0?' });
    expect(resolveSinceTag(tags, 'zzzzzzzz')).toEqual({ ok: false, problem: '--since zzzzzzzz: no such tag' });
    expect(resolveSinceTag([], 'v1.0.0')).toEqual({ ok: false, problem: '--since v1.0.0: the repository has no tags' });
  });
  it('refuses a tag that is not a version', () => {
    expect(resolveSinceTag(tags, 'ga-2026-11-01')).toMatchObject({ ok: false, problem: expect.stringMatching(/^--since ga-2026-11-01: the tag is not a version/) });
  });
});
