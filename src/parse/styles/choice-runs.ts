// "Depending on where the database runs, use one of these." followed by shell blocks, each maybe
// under a short label ("On RDS:", "On Patroni:"): the blocks are the options of one choice (SPEC §2
// "Choices are not sequences"), not commands to run one after the other. The run of options ends
// at the first block that is neither such a label nor a shell block, or at a label that says what
// comes after ("Then check the application:"); what follows belongs to whichever option ran.
import type { Block, ParagraphBlock } from '../document/blocks.js';
import type { StepReader } from '../step-reader.js';
import { emptyPart, type Draft } from '../step-drafts.js';
import { isChoiceIntro, isRunnableLanguage, isSequenceLead } from '../vocabulary.js';
import { openOfferedPart } from './offered-parts.js';
import { firstCommandLine } from './read-statement.js';
import type { Offer } from './offers.js';

/** Where each option of a planned run opens (its label, else its block), and the block that ends the last one. */
export interface ChoiceRuns {
  openers: Map<Block, { offer: Offer; label: boolean }>;
  closers: Set<Block>;
}

export const noChoiceRuns = (): ChoiceRuns => ({ openers: new Map(), closers: new Set() });

const LABEL_LENGTH = 100;

const isOptionLabel = (block: Block | undefined, parent: Block['parent']): block is ParagraphBlock =>
  block?.kind === 'paragraph' && block.parent === parent && block.label === undefined && block.text.endsWith(':') && block.text.length <= LABEL_LENGTH && !isSequenceLead(block.text);

const isShellBlock = (block: Block | undefined, parent: Block['parent']): boolean =>
  block?.kind === 'fence' && block.parent === parent && !block.holdsOutput && isRunnableLanguage(block.lang);

/** Reads `intro` as the start of a run of options when it says to pick one and two or more shell blocks follow. */
export function planChoiceRun(reader: StepReader, intro: ParagraphBlock): boolean {
  if (!isChoiceIntro(intro.text)) return false;
  const options: { opener: Block; label: ParagraphBlock | undefined; block: Block }[] = [];
  let at = intro.index + 1;
  for (;;) {
    const label = isOptionLabel(reader.blocks[at], intro.parent) ? (reader.blocks[at] as ParagraphBlock) : undefined;
    const block = reader.blocks[label ? at + 1 : at];
    if (!isShellBlock(block, intro.parent)) break;
    options.push({ opener: label ?? (block as Block), label, block: block as Block });
    at = (block as Block).index + 1;
  }
  if (options.length < 2) return false;
  options.forEach(({ opener, label, block }, i) => {
    const index = String(i + 1);
    const title = label?.text.replace(/:$/, '').trim() || firstCommandLine(block.kind === 'fence' ? block.value : '') || `option ${index}`;
    const offer: Offer = { kind: 'alternative', family: `choice-run-${intro.index}`, title, index, position: opener.position };
    reader.choiceRuns.openers.set(opener, { offer, label: label !== undefined });
  });
  reader.choiceRuns.closers.add((options.at(-1) as { block: Block }).block);
  return true;
}

/** Before a block is read: an option's label opens its part (and is read by it); an option's block opens one if no label did. */
export function openChoiceOption(reader: StepReader, draft: Draft, block: Block): boolean {
  const opener = reader.choiceRuns.openers.get(block);
  if (opener === undefined) return false;
  openOfferedPart(draft, opener.offer, opener.offer.position, opener.label ? opener.offer.title : undefined);
  return opener.label;
}

/** After a block is read: the last option's block ends the choice. */
export function closeChoiceRun(reader: StepReader, draft: Draft, block: Block): void {
  if (reader.choiceRuns.closers.has(block)) draft.parts.push(emptyPart());
}
