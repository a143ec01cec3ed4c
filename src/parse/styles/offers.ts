// What a heading, bold label or list item offers besides the next step (SPEC §2 "Choices are not
// sequences"): one option of a choice ("Option B", "Staging"), or a part that applies only under a
// condition ("If the restore fails", "Troubleshooting", "after a few days"). The offers are
// grouped into decision points once every step has its id (find-decisions.ts).
import type { Position } from '../../model/runbook.js';
import { alternativeOf, conditionOf, environmentOf, isConditionClause } from '../vocabulary.js';

export interface Offer {
  /**
   * `alternative` and `environment` offers of one family in a row are one choice; `or` parts
   * come from one block's `# OR` lines; `condition`, `later` and `excluded` (a Runme cell left
   * out of run-all) are taken or skipped; a `troubleshooting` part makes each of its children a
   * condition of its own.
   */
  kind: 'alternative' | 'environment' | 'or' | 'condition' | 'later' | 'troubleshooting' | 'excluded';
  family: string;
  title: string;
  /** `B` of "Option B", `staging`, `2` of the second `# OR` block part. */
  index?: string;
  /** The condition in words when the title does not state it: a step that "skip to step 4" leaves out. */
  says?: string;
  position: Position;
}

/** The offer a title makes, if any (numbering already stripped). Alternatives win over conditions: "Option A (if the disk is full)". */
export function offerOf(title: string, position: Position): Offer | undefined {
  const alternative = alternativeOf(title);
  if (alternative) return { kind: 'alternative', family: alternative.family, title, ...(alternative.index !== undefined && { index: alternative.index }), position };
  const environment = environmentOf(title);
  if (environment) return { kind: 'environment', family: 'environment', title, index: environment, position };
  const condition = conditionOf(title);
  if (condition) return { kind: condition, family: condition, title, position };
  return undefined;
}

/** A list item or label offers only when it says so before a colon ("If it fails: …", "Option A — …"), never in a sentence. */
export function offerOfLead(text: string, position: Position): Offer | undefined {
  const lead = /^([^,:]{1,80}?)\s*(?::|\s[-–—]\s)/.exec(text.trim())?.[1];
  // "If that is not enough, delete old journal entries", "As a last resort, reboot the node":
  // what the item says to do applies only under its first clause.
  const clause = /^([^,:]{1,80}),\s*\S/.exec(text.trim())?.[1];
  if (clause !== undefined && isConditionClause(clause)) return { kind: 'condition', family: 'condition', title: text.trim().replace(/[:.]$/, ''), position };
  if (lead === undefined) {
    // "Option B" alone as an item, without a colon, still names the option.
    const offer = offerOf(text, position);
    return offer?.kind === 'alternative' && offer.index !== undefined && text.trim().split(/\s+/).length <= 3 ? offer : undefined;
  }
  const offer = offerOf(lead, position);
  return offer && offer.kind !== 'environment' ? { ...offer, title: text.trim().replace(/[:.]$/, '') } : offer;
}
