// Prose: the paragraphs before the first section describe the runbook; under a step, a sentence
// is a note unless it carries a matcher in inline code (`stdout is empty`), which makes it an
// expectation. Quotes and HTML are notes.
import { toString } from 'mdast-util-to-string';
import type { AsideBlock, ParagraphBlock } from '../document/blocks.js';
import { matcherOf } from '../make-command.js';
import type { StepReader } from '../step-reader.js';
import { addNote, partOf, type Draft } from '../step-drafts.js';
import { planChoiceRun } from './choice-runs.js';
import { readDetails } from './details-blocks.js';
import { readLabel } from './labelled-items.js';
import { openOfferedPart } from './offered-parts.js';
import { offerOf } from './offers.js';
import { readOrParagraph } from './or-paragraphs.js';
import { readSampleIntro } from './output-samples.js';
import { readStepParagraph } from './step-paragraphs.js';
import { isRunnableLanguage } from '../vocabulary.js';


export function readTopParagraph(reader: StepReader, paragraph: ParagraphBlock): void {
  if (!reader.sawHeading || (reader.current === undefined && reader.section === undefined)) {
    reader.description.push(toString(paragraph.node));
    return;
  }
  if (readStepParagraph(reader, paragraph)) return;
  readNestedParagraph(reader, reader.ensureCurrent(paragraph.position), paragraph);
}

export function readNestedParagraph(reader: StepReader, draft: Draft, paragraph: ParagraphBlock): void {
  if (readSampleIntro(reader, draft, paragraph)) return;
  if (readOrParagraph(reader, draft, paragraph)) return;
  planChoiceRun(reader, paragraph);
  // "**Option B: restore from a snapshot**" on a line of its own is a sub-heading in all but name.
  const bold = paragraph.boldLine;
  const offer = bold === undefined ? undefined : offerOf(bold, paragraph.position);
  if (offer) {
    openOfferedPart(draft, offer, paragraph.position);
    return;
  }
  // "If the restore fails, roll back with:" before a block: what follows applies only then.
  const condition = paragraph.label === undefined && paragraph.text.endsWith(':') ? offerOf(paragraph.text.replace(/:$/, ''), paragraph.position) : undefined;
  const next = reader.blocks[paragraph.index + 1];
  if (condition && condition.kind !== 'alternative' && condition.kind !== 'environment' && next?.kind === 'fence' && next.parent === paragraph.parent && isRunnableLanguage(next.lang)) {
    openOfferedPart(draft, condition, paragraph.position);
    return;
  }
  const label = paragraph.label;
  if (label) readLabel(reader, draft, label, paragraph, []);
  else readProse(reader, draft, paragraph);
}

function readProse(reader: StepReader, draft: Draft, paragraph: ParagraphBlock): void {
  const matchers = paragraph.codes.flatMap((code) => matcherOf(reader, code));
  if (matchers.length > 0) partOf(draft).expectations.push({ text: paragraph.text, position: paragraph.position, matchers });
  else addNote(draft, undefined, paragraph.text, paragraph.position);
}

export function readAside(reader: StepReader, aside: AsideBlock): void {
  // Before the first section it is the runbook's description, as any text there is.
  if ((reader.current !== undefined || reader.section !== undefined) && readDetails(reader, reader.current, aside)) return;
  if (reader.current) addNote(reader.current, undefined, aside.text, aside.position);
}
