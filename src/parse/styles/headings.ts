// Headings give the document its structure: H1 the title, H2 sections, H3 steps, deeper
// headings sub-steps of the step they sit in (or notes where there is none to split).
import type { HeadingBlock } from '../document/blocks.js';
import { sectionId, stepId } from '../heading-ids.js';
import type { StepReader } from '../step-reader.js';
import { addNote, emptyPart } from '../step-drafts.js';
import { offersAlternative } from './alternatives.js';

export function readHeading(reader: StepReader, heading: HeadingBlock): void {
  const { numbering } = heading;
  const firstTitle = heading.level === 1 && reader.title === undefined;
  reader.sawHeading = true;
  if (firstTitle) {
    reader.title = numbering.text;
    return;
  }
  if (heading.level <= 2) {
    reader.section = { id: sectionId(numbering, reader.sections.length), title: numbering.title, position: heading.position };
    reader.sections.push(reader.section);
    reader.current = undefined;
    return;
  }
  if (heading.level === 3) {
    reader.current = reader.newDraft(stepId(numbering, reader.section?.id), numbering.title, heading.position);
    if (offersAlternative(heading)) reader.current.alternative = true;
    return;
  }
  const current = reader.current;
  if (current !== undefined && !current.fixedId) {
    // A sub-heading inside a step is a sub-step; "Option A", "Alternative…" are choices.
    const part = emptyPart();
    part.action = numbering.title;
    part.actionPosition = heading.position;
    part.fromHeading = true;
    if (offersAlternative(heading)) part.alternative = true;
    current.parts.push(part);
    return;
  }
  addNote(reader.ensureCurrent(heading.position), undefined, numbering.text, heading.position);
}
