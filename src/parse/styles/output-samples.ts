// Samples of output: "Expected output:", "You should see:", "Output:" after a command announce
// that the block after them (an output block or a table) illustrates what the command prints.
// Samples are not checks (SPEC §2): the operator sees the sample beside the real output and
// attests; only console transcripts are compared line by line. An intro with no block that can
// hold output after it is an expectation to attest.
import { hasInlineCode, type Block, type ParagraphBlock } from '../document/blocks.js';
import { phrasingText, rowsText } from '../document/phrasing-text.js';
import type { StepReader } from '../step-reader.js';
import { partOf, type Draft } from '../step-drafts.js';
import { outputIntroPattern, sampleIntroPattern } from '../vocabulary.js';

/**
 * Reads `paragraph` as the intro of a sample when it is one and the step already has a command
 * for it to belong to: the next block read is then taken as the sample (see takeSample).
 * `nested` is what else the paragraph's list item holds after it.
 */
export function readSampleIntro(reader: StepReader, draft: Draft, paragraph: ParagraphBlock, nested: readonly Block[] = []): boolean {
  if (partOf(draft).commands.length === 0 || !announcesSample(reader, paragraph, nested)) return false;
  reader.awaitedSample = { draft, text: paragraph.text.replace(/:$/, ''), position: paragraph.position };
  return true;
}

function announcesSample(reader: StepReader, paragraph: ParagraphBlock, nested: readonly Block[]): boolean {
  const label = paragraph.label;
  // "**Output:**", "**You should see:**": an intro written as a label has nothing after it.
  if (label && label.kind !== 'expected') return label.value.length === 0 && outputIntroPattern.test(`${label.label}:`);
  // "Expected output", "**Example Output**": named outright, no colon needed before a sample.
  if (!label) return outputIntroPattern.test(paragraph.text) || (sampleIntroPattern.test(paragraph.text.trim()) && holdsSample(nested[0] ?? reader.blocks[paragraph.index + 1]));
  // An Expected label announces a sample when it says nothing checkable itself: no inline code,
  // nothing nested, a short text that ends in a colon. A paragraph of its own ("Expected: the
  // rollout finishes") also announces the block right after it when that block holds output.
  if (nested.length > 0 || hasInlineCode(label.value)) return false;
  const said = phrasingText(label.value).trim();
  if (said.length > 80 || said.includes('`')) return false;
  if (said === '' || said.endsWith(':')) return true;
  const next = reader.blocks[paragraph.index + 1];
  return paragraph.parent === undefined && next?.kind === 'fence' && next.holdsOutput;
}

/** The block read after an intro, in reading order: its sample when it can hold output (it is then read no further). */
export function takeSample(reader: StepReader, block: Block): boolean {
  const awaited = reader.awaitedSample;
  if (!awaited) return false;
  reader.awaitedSample = undefined;
  const part = partOf(awaited.draft);
  if (holdsSample(block)) {
    const commandIndex = part.commands.length - 1;
    const lines = block.kind === 'row' ? rowsText(block.table.node).split('\n') : block.kind === 'fence' ? block.value.split('\n') : [];
    part.expectations.push({ text: awaited.text, position: awaited.position, matchers: [], sample: lines, ...(commandIndex >= 0 && { commandIndex }) });
    return true;
  }
  part.expectations.push({ text: awaited.text, position: awaited.position, matchers: [] });
  return false;
}

/** An output block, or a table from its header row on. */
function holdsSample(block: Block | undefined): boolean {
  return (block?.kind === 'fence' && block.holdsOutput) || (block?.kind === 'row' && block.header);
}

/** An intro the document ends on is still an expectation. */
export function endSamples(reader: StepReader): void {
  const awaited = reader.awaitedSample;
  if (awaited) partOf(awaited.draft).expectations.push({ text: awaited.text, position: awaited.position, matchers: [] });
  reader.awaitedSample = undefined;
}
