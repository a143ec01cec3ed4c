// A part of a step that a bold line, a bold label or a list item's lead opens because it offers
// an option or states a condition ("**Option A:** restart the pod", "- If it fails: …").
import type { Position } from '../../model/runbook.js';
import type { InlineCode } from '../document/blocks.js';
import { inlineCommand, matcherOf } from '../make-command.js';
import type { StepReader } from '../step-reader.js';
import { openPart, type Draft, type Part } from '../step-drafts.js';
import type { Offer } from './offers.js';
import { readSentenceCodes } from './sentence-codes.js';

/**
 * `action` is the text of a label or item, which a person does when it has no command; without
 * it the part is titled by the offer alone, as a sub-heading would be.
 */
export function openOfferedPart(draft: Draft, offer: Offer, position: Position, action?: string): Part {
  const part = openPart(draft);
  part.offer = offer;
  part.action = action ?? offer.title;
  part.actionPosition = position;
  if (action === undefined) part.fromHeading = true;
  return part;
}

/** The inline code of the text that opened the part: commands and matchers of that part. */
export function readOfferedCodes(reader: StepReader, part: Part, codes: readonly InlineCode[], text: string, position: Position): void {
  const { runs } = readSentenceCodes(text, codes);
  // "Option A: run `a` or `b`" offers a choice inside an option: nothing is run, the operator does it.
  if (!runs.some((run) => run.codes.length > 1)) for (const run of runs) for (const code of run.codes) part.commands.push(inlineCommand(reader, code));
  const matchers = codes.flatMap((code) => matcherOf(reader, code));
  if (matchers.length > 0) part.expectations.push({ text, position, matchers });
}
