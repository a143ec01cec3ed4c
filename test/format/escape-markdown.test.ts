// The Markdown escapers, checked against the Markdown parser itself: remark with GFM tables reads
// back what they write.
import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import type { Nodes, PhrasingContent, Root, Table } from 'mdast';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { describe, expect, it } from 'vitest';
import { codeBlock, codeSpan, inlineText, tableCell } from '../../src/format/escape-markdown.js';

const processor = unified()
  .use(remarkParse)
  .use(function tables(this: Processor) {
    const data = this.data();
    (data.micromarkExtensions ??= []).push(gfmTable());
    (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
  });
const parse = (markdown: string): Root => processor.parse(markdown);

/** What a reader sees of some phrasing: text and code as shown, `<code>` tags left out. */
function shown(nodes: readonly Nodes[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text' || node.type === 'inlineCode') return node.value;
      if (node.type === 'html') return /^<\/?code>$/.test(node.value) ? '' : node.value;
      if (node.type === 'break') return '\n';
      return 'children' in node ? shown(node.children as Nodes[]) : '';
    })
    .join('');
}

/** The only node of a one-paragraph document's paragraph, or a failure saying what was read. */
function paragraphOf(markdown: string): PhrasingContent[] {
  const tree = parse(markdown);
  const [paragraph] = tree.children;
  if (tree.children.length !== 1 || paragraph?.type !== 'paragraph') throw new Error(`not one paragraph: ${JSON.stringify(markdown)}`);
  return paragraph.children;
}

function tableOf(markdown: string): Table {
  const tree = parse(markdown);
  const [table] = tree.children;
  if (tree.children.length !== 1 || table?.type !== 'table') throw new Error(`not one table: ${JSON.stringify(markdown)}`);
  return table;
}

/** A three-column table whose middle cells hold `cell`, header and body alike. */
const tableAround = (cell: string): string => `| a | ${cell} | b |\n| - | - | - |\n| a | ${cell} | b |\n`;

/** Any text Markdown may hold (no NUL, which the parser turns into U+FFFD). */
const anyText = fc
  .oneof(
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: fc.constantFrom('`', '\\', '|', ' ', 'a', '\n', '\r', '<', '*', '&', '#', '-', '\t') }),
  )
  .filter((s) => !s.includes('\0'));

describe('codeSpan', () => {
  it('wraps plain text in single backticks', () => {
    expect(codeSpan('a')).toBe('`a`');
    expect(codeSpan('kubectl get pods')).toBe('`kubectl get pods`');
  });

  it('uses a fence longer than any backtick run inside', () => {
    expect(codeSpan('a `b` c')).toBe('``a `b` c``');
    expect(codeSpan('a ``b`` c')).toBe('```a ``b`` c```');
  });

  it('pads with spaces when the text starts or ends with a backtick, or with a space at both ends', () => {
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(codeSpan('x`')).toBe('`` x` ``');
    expect(codeSpan(' x ')).toBe('`  x  `');
    expect(codeSpan(' x')).toBe('` x`');
    expect(codeSpan('   ')).toBe('`   `');
  });

  it('shows line breaks as spaces, as a code span does', () => {
    expect(codeSpan('two\nlines')).toBe('`two lines`');
    expect(codeSpan('a\r\nb\rc')).toBe('`a b c`');
  });

  it('shows an empty text as one space', () => {
    expect(codeSpan('')).toBe('` `');
  });

  it('round-trips any text, alone or inside a sentence', () => {
    fc.assert(
      fc.property(anyText.filter((s) => s !== ''), (text) => {
        const flat = text.replace(/\r\n?|\n/g, ' ');
        expect(paragraphOf(codeSpan(text))).toEqual([expect.objectContaining({ type: 'inlineCode', value: flat })]);
        const inside = paragraphOf(`see ${codeSpan(text)} here`);
        expect(inside.map((node) => node.type)).toEqual(['text', 'inlineCode', 'text']);
        expect(inside[1]).toMatchObject({ value: flat });
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
});

describe('codeBlock', () => {
  it('fences with three backticks by default', () => {
    expect(codeBlock('echo hi', 'sh')).toBe('```sh\necho hi\n```');
  });

  it('uses a longer fence than any backtick run inside (nested fences)', () => {
    expect(codeBlock("printf '```'\necho ````", 'sh')).toBe("`````sh\nprintf '```'\necho ````\n`````");
    expect(codeBlock('`````')).toBe('``````\n`````\n``````');
  });

  it('drops trailing newlines and keeps inner blank lines', () => {
    expect(codeBlock('a\n\n\nb\n\n')).toBe('```\na\n\n\nb\n```');
  });

  it('keeps backticks and spaces out of the info string', () => {
    expect(codeBlock('x', 'sh `evil`')).toBe('```shevil\nx\n```');
  });

  it('gives any text back from its block', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const [block] = parse(codeBlock(text, 'sh')).children;
        expect(block).toMatchObject({ type: 'code', lang: 'sh', value: text.replace(/\r\n?/g, '\n').replace(/\n+$/, '') });
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});

describe('inlineText', () => {
  it('keeps code spans and escapes HTML outside them', () => {
    expect(inlineText('Restart <pod name> with `kubectl delete pod <pod>`')).toBe('Restart &lt;pod name> with `kubectl delete pod <pod>`');
    expect(inlineText('unclosed ` tick <b>')).toBe('unclosed ` tick &lt;b>');
  });

  it('puts the text on one line', () => {
    expect(inlineText('line one\n  line two')).toBe('line one line two');
  });

  it('keeps an escaped `<` or backtick as written', () => {
    expect(inlineText('a \\<b> and \\`c <d>`')).toBe('a \\<b> and \\`c &lt;d>`');
  });
});

describe('tableCell', () => {
  it('escapes pipes, also inside code', () => {
    expect(tableCell('`a | b` c|d')).toBe('`a \\| b` c\\|d');
  });

  it('leaves an escaped pipe as it is and escapes one after an escaped backslash', () => {
    expect(tableCell('a\\|b')).toBe('a\\|b');
    expect(tableCell('a\\\\|b')).toBe('a\\\\\\|b');
  });

  it('turns line breaks into <br>', () => {
    expect(tableCell('one\r\ntwo\nthree')).toBe('one<br>two<br>three');
    expect(tableCell('hard\\\nbreak')).toBe('hard<br>break');
  });

  it('writes inline code with a backslash before a pipe as <code>, which a code span in a cell cannot show', () => {
    expect(tableCell(codeSpan('grep "a\\|b"'))).toBe('<code>grep &#34;a&#92;&#124;b&#34;</code>');
  });

  it('escapes a lone backslash at its end, so the cell cannot escape the pipe after it', () => {
    expect(tableCell('C:\\')).toBe('C:\\\\');
    expect(tableOf(`|a|${tableCell('C:\\')}|b|\n|-|-|-|\n`).children[0]?.children.map((c) => shown(c.children))).toEqual(['a', 'C:\\', 'b']);
  });

  it('never breaks a table row, whatever the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const table = tableOf(tableAround(tableCell(text)));
        expect(table.children).toHaveLength(2);
        for (const row of table.children) {
          expect(row.children).toHaveLength(3);
          expect(shown(row.children[0]?.children ?? [])).toBe('a');
          expect(shown(row.children[2]?.children ?? [])).toBe('b');
        }
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('shows in a cell what the same Markdown shows outside a table', () => {
    const line = fc.string({ unit: fc.constantFrom('`', '\\', '|', ' ', 'a', '*', '<', '&') });
    fc.assert(
      fc.property(line, (text) => {
        const markdown = `x${text}y`;
        const cell = tableOf(tableAround(tableCell(markdown))).children[1]?.children[1];
        expect(shown(cell?.children ?? [])).toBe(shown(paragraphOf(markdown)));
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('shows any inline code exactly in a cell', () => {
    fc.assert(
      fc.property(anyText.filter((s) => s !== ''), (text) => {
        const cell = tableOf(tableAround(tableCell(codeSpan(text)))).children[1]?.children[1];
        expect(shown(cell?.children ?? [])).toBe(text.replace(/\r\n?|\n/g, ' '));
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
});
