// List items: a task item is an attestation, a labelled item (`- **Command:** …`) is read by its
// label, an unlabelled one as a sentence that may say to run its inline code. A numbered list of
// such items directly under a section is a list of steps.
import type { ItemBlock, ListInfo } from '../document/blocks.js';
import type { StepReader } from '../step-reader.js';
import type { Draft } from '../step-drafts.js';
import { readUnlabelled } from './inline-commands.js';
import { readLabel } from './labelled-items.js';
import { readNumberedSteps } from './numbered-lists.js';
import { readSampleIntro } from './output-samples.js';
import { readTaskItem } from './task-items.js';

/** A list outside any item. */
export function readList(reader: StepReader, list: ListInfo): void {
  if (reader.current === undefined && readNumberedSteps(reader, list)) return;
  const draft = reader.ensureCurrent((list.items[0] as ItemBlock).position);
  for (const item of list.items) reader.readNested(draft, item);
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
  readUnlabelled(reader, draft, lead, item.list.ordered);
  reader.readAllNested(draft, item.rest);
}
