// Task-list items (`- [ ] …`, `- [x] …`) are attestations: statements the operator confirms.
import { toString } from 'mdast-util-to-string';
import type { ItemBlock } from '../document/blocks.js';
import type { StepReader } from '../step-reader.js';
import { partOf, type Draft } from '../step-drafts.js';

export function readTaskItem(reader: StepReader, draft: Draft, item: ItemBlock): void {
  const text = toString(item.node.children[0] ?? item.node).trim();
  partOf(draft).attestations.push({ kind: 'task', text, checked: item.checked === true, position: item.position });
  reader.readAllNested(draft, item.rest);
}
