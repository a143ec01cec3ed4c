// The labelled-bullet style (`- **Action:** …`, `- **Command:** \`…\``, `- **Expected Outcome:** …`):
// each label says what its value is. A second Action opens the next sub-step; labels that are
// not steps' settings become attestations or notes, so nothing written is dropped.
import type { PhrasingContent } from 'mdast';
import { parseMatcher } from '../../expect/parse-matcher.js';
import type { Position } from '../../model/runbook.js';
import { deepCodesOf, positionOf, textOfBlock, type Block, type FenceBlock, type InlineCode } from '../document/blocks.js';
import type { FoundLabel } from '../document/find-label.js';
import { phrasingText } from '../document/phrasing-text.js';
import { inlineCommand, makeCommand, matcherOf } from '../make-command.js';
import type { StepReader } from '../step-reader.js';
import { addNote, emptyPart, partOf, type Draft } from '../step-drafts.js';
import { openOfferedPart, readOfferedCodes } from './offered-parts.js';
import { readSentenceCodes } from './sentence-codes.js';
import { offerOf } from './offers.js';
import { readFence } from './shell-fences.js';
import { settingReaders } from './step-settings.js';
import { suggestNearest } from '../../format/suggest-nearest.js';
import { labelKinds } from '../vocabulary.js';

/** Where a label is written: a paragraph, or a table cell read as one. */
export interface LabelSite {
  position: Position;
  codesOf(nodes: PhrasingContent[]): InlineCode[];
}

/** A label as the readers of its kind see it. */
export interface LabelRead {
  label: FoundLabel;
  /** The value as written, inline code in backticks. */
  text: string;
  position: Position;
  /** Inline code in the value. */
  codes: InlineCode[];
  /** What the label's list item holds after it. */
  blocks: readonly Block[];
}

export function readLabel(reader: StepReader, draft: Draft, label: FoundLabel, site: LabelSite, blocks: readonly Block[]): void {
  const read: LabelRead = { label, text: phrasingText(label.value).trim(), position: site.position, codes: site.codesOf(label.value), blocks };
  const { kind } = label;
  if (kind === 'action') readAction(reader, draft, read);
  else if (kind === 'command') readCommandLabel(reader, draft, read, label.value);
  else if (kind === 'expected') readExpected(reader, draft, read);
  else if (kind === 'attestation') readAttestation(reader, draft, read);
  else if (kind === 'note') {
    reportNearLabel(reader, read);
    readNoteOrOffer(reader, draft, read);
  }
  else settingReaders[kind](reader, draft, read);
}

const knownLabels: readonly string[] = Object.values(labelKinds).flat();

/** `**Comand:**` is kept as a note, but it was surely meant as `Command`: say so. */
function reportNearLabel(reader: StepReader, read: LabelRead): void {
  const written = read.label.label;
  // Longer labels allow two slips; a short one only a letter dropped, added or swapped, since
  // one letter changed is often another word ("States" is not "Status").
  const near = suggestNearest(written, knownLabels, written.length < 7 ? 1 : 2);
  if (near === null || (written.length < 7 && !isTypingSlip(written.toLowerCase(), near))) return;
  const intended = `${near.charAt(0).toUpperCase()}${near.slice(1)}`;
  reader.report({ severity: 'warning', ruleId: 'near-label', message: `Unknown label \`${written}\` is kept as a note; did you mean \`${intended}\`?`, position: read.position });
}

function isTypingSlip(written: string, known: string): boolean {
  const letters = (word: string): string => [...word].sort().join('');
  return written.length !== known.length || letters(written) === letters(known);
}

/** The value followed by the text of what is nested under it (fences aside). */
function fullText(read: LabelRead): string {
  const nested = read.blocks.filter((block) => block.kind !== 'fence').map((block) => textOfBlock(block)).filter(Boolean).join('\n');
  return [read.text, nested].filter(Boolean).join('\n');
}

const fencesOf = (blocks: readonly Block[]): FenceBlock[] => blocks.filter((block): block is FenceBlock => block.kind === 'fence');

function readAction(reader: StepReader, draft: Draft, read: LabelRead): void {
  let part = partOf(draft);
  if (part.action !== undefined) {
    part = emptyPart();
    draft.parts.push(part);
  }
  part.action = fullText(read);
  part.actionPosition = read.position;
  reader.readAllNested(draft, read.blocks);
}

function readCommandLabel(reader: StepReader, draft: Draft, read: LabelRead, value: PhrasingContent[]): void {
  const part = partOf(draft);
  const fences = fencesOf(read.blocks);
  // Every code of a Command label is a command, one word or more.
  const { runs } = readSentenceCodes(read.text, read.codes, () => true);
  if (runs.some((run) => run.codes.length > 1)) {
    // "**Command:** `systemctl restart nginx` (or `service nginx restart` on older hosts)": one of
    // them, and which is the operator's to say; nothing here runs on its own.
    part.attestations.push({ kind: 'label', label: read.label.label, text: fullText(read), position: read.position });
    reader.report({
      severity: 'warning',
      ruleId: 'command-alternatives',
      message: `${read.label.label} offers one command or another, so none is run: the operator does one by hand; write each as an option of its own ("**Option A:** \`…\`") to have it run`,
      position: read.position,
    });
  } else for (const run of runs) for (const code of run.codes) part.commands.push(inlineCommand(reader, code));
  for (const fence of fences) readFence(reader, draft, fence);
  if (read.codes.length === 0 && fences.length === 0 && read.text !== '') {
    // "**Run:** kubectl get pods", without backticks: the value is the command.
    part.commands.push(makeCommand(reader, read.text, value[0] ? positionOf(value[0]) : read.position, { source: 'inline' }));
  }
  reader.readAllNested(draft, read.blocks.filter((block) => block.kind !== 'fence'));
}

function readExpected(reader: StepReader, draft: Draft, read: LabelRead): void {
  const part = partOf(draft);
  const matchers = [...read.codes, ...read.blocks.flatMap((block) => deepCodesOf(block))].flatMap((code) => matcherOf(reader, code));
  const fences = fencesOf(read.blocks);
  const lone = read.codes.length === 1 ? read.codes[0] : undefined;
  if (lone && matchers.length === 0 && fences.length === 0 && read.blocks.length === 0 && read.text.replace(/[.:;!\s]+$/, '') === `\`${lone.value}\`` && lone.value.trim() !== '' && parseMatcher(lone.value).kind === 'prose') {
    // "**Expected result:** `deployment "api" successfully rolled out`": the text to look for.
    part.expectations.push({ text: fullText(read), position: read.position, matchers: [{ matcher: { kind: 'contains', stream: 'stdout', text: lone.value }, source: `stdout contains ${JSON.stringify(lone.value)}`, position: lone.position }] });
    return;
  }
  part.expectations.push({ text: fullText(read), position: read.position, matchers });
  for (const fence of fences) {
    // A fenced block under an outcome is output, not a command: a transcript is compared, anything else is a sample to attest.
    if (fence.transcript) part.expectations.push({ text: 'output matches the transcript', position: fence.position, matchers: [], expectedOutput: fence.value.split('\n') });
    else part.expectations.push({ text: 'output like the sample', position: fence.position, matchers: [], sample: fence.value.split('\n') });
  }
}

function readAttestation(reader: StepReader, draft: Draft, read: LabelRead): void {
  partOf(draft).attestations.push({ kind: 'label', label: read.label.label, text: fullText(read), position: read.position });
  for (const fence of fencesOf(read.blocks)) readFence(reader, draft, fence);
}

/** "**Option A:** restart the pod", "**If the restore fails:**", "**Staging:** …" open a part of their own. */
function readNoteOrOffer(reader: StepReader, draft: Draft, read: LabelRead): void {
  const offer = offerOf(read.label.label, read.position);
  if (offer === undefined) {
    readNoteLabel(reader, draft, read);
    return;
  }
  const action = read.text === '' ? undefined : `${read.label.label}: ${fullText(read)}`;
  const part = openOfferedPart(draft, offer, read.position, action);
  readOfferedCodes(reader, part, read.codes, read.text, read.position);
  reader.readAllNested(draft, read.blocks);
}

function readNoteLabel(reader: StepReader, draft: Draft, read: LabelRead): void {
  // "**Access Required:**" over a checklist: the label is a note, its items are read as items.
  if (read.blocks.some((block) => block.kind === 'item')) {
    addNote(draft, read.label.label, read.text, read.position);
    reader.readAllNested(draft, read.blocks);
    return;
  }
  addNote(draft, read.label.label, fullText(read), read.position);
  for (const fence of fencesOf(read.blocks)) readFence(reader, draft, fence);
}
