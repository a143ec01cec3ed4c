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

/**
 * Cuts at ATX headings (`#`…`######` at the start of a line) where nothing before can go on into
 * them: outside fenced code and raw HTML, after a blank line or after a heading that no HTML block
 * may hold. Raw HTML that only its closing marker ends (`<!--` … `-->`, `<pre>` … `</pre>`) keeps
 * everything up to that marker in one piece, blank lines and headings included: a step commented
 * out must stay a comment. Where a line might be read two ways, no cut is made: every opener of
 * raw HTML counts, wherever it stands, and a fence marker inside what may be HTML leaves the fences
 * unknown, so the rest of the text is one piece.
 */
function cutBeforeHeadings(text: string, from: { line: number; offset: number }): Piece[] {
  const pieces: Piece[] = [];
  let fence: string | undefined;
  let fencesKnown = true;
  /** The end markers of raw HTML that may be open. */
  const rawHtml = new Set<RegExp>();
  let pieceStart = from.offset;
  let pieceLine = from.line;
  let line = from.line;
  let linesInPiece = 0;
  // What the line before says: a blank line ends every block but raw HTML; a heading on its own
  // line ends its block too, unless an HTML block (which a blank line ends) may hold it.
  let previous: 'blank' | 'heading' | 'other' = 'blank';
  /** A line since the last blank one starts with `<`: an HTML block may hold what follows. */
  let htmlBlock = false;
  for (let offset = from.offset; offset < text.length; line += 1) {
    const end = text.indexOf('\n', offset);
    const next = end === -1 ? text.length : end + 1;
    const content = text.slice(offset, end === -1 ? text.length : end);
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(content);
    const heading = /^#{1,6}(?:\s|$)/.test(content);
    const held = fence !== undefined || rawHtml.size > 0 || !fencesKnown;
    if (!held && heading && linesInPiece >= PIECE_LINES && offset > 0 && (previous === 'blank' || (previous === 'heading' && !htmlBlock))) {
      pieces.push({ text: text.slice(pieceStart, offset), line: pieceLine, offset: pieceStart });
      pieceStart = offset;
      pieceLine = line;
      linesInPiece = 0;
    }
    if (marker?.[1]) {
      if (rawHtml.size > 0 || htmlBlock) fencesKnown = false;
      else if (fence === undefined) {
        if (!(marker[1][0] === '`' && content.slice(marker[0].length).includes('`'))) fence = marker[1];
      } else if (marker[1][0] === fence[0] && marker[1].length >= fence.length && content.trim() === marker[1]) fence = undefined;
    }
    for (const endMarker of rawHtml) if (endMarker.test(content)) rawHtml.delete(endMarker);
    const opened = rawHtmlOpenedBy(content);
    if (opened) rawHtml.add(opened);
    const blank = content.trim() === '';
    if (blank) htmlBlock = false;
    else if (/^ {0,3}</.test(content)) htmlBlock = true;
    previous = held ? 'other' : blank ? 'blank' : heading ? 'heading' : 'other';
    linesInPiece += 1;
    offset = next;
  }
  if (pieceStart < text.length || pieces.length === 0) pieces.push({ text: text.slice(pieceStart), line: pieceLine, offset: pieceStart });
  return pieces;
}

// CommonMark's HTML blocks 1–5, which end at a marker rather than at a blank line, each with its
// end, where they open at the top level (up to three spaces in). One opened inside a quote or a
// list item ends with its container, at the first line that starts at the margin: the only lines
// where a cut is made or a fence is seen.
const RAW_HTML: readonly [open: RegExp, end: RegExp][] = [
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
];

/** The end marker of the raw HTML this line opens and leaves open, if it does. */
function rawHtmlOpenedBy(content: string): RegExp | undefined {
  for (const [open, endMarker] of RAW_HTML) {
    const opened = open.exec(content);
    if (opened) return endMarker.test(content.slice(opened[0].length)) ? undefined : endMarker;
  }
  return undefined;
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
