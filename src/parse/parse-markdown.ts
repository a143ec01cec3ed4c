// Markdown → mdast. One processor, made on first use.
//
// Of GitHub's extensions only tables and task-list items mean anything to a runbook, so only
// those two are added (remark-gfm would also bring autolinks, footnotes and strikethrough, which
// cost start-up and parse time on every `runbook plan` and change nothing we read).
//
// micromark resolves emphasis over the whole document's event list, which grows quadratically
// with the number of emphasised labels: a 10,000-step runbook took minutes. Headings always
// start a new block, so the text is cut before headings (outside fenced code) into pieces of a
// few dozen lines, each parsed alone, and the positions moved back to where they are in the
// file. Reference-style link definitions are the one thing that does not cross a cut; a runbook
// that long which relies on them is rarer than one that is long.
//
// Frontmatter is cut off here too, by the rule of micromark-extension-frontmatter (a `---` or
// `+++` line first, up to the same line again): micromark would tokenise every byte of it, at a
// few hundred kilobytes a second, only for the YAML reader to read it again.
import type { Root, RootContent } from 'mdast';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

const PIECE_LINES = 40;

const processors = new Map<string, ReturnType<typeof createProcessor>>();

/**
 * A remark plugin with the table and/or task-list parts of GitHub Flavored Markdown. Each costs
 * a fifth of the parse time on every line, so it is only added when the text could use it.
 */
function remarkTablesAndTasks(this: Processor, options: { tables: boolean; tasks: boolean }): void {
  const data = this.data();
  if (options.tables) {
    (data.micromarkExtensions ??= []).push(gfmTable());
    (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
  }
  if (options.tasks) {
    (data.micromarkExtensions ??= []).push(gfmTaskListItem());
    (data.fromMarkdownExtensions ??= []).push(gfmTaskListItemFromMarkdown());
  }
}

function createProcessor(options: { tables: boolean; tasks: boolean }) {
  return unified().use(remarkParse).use(remarkTablesAndTasks, options);
}

function processorFor(text: string): ReturnType<typeof createProcessor> {
  // A table needs a pipe; a task item needs `[ ]` or `[x]`: without them the extensions find nothing.
  const options = { tables: text.includes('|'), tasks: /\[[ xX]\]/.test(text) };
  const key = `${options.tables}-${options.tasks}`;
  let processor = processors.get(key);
  if (!processor) {
    processor = createProcessor(options);
    processors.set(key, processor);
  }
  return processor;
}

export function parseMarkdown(text: string): Root {
  const processor = processorFor(text);
  const front = cutFrontmatter(text);
  const pieces = cutBeforeHeadings(text, front?.next ?? { line: 1, offset: 0 });
  if (!front && pieces.length === 1) return processor.parse(text);
  const root: Root = { type: 'root', children: front ? [front.node] : [], position: { start: { line: 1, column: 1, offset: 0 }, end: endOf(text) } };
  for (const piece of pieces) {
    const tree = processor.parse(piece.text);
    for (const child of tree.children) {
      shift(child, piece.line - 1, piece.offset);
      root.children.push(child);
    }
  }
  return root;
}

interface Piece {
  text: string;
  /** 1-based line of the piece's first line in the file. */
  line: number;
  offset: number;
}

/** `---` (YAML) or `+++` (TOML) on the first line, up to the same fence on a line of its own. */
function cutFrontmatter(text: string): { node: RootContent; next: { line: number; offset: number } } | undefined {
  const open = /^(---|\+\+\+)[ \t]*(?:\n|$)/.exec(text);
  if (!open?.[1]) return undefined;
  const fence = open[1];
  const closing = new RegExp(`^${fence === '---' ? '---' : '\\+\\+\\+'}[ \\t]*$`);
  let line = 2;
  for (let offset = open[0].length; open[0].endsWith('\n') && offset <= text.length; line += 1) {
    const end = text.indexOf('\n', offset);
    const lineEnd = end === -1 ? text.length : end;
    if (closing.test(text.slice(offset, lineEnd))) {
      const value = text.slice(open[0].length, Math.max(open[0].length, offset - 1));
      const position = { start: { line: 1, column: 1, offset: 0 }, end: { line, column: lineEnd - offset + 1, offset: lineEnd } };
      // remark-frontmatter's node types; mdast's own types only know `yaml`.
      const node = { type: fence === '---' ? 'yaml' : 'toml', value, position } as RootContent;
      return { node, next: { line: line + 1, offset: Math.min(text.length, lineEnd + 1) } };
    }
    if (end === -1) break;
    offset = end + 1;
  }
  return undefined;
}

/** Cuts at ATX headings (`#`…`######` at the start of a line) that sit outside fenced code. */
function cutBeforeHeadings(text: string, from: { line: number; offset: number }): Piece[] {
  const pieces: Piece[] = [];
  let fence: string | undefined;
  let pieceStart = from.offset;
  let pieceLine = from.line;
  let line = from.line;
  let linesInPiece = 0;
  for (let offset = from.offset; offset < text.length; line += 1) {
    const end = text.indexOf('\n', offset);
    const next = end === -1 ? text.length : end + 1;
    const content = text.slice(offset, end === -1 ? text.length : end);
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(content);
    if (fence !== undefined) {
      if (marker?.[1] && marker[1][0] === fence[0] && marker[1].length >= fence.length && content.trim() === marker[1]) fence = undefined;
    } else if (marker?.[1] && !(marker[1][0] === '`' && content.slice(marker[0].length).includes('`'))) {
      fence = marker[1];
    } else if (linesInPiece >= PIECE_LINES && /^#{1,6}(?:\s|$)/.test(content) && offset > 0 && text[offset - 2] === '\n') {
      // A heading after a blank line: nothing before it can continue into it.
      pieces.push({ text: text.slice(pieceStart, offset), line: pieceLine, offset: pieceStart });
      pieceStart = offset;
      pieceLine = line;
      linesInPiece = 0;
    }
    linesInPiece += 1;
    offset = next;
  }
  if (pieceStart < text.length || pieces.length === 0) pieces.push({ text: text.slice(pieceStart), line: pieceLine, offset: pieceStart });
  return pieces;
}

function shift(node: RootContent, lines: number, offset: number): void {
  const position = node.position;
  if (position) {
    position.start.line += lines;
    position.end.line += lines;
    if (position.start.offset !== undefined) position.start.offset += offset;
    if (position.end.offset !== undefined) position.end.offset += offset;
  }
  if ('children' in node) for (const child of node.children as RootContent[]) shift(child, lines, offset);
}

function endOf(text: string): { line: number; column: number; offset: number } {
  const lines = text.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1, offset: text.length };
}
