// Where a condition sends the reader (SPEC §2 "Choices are not sequences"): "If the error rate is
// still high, go to [Rollback](#rollback)" makes the Rollback section a part taken only then, and
// "If they are all Running, skip to step 4" makes the steps it skips parts taken only when the
// condition does not hold. Read once every section and step is known; only jumps forward count.
import type { Link, PhrasingContent } from 'mdast';
import type { ParagraphBlock } from '../document/blocks.js';
import { slugify } from '../slugify.js';
import type { StepReader } from '../step-reader.js';
import type { Draft } from '../step-drafts.js';
import { isConditionalJump, skipTargetOf, sectionNamedByJump } from '../vocabulary.js';

export function markJumpTargets(reader: StepReader): void {
  for (const block of reader.blocks) {
    if (block.kind !== 'paragraph' || !isConditionalJump(block.text)) continue;
    for (const anchor of [...anchorsOf(block.node.children), ...namedSections(block)]) markTarget(reader, block, anchor);
    const skipTo = skipTargetOf(block.text);
    if (skipTo !== undefined) markSkipped(reader, block, skipTo);
  }
}

function anchorsOf(nodes: readonly PhrasingContent[]): string[] {
  const found: string[] = [];
  for (const node of nodes) {
    if (node.type === 'link' && (node as Link).url.startsWith('#')) found.push(safeDecode((node as Link).url.slice(1)).toLowerCase());
    else if ('children' in node) found.push(...anchorsOf(node.children as PhrasingContent[]));
  }
  return found;
}

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** "go to the Rollback section": the section's title, as an anchor. */
function namedSections(block: ParagraphBlock): string[] {
  const named = sectionNamedByJump(block.text);
  return named === undefined ? [] : [slugify(named)];
}

/** Written as the heading's anchor (`#rollback`, `#a-rollback` for "A. Rollback"), or its id. */
const names = (anchor: string, id: string, title: string): boolean => {
  const slug = slugify(title);
  return anchor === id.toLowerCase() || anchor === slug || (slug !== '' && anchor.endsWith(`-${slug}`));
};

function markTarget(reader: StepReader, from: ParagraphBlock, anchor: string): void {
  if (anchor === '') return;
  const after = (line: number): boolean => line > from.position.line;
  const section = reader.sections.find((s) => after(s.position.line) && names(anchor, s.id, s.title));
  if (section !== undefined) {
    if (!reader.sectionOffers.has(section.id)) reader.sectionOffers.set(section.id, { kind: 'condition', family: 'condition', title: section.title, position: section.position });
    return;
  }
  const draft = reader.drafts.find((d) => !d.fixedId && after(d.position.line) && names(anchor, d.id, d.title));
  if (draft !== undefined) draft.offer ??= { kind: 'condition', family: 'condition', title: draft.title, position: draft.position };
}

/** The steps after the one `from` sits in, up to step `number` of its section: each taken only when the condition does not hold. */
function markSkipped(reader: StepReader, from: ParagraphBlock, number: string): void {
  const line = from.position.line;
  let at = -1;
  reader.drafts.forEach((d, i) => {
    if (d.position.line <= line) at = i;
  });
  const source = reader.drafts[at];
  if (source === undefined) return;
  const inSection = (d: Draft): boolean => d.section === source.section;
  const target = reader.drafts.findIndex((d, i) => i > at && inSection(d) && (d.id === number || d.id.endsWith(`.${number}`)));
  if (target === -1) return;
  for (const draft of reader.drafts.slice(at + 1, target)) {
    if (!inSection(draft) || draft.offer !== undefined) continue;
    draft.offer = { kind: 'condition', family: 'condition', title: draft.title, says: `not when step ${source.id} says: ${from.text.replace(/\s+/g, ' ').trim()}`, position: draft.position };
  }
}
