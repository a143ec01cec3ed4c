import type { RootContent } from 'mdast';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/parse/document/blocks.js';
import { readDocument } from '../../../src/parse/document/read-document.js';
import { parseMarkdown } from '../../../src/parse/parse-markdown.js';

const read = (text: string) => readDocument(parseMarkdown(text), text);
const kinds = (blocks: readonly Block[]) => blocks.map((b) => b.kind);

/** Every node a reader sees: top-level nodes, list items and what they hold, table rows. */
function seenNodes(nodes: readonly RootContent[]): unknown[] {
  return nodes.flatMap((node) => {
    if (node.type === 'list') return node.children.flatMap((item) => [item, ...seenNodes(item.children)]);
    if (node.type === 'table') return node.children;
    return [node];
  });
}

describe('the document layer', () => {
  it('is lossless: every node of every style fixture is in exactly one block, in reading order', () => {
    const folder = new URL('../../fixtures/styles/', import.meta.url);
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.md'))) {
      const text = readFileSync(new URL(name, folder), 'utf8').replace(/\r\n?/g, '\n');
      const tree = parseMarkdown(text);
      const document = readDocument(tree, text);
      expect(document.blocks.map((b) => b.node), name).toEqual(seenNodes(tree.children));
      document.blocks.forEach((block, index) => expect(block.index).toBe(index));
      const lines = document.blocks.map((b) => b.position.line);
      expect(lines, name).toEqual([...lines].sort((a, b) => a - b));
    }
  });

  it('keeps items with the blocks nested in them, lead paragraph first', () => {
    const document = read('# T\n\n- **Command:** `ls`\n  ```sh\n  ls -la\n  ```\n  - nested\n- plain\n');
    expect(kinds(document.top)).toEqual(['heading', 'item', 'item']);
    expect(kinds(document.blocks)).toEqual(['heading', 'item', 'paragraph', 'fence', 'item', 'paragraph', 'item', 'paragraph']);
    const [, first] = document.top;
    if (first?.kind !== 'item') throw new Error('expected an item');
    expect(first.lead?.label).toMatchObject({ label: 'Command', kind: 'command' });
    expect(kinds(first.rest)).toEqual(['fence', 'item']);
    expect(first.rest.every((b) => b.parent === first)).toBe(true);
    expect(first.list.items).toHaveLength(2);
  });

  it('reads heading numbering once, apart from the title', () => {
    const [a, b, c, d] = read('## A. Roll back\n\n### 2.1 Check\n\n### Step 3 — Verify\n\n### Plan a window\n').blocks;
    const numbering = (block: Block | undefined) => (block?.kind === 'heading' ? block.numbering : undefined);
    expect(numbering(a)).toEqual({ text: 'A. Roll back', title: 'Roll back', sectionNumber: 'A' });
    expect(numbering(b)).toMatchObject({ title: 'Check', stepNumber: '2.1' });
    expect(numbering(c)).toMatchObject({ title: 'Verify', stepNumber: '3', sectionNumber: '3' });
    expect(numbering(d)).toEqual({ text: 'Plan a window', title: 'Plan a window' });
  });

  it('tells fences apart: commands, transcripts, blocks that hold output', () => {
    const fences = read('```bash {name=x}\nls\n```\n\n```bash\n$ ls\nout\n```\n\n```console\n$ ls\n```\n\n```\nraw\n```\n\n```none\nx\n```\n\n```yaml\na: 1\n```\n').blocks;
    expect(fences.map((f) => (f.kind === 'fence' ? [f.lang ?? null, f.transcript, f.holdsOutput] : f.kind))).toEqual([
      ['bash', false, false], ['bash', true, false], ['console', true, false], [null, false, true], ['none', false, true], ['yaml', false, false],
    ]);
    expect(fences[0]?.kind === 'fence' && fences[0].info.attributes).toEqual({ name: 'x' });
  });

  it('makes one block per table row, the header first, sharing the table', () => {
    const rows = read('| Step | Command |\n| --- | --- |\n| a | `ls` |\n| b | `pwd` |\n').blocks;
    expect(rows.map((r) => (r.kind === 'row' ? r.header : r.kind))).toEqual([true, false, false]);
    const [header] = rows;
    expect(header?.kind === 'row' && header.table.columns).toEqual(['action', 'command']);
  });

  it('keeps frontmatter, quotes, HTML and rules as blocks', () => {
    expect(kinds(read('---\na: 1\n---\n\n> quote\n\n<!-- c -->\n\n***\n').blocks)).toEqual(['frontmatter', 'aside', 'aside', 'other']);
    const [toml] = read('+++\nx = 1\n+++\n').blocks;
    expect(toml?.kind === 'frontmatter' && toml.format).toBe('toml');
  });
});
