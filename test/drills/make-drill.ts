// Drills and tags for the pure tests: a passing live drill unless told otherwise.
import type { Drill } from '../../src/drills/drill-schema.js';
import type { GitTag } from '../../src/drills/read-git-tags.js';

export function makeDrill(id: string, startedAt: string, more: Partial<Drill> = {}): Drill {
  return {
    path: `docs/releases/rollback-drills/${id}.md`,
    drillId: id,
    runbook: 'runbooks/rollback.md',
    title: 'Release Rollback Runbook',
    result: 'passed',
    mode: 'live',
    date: startedAt.slice(0, 10),
    startedAt,
    environment: 'staging',
    release: null,
    target: null,
    from: null,
    to: null,
    lastKnownGood: null,
    timeToRollbackMs: 90_000,
    ...more,
  };
}

export const tag = (name: string, date: string | null): GitTag => ({ name, date });
