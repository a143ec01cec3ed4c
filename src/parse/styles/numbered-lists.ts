// Numbered lists under a section, whose items carry commands or labels: each item is a step,
// numbered after its section (`procedure.2`) and titled by its first sentence.
import type { ItemBlock, ListInfo } from '../document/blocks.js';
import { actionText, firstLine } from '../document/phrasing-text.js';
import { looksLikeCommand } from '../make-command.js';
import type { StepReader } from '../step-reader.js';

export function readNumberedSteps(reader: StepReader, list: ListInfo): boolean {
  if (!list.ordered || !list.items.some(isStepLike)) return false;
  for (const item of list.items) {
    const number = String(item.number);
    const lead = item.lead;
    const title = (lead ? firstLine(actionText(lead.node.children)).replace(/[:.]$/, '') : '') || `Step ${number}`;
    const draft = reader.newDraft(reader.section ? `${reader.section.id}.${number}` : number, title, item.position, true);
    reader.readNested(draft, item);
  }
  reader.current = undefined;
  return true;
}

/** An item with a label, a fence, or inline code that reads as a command. */
function isStepLike(item: ItemBlock): boolean {
  const lead = item.lead;
  if (lead?.label) return true;
  return item.children.some((child) => child.kind === 'fence') || (lead?.node.children.some((c) => c.type === 'inlineCode' && looksLikeCommand(c.value)) ?? false);
}
