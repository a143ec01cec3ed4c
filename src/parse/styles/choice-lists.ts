// "Promote the replica. Use one of these:" before a list: the list's items are the options of one
// choice (SPEC §2 "Choices are not sequences"), whatever each item says of itself ("On RDS:",
// "Patroni:", "For Helm 3:", a bare command), so a run takes one of them and never runs them in a
// row. The intro is the paragraph right before the list at the same depth, or the lead of the
// item the list is nested in.
import type { ItemBlock, ListInfo } from '../document/blocks.js';
import type { StepReader } from '../step-reader.js';
import { isChoiceIntro } from '../vocabulary.js';
import type { Offer } from './offers.js';

const introduced = new WeakMap<ListInfo, boolean>();

/** Whether the text right before `list` says to pick one of its items. */
export function isChoiceList(reader: StepReader, list: ListInfo): boolean {
  let known = introduced.get(list);
  if (known === undefined) {
    const first = list.items[0];
    const before = first === undefined ? undefined : reader.blocks[first.index - 1];
    const intro = before?.kind === 'paragraph' && before.parent === first?.parent ? before : undefined;
    known = intro !== undefined && isChoiceIntro(intro.text);
    introduced.set(list, known);
  }
  return known;
}

/** The option `item` is, when its list is a choice. */
export function choiceOfferOf(reader: StepReader, item: ItemBlock): Offer | undefined {
  if (item.checked !== undefined || item.list.items.length < 2 || !isChoiceList(reader, item.list)) return undefined;
  const first = item.list.items[0] as ItemBlock;
  const index = String(item.ordinal + 1);
  const said = item.lead?.text.replace(/[:.]$/, '').trim();
  return {
    kind: 'alternative',
    family: `choice-list-${first.index}`,
    title: said !== undefined && said !== '' ? said : `option ${index}`,
    index,
    position: item.lead?.position ?? item.position,
  };
}
