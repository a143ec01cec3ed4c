// Choices between steps: a heading that offers one of several ways ("Option 2: …", "Plan B")
// marks its step or sub-step as an alternative, which runs only when picked with --only.
import type { HeadingBlock } from '../document/blocks.js';
import { isAlternativeTitle } from '../vocabulary.js';

/** Tested on the title without its numbering, so "### 2. Option B" offers a choice too. */
export function offersAlternative(heading: HeadingBlock): boolean {
  return isAlternativeTitle(heading.numbering.title);
}
