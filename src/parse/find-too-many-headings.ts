// How many headings a text holds, counted before the Markdown parser sees it. remark reads a few
// hundred kilobytes a second on a small machine, and every heading is a step or a section the
// engine plans: 100,000 headings took 14 s and 700 MB. No runbook needs more than MAX_HEADINGS
// (room for 10,000 steps in sections of fifty), so beyond it the text is refused as bad input
// before it is parsed, as too deep nesting is.
//
// The count never counts less than remark finds: every line that opens an ATX heading (`#` to
// `######`) or underlines a setext one (`===`, `---` under text) outside fenced code counts.
import type { Position } from '../model/runbook.js';

export const MAX_HEADINGS = 12_000;

const atx = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const underline = /^ {0,3}(?:=+|-+)[ \t]*$/;
const fence = /^ {0,3}(`{3,}|~{3,})/;

/** The place of the first heading past `max`, or undefined. */
export function findTooManyHeadings(text: string, max = MAX_HEADINGS): Position | undefined {
  let count = 0;
  let open: string | undefined;
  let previousBlank = true;
  let line = 0;
  for (let offset = 0; offset <= text.length; line += 1) {
    const end = text.indexOf('\n', offset);
    const content = text.slice(offset, end === -1 ? text.length : end);
    offset = end === -1 ? text.length + 1 : end + 1;
    const marker = fence.exec(content)?.[1];
    if (open !== undefined) {
      if (marker !== undefined && marker[0] === open[0] && marker.length >= open.length && content.trim() === marker) open = undefined;
      continue;
    }
    if (marker !== undefined) {
      open = marker;
      previousBlank = false;
      continue;
    }
    const blank = content.trim() === '';
    if (atx.test(content) || (!previousBlank && underline.test(content))) {
      count += 1;
      if (count > max) return { line: line + 1, column: 1 };
    }
    previousBlank = blank;
  }
  return undefined;
}
