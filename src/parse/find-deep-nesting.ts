// How deep lists and block quotes nest, found before the Markdown parser sees the text.
//
// mdast-util-from-markdown prepares each list by walking every event inside it, nested lists
// included, so a list nested n deep costs n times its size (syntax-tree/mdast-util-from-markdown
// #49 and #51 made wide lists linear; depth stays as it is): a 1,000-deep list of 1 MB took
// minutes, and quotes nested a few thousand deep overflow the stack. No runbook needs that depth,
// so beyond MAX_NESTING the text is refused as bad input before it is parsed.
//
// The count follows CommonMark's containers closely enough to never count less than remark
// nests: a list item stays open while lines are indented to its content, a `>` or a list marker
// opens one more level, fenced code and thematic breaks open none.
import type { Position } from '../model/runbook.js';

export const MAX_NESTING = 32;

const marker = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
const thematicBreak = /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const fenceOpen = /^(`{3,}|~{3,})/;

/** The first place where lists and quotes nest deeper than `max`, or undefined. */
export function findDeepNesting(text: string, max = MAX_NESTING): Position | undefined {
  // Content columns of the open list items, innermost last.
  const items: number[] = [];
  let fence: { marker: string; depth: number } | undefined;
  let line = 0;
  for (let offset = 0; offset <= text.length; line += 1) {
    const end = text.indexOf('\n', offset);
    const content = text.slice(offset, end === -1 ? text.length : end);
    offset = end === -1 ? text.length + 1 : end + 1;
    if (content.trim() === '') continue;
    // Quote markers come again on every line they continue, so they are counted on each.
    let at = skipSpace(content, { index: 0, column: 0 });
    // Where the innermost container's content starts: four columns past it is indented code.
    let base = 0;
    let quotes = 0;
    while (content[at.index] === '>' && at.column - base < 4) {
      quotes += 1;
      if (quotes + items.length > max) return { line: line + 1, column: at.index + 1 };
      base = at.column + 1;
      at = skipSpace(content, { index: at.index + 1, column: base });
    }
    // An item stays open while its lines are indented to its content.
    while (items.length > 0 && (items.at(-1) as number) > at.column) items.pop();
    if (fence) {
      const rest = content.slice(at.index).trim();
      if (items.length < fence.depth || (rest.startsWith(fence.marker) && /^(`+|~+)$/.test(rest))) fence = undefined;
      continue;
    }
    let depth = quotes + items.length;
    base = Math.max(base, items.at(-1) ?? 0);
    while (at.column - base < 4) {
      const rest = content.slice(at.index);
      const width = rest.startsWith('>') ? 1 : thematicBreak.test(rest.trimEnd()) ? 0 : (marker.exec(rest)?.[0].length ?? 0);
      if (width === 0) {
        const open = fenceOpen.exec(rest);
        if (open?.[1]) fence = { marker: open[1], depth: items.length };
        break;
      }
      const start = at;
      at = skipSpace(content, { index: at.index + width, column: at.column + width });
      base = start.column + width;
      if (!rest.startsWith('>')) {
        // One to four spaces after the marker set the content column; more is code inside it.
        const gap = at.column - base;
        base = at.index >= content.length || gap > 4 ? base + 1 : at.column;
        items.push(base);
      }
      depth += 1;
      if (depth > max) return { line: line + 1, column: start.index + 1 };
    }
  }
  return undefined;
}

interface Cursor {
  index: number;
  column: number;
}

/** Past spaces and tabs (a tab to the next stop of 4), as CommonMark counts columns. */
function skipSpace(content: string, from: Cursor): Cursor {
  let { index, column } = from;
  for (; content[index] === ' ' || content[index] === '\t'; index += 1) column = content[index] === '\t' ? column + 4 - (column % 4) : column + 1;
  return { index, column };
}
