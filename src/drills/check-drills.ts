// Section C of the rollback runbook: "after each release cut, a drill should be scheduled and
// recorded". Each release tag at or after `since`, in version order, is checked for a passing
// live drill after it: a drill whose release is that tag, or one that started between that
// tag's date and the next release tag's. Pure: tags and drills in, a verdict per tag out.
import { compareVersions, parseVersion, type Version } from './compare-versions.js';
import type { Drill } from './drill-schema.js';
import type { GitTag } from './read-git-tags.js';

export interface ReleaseTag extends GitTag {
  version: Version;
  prerelease: boolean;
}

export interface ReleaseCheck {
  tag: string;
  date: string | null;
  prerelease: boolean;
  /** The next release tag's date: drills started before it (and after this tag) count for this one. */
  until: string | null;
  /** The latest passing live drill that counts for this release, or null. */
  drill: Drill | null;
  /** Drills that would have counted had they been live and passed. */
  others: Drill[];
}

export interface DrillCheck {
  since: string | null;
  includePrereleases: boolean;
  releases: ReleaseCheck[];
  /** The tags of the releases with no passing live drill, in version order. */
  missing: string[];
}

/** Tags that are versions, in version order (tags of the same precedence by name). */
export function orderReleaseTags(tags: GitTag[]): ReleaseTag[] {
  return tags
    .flatMap((tag) => {
      const version = parseVersion(tag.name);
      return version ? [{ ...tag, version, prerelease: version.prerelease.length > 0 }] : [];
    })
    .sort((a, b) => compareVersions(a.version, b.version) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The version a drill was for: the release it planned, else the version it found deployed. An
 * image reference (`registry/app:v1.4.0`) counts by its tag.
 */
export function releaseOf(drill: Drill): string | null {
  const value = (drill.release ?? drill.from)?.trim();
  if (!value) return null;
  return value.includes(':') ? value.slice(value.lastIndexOf(':') + 1) : value;
}

function isFor(drill: Drill, tag: ReleaseTag): boolean {
  const release = releaseOf(drill);
  if (release === null) return false;
  if (release === tag.name) return true;
  const version = parseVersion(release);
  return version !== null && compareVersions(version, tag.version) === 0;
}

function inWindow(drill: Drill, from: string | null, until: string | null): boolean {
  if (from === null) return false;
  const at = Date.parse(drill.startedAt);
  return at >= Date.parse(from) && (until === null || at < Date.parse(until));
}

/** Latest start first; the same start by record path, so the order never depends on the disk. */
export function newestFirst(drills: Drill[]): Drill[] {
  return [...drills].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface CheckDrillsInput {
  tags: GitTag[];
  drills: Drill[];
  /** A tag name that is a version (see resolveSinceTag); null checks every release tag. */
  since: string | null;
  includePrereleases: boolean;
}

export function checkDrills({ tags, drills, since, includePrereleases }: CheckDrillsInput): DrillCheck {
  const ordered = orderReleaseTags(tags).filter((t) => includePrereleases || !t.prerelease);
  const sinceVersion = since === null ? null : parseVersion(since);
  const releases = sinceVersion === null ? ordered : ordered.filter((t) => compareVersions(t.version, sinceVersion) >= 0);
  const sorted = newestFirst(drills);
  const checks = releases.map((tag, i): ReleaseCheck => {
    const until = releases[i + 1]?.date ?? null;
    const counted = sorted.filter((d) => isFor(d, tag) || inWindow(d, tag.date, until));
    const passing = counted.find((d) => d.mode === 'live' && d.result === 'passed') ?? null;
    return { tag: tag.name, date: tag.date, prerelease: tag.prerelease, until, drill: passing, others: counted.filter((d) => d !== passing && !(d.mode === 'live' && d.result === 'passed')) };
  });
  return { since, includePrereleases, releases: checks, missing: checks.filter((c) => c.drill === null).map((c) => c.tag) };
}
