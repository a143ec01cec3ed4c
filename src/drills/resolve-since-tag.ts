// `--since TAG` must name a tag the repository has, and one that is a version: otherwise
// "every release at or after it" means nothing. Pure; the problem is worded for the user.
import { suggestNearest } from '../format/suggest-nearest.js';
import { compareVersions, parseVersion } from './compare-versions.js';
import { orderReleaseTags } from './check-drills.js';
import type { GitTag } from './read-git-tags.js';

export type SinceTag = { ok: true; tag: string } | { ok: false; problem: string };

export function resolveSinceTag(tags: GitTag[], since: string): SinceTag {
  if (tags.some((t) => t.name === since)) {
    if (parseVersion(since) === null) return { ok: false, problem: `--since ${since}: the tag is not a version (expected vMAJOR.MINOR.PATCH, such as v1.2.0), so no release comes after it` };
    return { ok: true, tag: since };
  }
  if (tags.length === 0) return { ok: false, problem: `--since ${since}: the repository has no tags` };
  const nearest = suggestNearest(since, tags.map((t) => t.name)) ?? nearestInOrder(tags, since);
  return { ok: false, problem: `--since ${since}: no such tag${nearest ? `; did you mean ${nearest}?` : ''}` };
}

/** For a version no tag has, the first release tag after it (else the last before it). */
function nearestInOrder(tags: GitTag[], since: string): string | null {
  const version = parseVersion(since);
  if (version === null) return null;
  const ordered = orderReleaseTags(tags);
  return (ordered.find((t) => compareVersions(t.version, version) > 0) ?? ordered.at(-1))?.name ?? null;
}
