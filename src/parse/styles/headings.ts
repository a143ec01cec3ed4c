// Headings give the document its structure: H1 the title, H2 sections, H3 steps, deeper
// headings sub-steps of the step they sit in (notes where there is none to split). A heading
// that offers an option or states a condition marks its section, step or sub-step for the
// decision points (find-decisions.ts).
import type { HeadingBlock } from '../document/blocks.js';
import { sectionId, stepId } from '../heading-ids.js';
import type { StepReader } from '../step-reader.js';
import { addNote, emptyPart } from '../step-drafts.js';
import { detailsOfferAt } from './details-blocks.js';
import { openOfferedPart } from './offered-parts.js';
import type { Position } from '../../model/runbook.js';
import { isContingencyTitle, isInformationalTitle, namesContingency } from '../vocabulary.js';
import { offerOf, type Offer } from './offers.js';

export function readHeading(reader: StepReader, heading: HeadingBlock): void {
  const { numbering } = heading;
  const firstTitle = heading.level === 1 && reader.title === undefined;
  reader.sawHeading = true;
  if (firstTitle) {
    reader.title = numbering.text;
    return;
  }
  const offer = offerOf(numbering.title, heading.position) ?? contingencyOffer(reader, numbering.title, heading.position) ?? informingOffer(numbering.title, heading.position) ?? struckOffer(numbering.title, heading.position) ?? detailsOfferAt(reader);
  if (heading.level <= 2) {
    const id = uniqueSectionId(reader, sectionId(numbering, reader.sections.length));
    reader.section = { id, title: numbering.title, position: heading.position, ...(isInformationalTitle(numbering.title) && { informational: true }) };
    reader.sections.push(reader.section);
    if (offer) reader.sectionOffers.set(id, offer);
    reader.current = undefined;
    return;
  }
  const current = reader.current;
  if (heading.level === 3) {
    reader.current = reader.newDraft(stepId(numbering, reader.section?.id), numbering.title, heading.position);
    if (numbering.stepNumber === undefined) reader.current.slugId = true;
    if (offer) reader.current.offer = offer;
    return;
  }
  // A sub-heading of any depth inside a step is a sub-step of it.
  if (current !== undefined && !current.fixedId) {
    const part = emptyPart();
    part.action = numbering.title;
    part.actionPosition = heading.position;
    part.fromHeading = true;
    if (numbering.stepNumber !== undefined) part.number = numbering.stepNumber;
    if (offer) part.offer = offer;
    current.parts.push(part);
    return;
  }
  const draft = reader.ensureCurrent(heading.position);
  if (offer) {
    // "#### If the restore fails" under a section's own text still states its condition.
    openOfferedPart(draft, offer, heading.position);
    return;
  }
  addNote(draft, undefined, numbering.text, heading.position);
}

/** Two sections with one heading ("Verify" twice) get `verify` and `verify-2`. */
function uniqueSectionId(reader: StepReader, id: string): string {
  let unique = id;
  if (reader.sectionIds.has(unique)) {
    let n = reader.nextSectionSuffix.get(id) ?? 2;
    for (; reader.sectionIds.has(`${id}-${n}`); n += 1);
    unique = `${id}-${n}`;
    reader.nextSectionSuffix.set(id, n + 1);
  }
  reader.sectionIds.add(unique);
  return unique;
}

// What a way forward runs: an upgrade, an install, an apply, a deploy, a migration, a sync.
const GOES_FORWARD = /(?:^|[\s/])(?:upgrade|install|apply|deploy|migrate|sync|patch|replace|publish|set\s+image)(?=[\s:]|$)/;

/**
 * "## Rollback plan" after a deploy's steps: the way back is taken only if the way forward went
 * wrong, so it is a condition, asked at its turn, never run after the rest by default. Only after
 * a command that goes forward, and not in a runbook whose title says a way back is its purpose.
 */
function contingencyOffer(reader: StepReader, title: string, position: Position): Offer | undefined {
  if (!isContingencyTitle(title) || namesContingency(reader.title ?? '')) return undefined;
  const wentForward = reader.drafts.some((draft) => draft.parts.some((part) => part.commands.some((command) => GOES_FORWARD.test(command.text))));
  return wentForward ? { kind: 'condition', family: 'condition', title, position } : undefined;
}

/**
 * "## Overview", "## References", "### Notes": a part that informs. A command written there is
 * shown for reference, so it runs only if the operator takes the part (a part with nothing to
 * run makes no decision).
 */
function informingOffer(title: string, position: Position): Offer | undefined {
  return isInformationalTitle(title) ? { kind: 'condition', family: 'condition', title, says: `${title}: a part that informs, its commands run only if taken`, position } : undefined;
}

/** "### ~~Purge the cache~~": a step struck through is not to be done, unless the operator takes it. */
function struckOffer(title: string, position: Position): Offer | undefined {
  return /^~~[\s\S]+~~\W*$/.test(title.trim()) ? { kind: 'condition', family: 'condition', title, says: `struck through: ${title.replace(/~~/g, '')}`, position } : undefined;
}
