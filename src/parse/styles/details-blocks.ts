// `<details><summary>Old way (before v3)</summary>` … `</details>`: what a reader has to open to
// see is a part they choose to read, an old way, a long sample or a fix for a rare case, never a
// step the run takes on its own. Its blocks are a condition, titled by the summary (or the option
// or condition the summary states), taken or skipped; what follows `</details>` runs again.
import type { AsideBlock, Block } from '../document/blocks.js';
import type { StepReader } from '../step-reader.js';
import { emptyPart, type Draft } from '../step-drafts.js';
import { openOfferedPart } from './offered-parts.js';
import { offerOf, type Offer } from './offers.js';

const OPENS = /^\s*<details(?:\s[^>]*)?>/i;
const CLOSES = /<\/details\s*>/i;
const SUMMARY = /<summary(?:\s[^>]*)?>([\s\S]*?)<\/summary\s*>/i;

const htmlOf = (block: Block | undefined): string | undefined => (block?.kind === 'aside' && block.node.type === 'html' ? block.node.value : undefined);

/** Reads raw HTML that opens or closes a `<details>` block; false for any other aside. */
export function readDetails(reader: StepReader, draft: Draft | undefined, aside: AsideBlock): boolean {
  const html = htmlOf(aside);
  if (html === undefined) return false;
  const opens = OPENS.test(html);
  const closes = CLOSES.test(html) && (!opens || html.search(CLOSES) > html.search(OPENS));
  if (!opens && !(closes && reader.openDetails.length > 0)) return false;
  if (opens) {
    const into = draft ?? reader.ensureCurrent(aside.position);
    // The summary is in the same HTML block, or in the next one after a blank line.
    const summary = SUMMARY.exec(html)?.[1] ?? SUMMARY.exec(htmlOf(reader.blocks[aside.index + 1]) ?? '')?.[1] ?? '';
    const title = summary.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim() || 'Details';
    const offer = offerOf(title, aside.position) ?? { kind: 'condition', family: 'condition', title, position: aside.position };
    // A heading first inside it opens its own step, which takes the condition (detailsOfferAt).
    let next = aside.index + 1;
    while (htmlOf(reader.blocks[next]) !== undefined && !CLOSES.test(htmlOf(reader.blocks[next]) ?? '')) next += 1;
    if (reader.blocks[next]?.kind !== 'heading') openOfferedPart(into, offer, aside.position);
    reader.openDetails.push({ draft: into, offer });
  }
  if (closes || (opens && CLOSES.test(html))) {
    const opened = reader.openDetails.pop();
    opened?.draft.parts.push(emptyPart());
  }
  return true;
}

/** A heading inside an open `<details>` block: its section or step is as conditional as the block. */
export function detailsOfferAt(reader: StepReader): Offer | undefined {
  const open = reader.openDetails.at(-1);
  return open === undefined ? undefined : { ...open.offer, kind: 'condition', family: 'condition' };
}
