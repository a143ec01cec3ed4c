// The naming conventions the record reads facts by. Documented in docs/RECORD.md; kept in one
// place so the documentation and the code cannot drift apart unnoticed.

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

/** `release-version`, `releaseVersion`, `Release Version` → `releaseversion`. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}
