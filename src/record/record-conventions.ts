// The naming conventions the record reads facts by. Documented in docs/RECORD.md; kept in one
// place so the documentation and the code cannot drift apart unnoticed.

/** Capture names (compared after `normalizeName`) that say which version is which. */
export const versionCaptureNames = {
  /** The version deployed when the drill began. The first such capture (document order) wins. */
  from: ['current-version', 'deployed-version', 'deployed-image', 'deployed-tag', 'current-image', 'current-tag', 'from-version'],
  /** The version rolled back to. The last such capture wins. */
  to: ['target-version', 'previous-tag', 'previous-version', 'rollback-target', 'rollback-version', 'to-version'],
  /** The last-known-good tag. The last such capture wins. */
  lastKnownGood: ['lkg', 'lkg-tag', 'last-known-good', 'last-known-good-tag'],
} as const;

/** Run-start `context` keys (compared after `normalizeKey`) for the record's named fields. */
export const contextKeys = {
  environment: ['environment', 'env'],
  participants: ['participants', 'participant'],
  releaseVersion: ['releaseversion', 'release'],
  rollbackTargetVersion: ['rollbacktargetversion', 'rollbacktarget'],
  objectives: ['objectives', 'objective'],
  rollbackSteps: ['rollbacksteps'],
} as const;

/**
 * A command that undoes a release: the production-changing rollback commands of SPEC §3 and
 * their kin. A step running one counts towards time-to-roll-back.
 */
export const rollbackCommandPattern = /\brollback\b|\brollouts?\s+undo\b|\bmigrate:down\b|\bdb:rollback\b/i;

/** `Previous_Tag`, `previous tag`, `previous.tag` → `previous-tag`. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_.]+/g, '-');
}

/** `release-version`, `releaseVersion`, `Release Version` → `releaseversion`. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}
