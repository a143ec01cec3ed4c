// "**Step 4:** Tell the team." — a step written as a paragraph rather than a heading.
import type { ParagraphBlock } from '../document/blocks.js';
import { firstLine, phrasingText } from '../document/phrasing-text.js';
import { numberedStepId } from '../heading-ids.js';
import type { StepReader } from '../step-reader.js';
import { partOf } from '../step-drafts.js';

const stepLabel = /^step\s+(\d+(?:\.\d+)*)$/i;

export function readStepParagraph(reader: StepReader, paragraph: ParagraphBlock): boolean {
  const label = paragraph.label;
  const number = label ? stepLabel.exec(label.label)?.[1] : undefined;
  if (!label || number === undefined) return false;
  const action = phrasingText(label.value).trim();
  const title = firstLine(action).replace(/[:.]$/, '') || `Step ${number}`;
  reader.current = reader.newDraft(numberedStepId(number, reader.section?.id), title, paragraph.position);
  if (action) {
    const part = partOf(reader.current);
    part.action = action;
    part.actionPosition = paragraph.position;
  }
  return true;
}
