// A step written as a paragraph rather than a heading, in the forms people write it:
// "**Step 4:** Tell the team.", "**Step 4.** …", "**Step 4**" with its text on the next line,
// "Step 4: …" and "Step 4. …" in plain text (and Schritt, Étape, Paso). A sentence such as
// "Step 4 is optional" has no mark after its number and stays prose.
import type { ParagraphBlock } from '../document/blocks.js';
import { firstLine, phrasingText } from '../document/phrasing-text.js';
import { numberedStepId } from '../heading-ids.js';
import type { StepReader } from '../step-reader.js';
import { partOf } from '../step-drafts.js';
import { stepNumberPattern } from '../vocabulary.js';

/** After the number: a mark (`.`, `:`, `)`, a dash), or the end of the bold text or of the line. */
const afterNumber = /^(?:\s*[.:)]|\s+[-–—]|\s*$|\s*\n)/;

export function readStepParagraph(reader: StepReader, paragraph: ParagraphBlock): boolean {
  const written = readWrittenStep(paragraph);
  if (written === undefined) return false;
  const { number, action } = written;
  const title = firstLine(action).replace(/[:.]$/, '') || `Step ${number}`;
  reader.current = reader.newDraft(numberedStepId(number, reader.section?.id), title, paragraph.position);
  if (action) {
    const part = partOf(reader.current);
    part.action = action;
    part.actionPosition = paragraph.position;
  }
  return true;
}

function readWrittenStep(paragraph: ParagraphBlock): { number: string; action: string } | undefined {
  const [first, ...rest] = paragraph.node.children;
  if (first === undefined) return undefined;
  const bold = first.type === 'strong' || first.type === 'emphasis';
  const lead = bold ? phrasingText(first.children).trim() : paragraph.text;
  const match = stepNumberPattern.exec(lead);
  if (!match?.[1]) return undefined;
  const after = lead.slice(match[0].length);
  if (!afterNumber.test(after)) return undefined;
  const inLead = after.replace(/^\s*[.:)]?\s*(?:[-–—]\s*)?/, '');
  const action = bold ? [inLead, phrasingText(rest).replace(/^\s*[.:)]?\s*/, '')].filter(Boolean).join(' ').trim() : inLead.trim();
  return { number: match[1], action };
}
