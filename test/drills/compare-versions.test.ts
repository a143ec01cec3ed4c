import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, type Version } from '../../src/drills/compare-versions.js';

const v = (tag: string): Version => {
  const parsed = parseVersion(tag);
  if (parsed === null) throw new Error(`not a version: ${tag}`);
  return parsed;
};
const sortTags = (tags: string[]): string[] => [...tags].sort((a, b) => compareVersions(v(a), v(b)));

// The precedence example of SemVer 2.0.0, §11, and the rollback runbook's pitfall.
const specOrder = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.2.0', '1.10.0', '2.0.0'];

describe('parseVersion', () => {
  it('reads versions with or without a leading v', () => {
    expect(parseVersion('v1.2.0-rc.1')).toEqual({ major: '1', minor: '2', patch: '0', prerelease: ['rc', '1'] });
    expect(parseVersion('10.20.30+build.7')).toEqual({ major: '10', minor: '20', patch: '30', prerelease: [] });
  });
  it('refuses what is not a version', () => {
    for (const tag of ['rc-2026-11-20', 'ga-1.2.0', 'latest', 'v1.2', 'v01.2.3', 'v1.2.3-', 'v1.2.3-01', 'V1.2.3', 'v1.2.3 ']) expect(parseVersion(tag), tag).toBeNull();
  });
});

describe('compareVersions', () => {
  it('orders versions as SemVer says, in any starting order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(specOrder, { minLength: specOrder.length }), (shuffled) => {
        expect(sortTags(shuffled)).toEqual(specOrder);
      }),
    );
  });

  it('puts a release candidate before its release, where sort -V puts it after', () => {
    expect(sortTags(['v1.2.0', 'v1.2.0-rc.1', 'v1.1.9'])).toEqual(['v1.1.9', 'v1.2.0-rc.1', 'v1.2.0']);
  });

  it('compares numbers of any size as numbers, and ignores build metadata', () => {
    expect(compareVersions(v('v1.2.99999999999999999999'), v('v1.2.100000000000000000000'))).toBe(-1);
    expect(compareVersions(v('v1.2.0+a'), v('v1.2.0+b'))).toBe(0);
    expect(compareVersions(v('v1.2.0'), v('1.2.0'))).toBe(0);
  });

  it('is a total order: antisymmetric and transitive', () => {
    const version = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3), fc.array(fc.oneof(fc.constantFrom('rc', 'beta', 'alpha', 'x-1'), fc.nat(12).map(String)), { maxLength: 3 }))
      .map(([a, b, c, pre]) => v(`${a}.${b}.${c}${pre.length ? `-${pre.join('.')}` : ''}`));
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(compareVersions(a, b)).toBe(-compareVersions(b, a) || 0);
        if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0) expect(compareVersions(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });
});
