// mdast → the document a reader sees: one flat list of blocks in reading order (Runme's
// `pkg/document` shape), with list items holding the blocks nested in them. Lossless: every node
// of the tree is in a block, so a recogniser that skips something skips it on purpose.
import type { RootContent, Root } from 'mdast';
import {
  AsideBlock, FenceBlock, FrontmatterBlock, HeadingBlock, ItemBlock, OtherBlock, ParagraphBlock, RowBlock, TableInfo,
  type Block, type ListInfo, type Place, type SourceText,
} from './blocks.js';

export interface RunbookDocument {
  source: SourceText;
  /** Every block, in reading order, nested ones right after the item they sit in. */
  blocks: Block[];
  /** The blocks outside any list item, in order. */
  top: Block[];
}

export function readDocument(tree: Root, text: string): RunbookDocument {
  const source: SourceText = { text, lines: text.split('\n') };
  const blocks: Block[] = [];
  const top: Block[] = [];
  // Blocks copy their place when made, so one object serves them all (tens of thousands in a long runbook).
  const at: Place = { index: 0, parent: undefined, source };
  const place = (parent: ItemBlock | undefined): Place => {
    at.index = blocks.length;
    at.parent = parent;
    return at;
  };
  const add = (block: Block, into: Block[]): void => {
    blocks.push(block);
    into.push(block);
  };

  const visit = (nodes: readonly RootContent[], parent: ItemBlock | undefined, into: Block[]): void => {
    for (const node of nodes) {
      switch (node.type) {
        case 'heading':
          add(new HeadingBlock(place(parent), node), into);
          break;
        case 'paragraph':
          add(new ParagraphBlock(place(parent), node), into);
          break;
        case 'code':
          add(new FenceBlock(place(parent), node), into);
          break;
        case 'list': {
          const list: ListInfo = { ordered: node.ordered === true, start: node.start ?? 1, items: [] };
          node.children.forEach((child, ordinal) => {
            const item = new ItemBlock(place(parent), child, list, ordinal);
            list.items.push(item);
            add(item, into);
            visit(child.children, item, item.children);
            item.close();
          });
          break;
        }
        case 'table': {
          const table = new TableInfo(node);
          node.children.forEach((row, ordinal) => {
            const block = new RowBlock(place(parent), row, table, ordinal);
            table.rows.push(block);
            add(block, into);
          });
          break;
        }
        case 'blockquote':
        case 'html':
          add(new AsideBlock(place(parent), node), into);
          break;
        case 'yaml':
          add(new FrontmatterBlock(place(parent), 'yaml', node.value, node), into);
          break;
        default:
          // remark-frontmatter makes `toml` nodes, but mdast's types only know `yaml`.
          if ((node as { type: string }).type === 'toml') add(new FrontmatterBlock(place(parent), 'toml', (node as { value?: string }).value ?? '', node), into);
          else add(new OtherBlock(place(parent), node), into);
      }
    }
  };
  visit(tree.children, undefined, top);
  return { source, blocks, top };
}
