// A list item without a label: its inline code is a command when the item is numbered or says
// to run it ("Run `kubectl get pods`"), a matcher when it is one, and otherwise the item is a note.
import type { ParagraphBlock } from '../document/blocks.js';
import { actionText } from '../document/phrasing-text.js';
import { inlineCommand, isInlineCommand, matcherOf } from '../make-command.js';
import type { StepReader } from '../step-reader.js';
import { addNote, emptyPart, partOf, type Draft } from '../step-drafts.js';
import { commandVerbPattern, isExampleSentence } from '../vocabulary.js';

/** `nestedCommands`: the item holds a command under its lead, so a numbered one is a sub-step of its own. */
export function readUnlabelled(reader: StepReader, draft: Draft, paragraph: ParagraphBlock, ordered: boolean, nestedCommands = false): void {
  const { text, codes, position } = paragraph;
  const part = partOf(draft);
  const matchers = codes.flatMap((code) => matcherOf(reader, code));
  // "For example, you would run `x`": the code illustrates the sentence; it is no command to run.
  const commandCodes = isExampleSentence(text) ? [] : codes.filter(isInlineCommand);
  // A bare command under an item (`- \`helm history x\``) belongs to that item's step.
  const bare = codes.length === 1 && text === `\`${codes[0]?.value}\``;
  const says = commandVerbPattern.test(text) || bare;
  // The lead paragraph of a numbered item that is a step of its own is that step's action.
  const isStepLead = draft.fixedId === true && ordered && part.action === undefined && part.commands.length === 0 && draft.id !== draft.section;
  if ((commandCodes.length > 0 && (ordered || says)) || isStepLead || (ordered && nestedCommands)) {
    // A numbered item that says what to do starts the next sub-step.
    if (!bare && (part.action !== undefined || part.commands.length > 0)) draft.parts.push(emptyPart());
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
