// Can two steps both run in one run? Rules about pairs of commands (a second `rollout undo`,
// a down migration after the code rollback) only concern steps that can.
import type { Step } from '../model/runbook.js';
import { isAlternativeTitle } from '../parse/vocabulary.js';

/**
 * Today a choice is told by the steps' `alternative` flag ("Option A", "Option B"): a run takes
 * one of them, so two alternatives cannot both run, unless they are parts of one alternative
 * step (its sub-steps). Hook: once steps carry the branch of a decision point they belong to,
 * two steps are exclusive when they sit in different options of one decision; this function is
 * the one place to say so.
 */
export function canRunInOneRun(a: Step, b: Step): boolean {
  if (a === b || !a.alternative || !b.alternative) return true;
  return a.parent !== undefined && a.parent.id === b.parent?.id && isAlternativeTitle(a.parent.title);
}
