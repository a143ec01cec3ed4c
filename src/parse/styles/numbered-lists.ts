// Numbered lists under a section, whose items carry commands or labels: each item is a step,
// numbered after its section (`procedure.2`) and titled by its first sentence. A block written
// after an item without indenting it (a fence after "1. Scale down:") still belongs to that
// item, as it does to a reader: the list goes on when the next list carries on its numbering.
import type { Block, ItemBlock, ListInfo } from '../document/blocks.js';
import { actionText, firstLine } from '../document/phrasing-text.js';
import { looksLikeCommand } from '../make-command.js';
import type { StepReader } from '../step-reader.js';
import type { Draft } from '../step-drafts.js';
import { offerOfLead } from './offers.js';
import { offersAlternatives } from './sentence-codes.js';

/** The last step of a numbered list, and what may still join it. */
export interface NumberedTail {
  draft: Draft;
  /** The number the list would go on with. */
  next: number;
  /** `continued`: a later list carries on the numbering, so everything up to it joins. */
  takes: 'continued' | 'fences';
}

export function readNumberedSteps(reader: StepReader, list: ListInfo): boolean {
  if (!list.ordered) return false;
  const after = nextTopBlock(reader, list);
  const continued = after !== undefined && continuesList(reader, list, after);
  const joining = after === undefined ? [] : continued ? blocksUntil(reader, after) : [after.block];
  const carriesCommand = joining.some((block) => block.kind === 'fence' && !block.holdsOutput);
  const carriesOn = reader.numberedTail !== undefined && list.start === reader.numberedTail.next;
  if (!list.items.some(isStepLike) && !carriesCommand && !carriesOn) return false;
  let draft: Draft | undefined;
  for (const item of list.items) {
    const number = String(item.number);
    const lead = item.lead;
    const title = (lead ? firstLine(actionText(lead.node.children)).replace(/[:.]$/, '') : '') || `Step ${number}`;
    draft = reader.newDraft(reader.section ? `${reader.section.id}.${number}` : number, title, item.position, true);
    // "If it fails, run `a`; otherwise run `b`": the sentence's own choice says more than its condition.
    const offer = lead && !offersAlternatives(lead.text, lead.codes) ? offerOfLead(lead.text, lead.position) : undefined;
    if (offer) draft.offer = offer;
    reader.readNested(draft, item);
  }
  reader.current = undefined;
  const last = list.items.at(-1);
  reader.numberedTail = draft && last ? { draft, next: last.number + 1, takes: continued ? 'continued' : 'fences' } : undefined;
  return true;
}

/** Whether a block outside the list, read after it, joins the list's last step. */
export function joinsNumberedTail(reader: StepReader, block: Block): boolean {
  const tail = reader.numberedTail;
  if (tail === undefined) return false;
  if (block.kind === 'item' && block.list.ordered && block.list.start === tail.next) return false;
  if (block.kind === 'fence' || (tail.takes === 'continued' && block.kind !== 'heading' && block.kind !== 'item')) return true;
  reader.numberedTail = undefined;
  return false;
}

/** An item with a label, a fence, or inline code that reads as a command. */
function isStepLike(item: ItemBlock): boolean {
  const lead = item.lead;
  if (lead?.label) return true;
  return item.children.some((child) => child.kind === 'fence') || (lead?.node.children.some((c) => c.type === 'inlineCode' && looksLikeCommand(c.value)) ?? false);
}

interface After {
  block: Block;
  index: number;
}

/** The first block outside the list that is read after it. */
function nextTopBlock(reader: StepReader, list: ListInfo): After | undefined {
  const last = list.items.at(-1);
  if (!last) return undefined;
  for (let index = last.index + 1; index < reader.blocks.length; index += 1) {
    const block = reader.blocks[index] as Block;
    if (block.parent === undefined) return { block, index };
  }
  return undefined;
}

/** The top-level blocks from `after` up to the next heading or list. */
function blocksUntil(reader: StepReader, after: After): Block[] {
  const found: Block[] = [];
  for (let index = after.index; index < reader.blocks.length; index += 1) {
    const block = reader.blocks[index] as Block;
    if (block.parent !== undefined) continue;
    if (block.kind === 'heading' || block.kind === 'item') break;
    found.push(block);
  }
  return found;
}

/** Whether a later list, before any heading, carries on this list's numbering. */
function continuesList(reader: StepReader, list: ListInfo, after: After): boolean {
  const last = list.items.at(-1) as ItemBlock;
  for (let index = after.index; index < reader.blocks.length; index += 1) {
    const block = reader.blocks[index] as Block;
    if (block.parent !== undefined) continue;
    if (block.kind === 'heading') return false;
    if (block.kind === 'item') return block.list.ordered && block.list.start === last.number + 1;
  }
  return false;
}
