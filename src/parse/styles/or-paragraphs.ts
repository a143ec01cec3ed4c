// "Either reload nginx:" ```…``` "Or restart it (drops connections):" ```…```: a paragraph saying
// "or" between two shell blocks makes them options of one choice, as `# OR` lines do inside one
// block (shell-fences.ts). The block before it becomes the first option; a block after the last
// option that no "or" introduces belongs to the step again, whichever option ran.
import type { Block, FenceBlock, ParagraphBlock } from '../document/blocks.js';
import type { StepReader } from '../step-reader.js';
import { emptyPart, partOf, type Draft } from '../step-drafts.js';
import { firstCommandLine } from './read-statement.js';
import { isRunnableLanguage, orParagraphSays } from '../vocabulary.js';

const runnable = (block: Block | undefined, parent: ParagraphBlock['parent']): block is FenceBlock =>
  block?.kind === 'fence' && block.parent === parent && isRunnableLanguage(block.lang);

// "Run one of:", "Either:", "Choose one of the following:" say there is a choice, not what an option is.
const SAYS_ONLY_CHOICE = /^(?:(?:run|use|do|try)\s+)?(?:either|one of|choose one|pick one)(?:\s+(?:of\s+)?(?:the following|these|them))?$/i;

/** Reads `paragraph` as the "or" between two blocks when it is one; the next block then fills the new option. */
export function readOrParagraph(reader: StepReader, draft: Draft, paragraph: ParagraphBlock): boolean {
  const said = orParagraphSays(paragraph.text);
  const before = reader.blocks[paragraph.index - 1];
  if (said === undefined || !runnable(before, paragraph.parent) || !runnable(reader.blocks[paragraph.index + 1], paragraph.parent)) return false;
  let current = partOf(draft);
  if (current.offer?.kind !== 'or' || current.orGroup === undefined) {
    // A part that is itself an option or a condition ("**If it fails:**") keeps its blocks: moved
    // into a choice they would lose the way to skip them.
    if (current.offer !== undefined) return false;
    // The block before becomes the first option: its commands move to a part of their own.
    const fromBefore = current.commands.filter((command) => command.position.line > before.position.line);
    if (fromBefore.length === 0) return false;
    if (fromBefore.length < current.commands.length) {
      const moved = emptyPart();
      current.commands = current.commands.filter((command) => !fromBefore.includes(command));
      moved.commands = fromBefore;
      draft.parts.push(moved);
      current = moved;
    }
    const intro = reader.blocks[before.index - 1];
    const introText = intro?.kind === 'paragraph' && intro.parent === paragraph.parent && intro.text.endsWith(':') ? intro.text.replace(/:$/, '').trim() : undefined;
    const title = introText !== undefined && !SAYS_ONLY_CHOICE.test(introText) ? introText.replace(/^either\s+/i, '') : firstCommandLine(current.commands[0]?.text);
    current.offer = { kind: 'or', family: `or-paragraph-${before.index}`, title, index: '1', position: before.position };
    current.orGroup = -before.index - 1;
    current.action ??= title;
    current.actionPosition ??= before.position;
  }
  const offer = current.offer;
  const next = emptyPart();
  const index = String(Number(offer.index ?? '1') + 1);
  const nextBlock = reader.blocks[paragraph.index + 1];
  const title = said || firstCommandLine(nextBlock?.kind === 'fence' ? nextBlock.value : undefined) || `option ${index}`;
  next.offer = { kind: 'or', family: offer.family, title, index, position: paragraph.position };
  next.orGroup = current.orGroup;
  next.action = title;
  next.actionPosition = paragraph.position;
  draft.parts.push(next);
  reader.awaitedOrOption = true;
  return true;
}

/**
 * Before a shell block: after the last option of such a choice, a block no "or" introduced starts
 * the part that runs whichever option ran.
 */
export function leaveOrChoice(reader: StepReader, draft: Draft): void {
  const part = partOf(draft);
  if (reader.awaitedOrOption) {
    reader.awaitedOrOption = false;
    return;
  }
  if (part.offer?.kind === 'or' && part.orGroup !== undefined && part.orGroup < 0 && part.commands.length > 0) {
    const rest = emptyPart();
    rest.orRest = part.orGroup;
    draft.parts.push(rest);
  }
}
