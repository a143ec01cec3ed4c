// List items: a task item is an attestation, a labelled item (`- **Command:** …`) is read by its
// label, an item that offers an option or states a condition before a colon ("- Option A: …",
// "- If it fails: …") opens a part of its own, and any other item is a sentence that may say to
// run its inline code. A numbered list of such items directly under a section is a list of steps.
import type { Block, ItemBlock, ListInfo } from '../document/blocks.js';
import type { StepReader } from '../step-reader.js';
import { addNote, emptyPart, partOf, type Draft } from '../step-drafts.js';
import { choiceOfferOf, isChoiceList } from './choice-lists.js';
import { planChoiceRun } from './choice-runs.js';
import { readUnlabelled } from './inline-commands.js';
import { readLabel } from './labelled-items.js';
import { readNumberedSteps } from './numbered-lists.js';
import { openOfferedPart, readOfferedCodes } from './offered-parts.js';
import { offerOfLead, type Offer } from './offers.js';
import { readSampleIntro } from './output-samples.js';
import { offersAlternatives } from './sentence-codes.js';
import { readTaskItem } from './task-items.js';

/** A list outside any item. */
export function readList(reader: StepReader, list: ListInfo): void {
  if (reader.current === undefined && readNumberedSteps(reader, list)) return;
  const draft = reader.ensureCurrent((list.items[0] as ItemBlock).position);
  const before = draft.parts.length;
  for (const item of list.items) reader.readNested(draft, item);
  // The options a list offers end with it: what follows belongs to whichever was taken.
  if (draft.parts.length > before && partOf(draft).offer !== undefined) draft.parts.push(emptyPart());
}

export function readListItem(reader: StepReader, draft: Draft, item: ItemBlock): void {
  const lead = item.lead;
  // A numbered step made of this item has taken its offer already.
  const choice = draft.position === item.position ? undefined : choiceOfferOf(reader, item);
  if (choice) {
    readChoiceItem(reader, draft, item, choice);
    return;
  }
  if (item.checked !== undefined) {
    readTaskItem(reader, draft, item);
    return;
  }
  if (!lead) {
    reader.readAllNested(draft, item.children);
    return;
  }
  if (readSampleIntro(reader, draft, lead, item.rest)) {
    reader.readAllNested(draft, item.rest);
    return;
  }
  const label = lead.label;
  // "1. **Drain the node**: …" names a numbered step; it is not a label we keep as a note.
  if (label && !(item.list.ordered && label.kind === 'note')) {
    readLabel(reader, draft, label, lead, item.rest);
    return;
  }
  // The item a numbered step was made of has said its offer already.
  // "If it fails, run `a`; otherwise run `b`": the sentence's own choice says more than its condition.
  const offer = draft.offer?.position === lead.position || offersAlternatives(lead.text, lead.codes) ? undefined : offerOfLead(lead.text, lead.position);
  if (offer) {
    const part = openOfferedPart(draft, offer, lead.position, lead.text);
    readOfferedCodes(reader, part, lead.codes, lead.text, lead.position);
    reader.readAllNested(draft, item.rest);
    return;
  }
  // "Promote the replica, using one of these:" over its options says what they are for; it is no action of its own.
  if (planChoiceRun(reader, lead) || item.rest.some((block) => block.kind === 'item' && block.ordinal === 0 && isChoiceList(reader, block.list))) {
    addNote(draft, undefined, lead.text, lead.position);
    reader.readAllNested(draft, item.rest);
    return;
  }
  readUnlabelled(reader, draft, lead, item.list.ordered, holdsCommands(item.rest));
  reader.readAllNested(draft, item.rest);
}

/** An item of a list its intro offers as a choice: an option of its own, the list's last one closing the choice. */
function readChoiceItem(reader: StepReader, draft: Draft, item: ItemBlock, choice: Offer): void {
  const lead = item.lead;
  const part = openOfferedPart(draft, choice, choice.position, lead?.text);
  if (lead) readOfferedCodes(reader, part, lead.codes, lead.text, lead.position);
  reader.readAllNested(draft, item.rest);
  // What follows the list belongs to whichever option was taken.
  if (item.ordinal === item.list.items.length - 1) draft.parts.push(emptyPart());
}

/** Blocks nested under an item that carry a command: a shell fence, or a bullet with inline code or a fence of its own. */
export function holdsCommands(blocks: readonly Block[]): boolean {
  return blocks.some((block) => (block.kind === 'fence' && !block.holdsOutput) || (block.kind === 'item' && (block.deepCodes.length > 0 || holdsCommands(block.children))));
}
