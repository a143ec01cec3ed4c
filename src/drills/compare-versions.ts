// Release tags in version order, as SemVer 2.0.0 defines precedence (an optional leading `v`):
// numbers compare as numbers, a pre-release sorts before its release (`v1.2.0-rc.1` < `v1.2.0`),
// pre-release identifiers compare one by one (numeric ones as numbers, below alphanumeric ones),
// and build metadata does not count. This is the order `sort -V` gets wrong. Pure.

export interface Version {
  major: string;
  minor: string;
  patch: string;
  /** Pre-release identifiers (`rc.1` → ['rc', '1']); empty for a release. */
  prerelease: string[];
}

const numeric = '0|[1-9]\\d*';
const identifier = `(?:${numeric}|\\d*[a-zA-Z-][0-9a-zA-Z-]*)`;
const versionPattern = new RegExp(`^v?(${numeric})\\.(${numeric})\\.(${numeric})(?:-(${identifier}(?:\\.${identifier})*))?(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?$`);

/** `v1.2.0-rc.1` → its parts; null for a tag that is not a version (`rc-2026-11-20`, `latest`). */
export function parseVersion(tag: string): Version | null {
  const m = versionPattern.exec(tag);
  if (!m) return null;
  return { major: m[1] as string, minor: m[2] as string, patch: m[3] as string, prerelease: m[4] === undefined ? [] : m[4].split('.') };
}

/** Digits without leading zeros compare by length first: exact for any size, no BigInt needed. */
function compareNumbers(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function compareIdentifiers(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) return compareNumbers(a, b);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when `a` comes first, 0 for the same precedence, positive when `b` does. */
export function compareVersions(a: Version, b: Version): number {
  const core = compareNumbers(a.major, b.major) || compareNumbers(a.minor, b.minor) || compareNumbers(a.patch, b.patch);
  if (core !== 0) return Math.sign(core);
  // A release has higher precedence than any of its pre-releases.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return Math.sign(b.prerelease.length - a.prerelease.length);
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const order = compareIdentifiers(a.prerelease[i] as string, b.prerelease[i] as string);
    if (order !== 0) return Math.sign(order);
  }
  return Math.sign(a.prerelease.length - b.prerelease.length);
}
