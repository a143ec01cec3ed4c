// List items: a task item is an attestation, a labelled item (`- **Command:** …`) is read by its
// label, an item that offers an option or states a condition before a colon ("- Option A: …",
// "- If it fails: …") opens a part of its own, and any other item is a sentence that may say to
// run its inline code. A numbered list of such items directly under a section is a list of steps.
import type { Block, ItemBlock, ListInfo } from '../document/blocks.js';
import type { StepReader } from '../step-reader.js';
import { emptyPart, partOf, type Draft } from '../step-drafts.js';
import { readUnlabelled } from './inline-commands.js';
import { readLabel } from './labelled-items.js';
import { readNumberedSteps } from './numbered-lists.js';
import { openOfferedPart, readOfferedCodes } from './offered-parts.js';
import { offerOfLead } from './offers.js';
import { readSampleIntro } from './output-samples.js';
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
  const offer = draft.offer?.position === lead.position ? undefined : offerOfLead(lead.text, lead.position);
  if (offer) {
    const part = openOfferedPart(draft, offer, lead.position, lead.text);
    readOfferedCodes(reader, part, lead.codes, lead.text, lead.position);
    reader.readAllNested(draft, item.rest);
    return;
  }
  readUnlabelled(reader, draft, lead, item.list.ordered, holdsCommands(item.rest));
  reader.readAllNested(draft, item.rest);
}

/** Blocks nested under an item that carry a command: a shell fence, or a bullet with inline code. */
export function holdsCommands(blocks: readonly Block[]): boolean {
  return blocks.some((block) => (block.kind === 'fence' && !block.holdsOutput) || (block.kind === 'item' && block.deepCodes.length > 0));
}
