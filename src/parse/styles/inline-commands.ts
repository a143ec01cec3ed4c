// A list item without a label: its inline code is a command when the item is numbered or says
// to run it ("Run `kubectl get pods`"), a matcher when it is one, and otherwise the item is a note.
import type { InlineCode, ParagraphBlock } from '../document/blocks.js';
import { actionText } from '../document/phrasing-text.js';
import { inlineCommand, matcherOf } from '../make-command.js';
import type { StepReader } from '../step-reader.js';
import { addNote, emptyPart, partOf, type Draft } from '../step-drafts.js';
import { commandVerbPattern, isExampleSentence } from '../vocabulary.js';
import { openOfferedPart } from './offered-parts.js';
import { readSentenceCodes, type SentenceCodes } from './sentence-codes.js';

/** `nestedCommands`: the item holds a command under its lead, so a numbered one is a sub-step of its own. */
export function readUnlabelled(reader: StepReader, draft: Draft, paragraph: ParagraphBlock, ordered: boolean, nestedCommands = false): void {
  const { text, codes, position } = paragraph;
  const part = partOf(draft);
  // "~~Restart: `…`~~ (not needed since v2)": struck through, it says what is no longer done.
  if (/^~~[\s\S]*~~/.test(text)) {
    addNote(draft, undefined, text, position);
    return;
  }
  const matchers = codes.flatMap((code) => matcherOf(reader, code));
  // "For example, you would run `x`": the code illustrates the sentence; it is no command to run.
  const sentence = isExampleSentence(text) ? undefined : readSentenceCodes(text, codes);
  const runs = sentence?.runs ?? [];
  const commandCodes = runs.flatMap((run) => run.codes);
  // A bare command under an item (`- \`helm history x\``) belongs to that item's step.
  const bare = codes.length === 1 && text === `\`${codes[0]?.value}\``;
  const says = commandVerbPattern.test(text) || bare;
  // The lead paragraph of a numbered item that is a step of its own is that step's action.
  const isStepLead = draft.fixedId === true && ordered && part.action === undefined && part.commands.length === 0 && draft.id !== draft.section;
  if ((commandCodes.length > 0 && (ordered || says)) || isStepLead || (ordered && nestedCommands)) {
    // A numbered item that says what to do starts the next sub-step.
    if (!bare && (part.action !== undefined || part.commands.length > 0)) draft.parts.push(emptyPart());
    if (runs.some((run) => run.codes.length > 1)) {
      readSentenceChoice(reader, draft, paragraph, runs);
      return;
    }
    const target = partOf(draft);
    if (!bare || target.action === undefined) {
      target.action = bare ? target.action : actionText(paragraph.node.children) || text;
      target.actionPosition ??= position;
    }
    for (const code of commandCodes) target.commands.push(inlineCommand(reader, code));
    if (matchers.length > 0) target.expectations.push({ text, position, matchers });
    return;
  }
  if (matchers.length > 0) {
    part.expectations.push({ text, position, matchers });
    return;
  }
  addNote(draft, undefined, text, position);
}

/**
 * "Restart it: run `systemctl restart nginx` or `service nginx restart` on older hosts": each
 * command offered instead of another is an option of one choice; the sentence is a note, and a
 * command it says to run before or after the options runs whichever was taken.
 */
function readSentenceChoice(reader: StepReader, draft: Draft, paragraph: ParagraphBlock, runs: SentenceCodes['runs']): void {
  const family = `sentence-${paragraph.position.line}-${paragraph.position.column}`;
  addNote(draft, undefined, paragraph.text, paragraph.position);
  runs.forEach((run, r) => {
    if (run.codes.length === 1) {
      if (partOf(draft).offer !== undefined) draft.parts.push(emptyPart());
      partOf(draft).commands.push(inlineCommand(reader, run.codes[0] as InlineCode));
      return;
    }
    run.codes.forEach((code, k) => {
      const title = run.titles[k] ?? code.value;
      openOfferedPart(draft, { kind: 'alternative', family: `${family}-${r}`, title, index: String(k + 1), position: code.position }, code.position, title).commands.push(inlineCommand(reader, code));
    });
  });
  if (partOf(draft).offer !== undefined) draft.parts.push(emptyPart());
}
