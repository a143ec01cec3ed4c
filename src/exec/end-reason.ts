// Why a run ended as it did, in one line for the run-end event, the closing line and the record.
import type { RunStatus } from '../model/events.js';
import type { LeftOut } from '../run/execute-run.js';
import type { Mask } from '../run/mask-secrets.js';
import { incompleteReason } from '../record/record-text.js';
import type { BeforeRun } from './check-before-run.js';

export interface Ending {
  status: RunStatus;
  unconfirmed: number;
  /** Steps left out: skipped at their gate, or needing what a skipped one was to capture. */
  leftOut?: LeftOut;
  /** `A.3 failed: exit 2`. */
  stoppedAt?: string;
  /** Why the run stopped before its end, said above any other: an abort at a gate, a write that failed. */
  reason?: string;
}

export function endReason(end: Ending, before: Pick<BeforeRun, 'answers' | 'unattended'>, mask: Mask): string | undefined {
  if (end.reason !== undefined) return mask(end.reason);
  switch (end.status) {
    case 'incomplete':
      return incompleteReason({ unconfirmed: end.unconfirmed, unattended: before.unattended, answersFile: before.answers?.file, ...end.leftOut });
    case 'failed':
    case 'timed-out':
      return end.stoppedAt === undefined ? undefined : mask(end.stoppedAt);
    case 'aborted':
      return 'interrupted before the run ended';
    case 'planned':
      return 'dry run, nothing executed';
    default:
      return undefined;
  }
}
