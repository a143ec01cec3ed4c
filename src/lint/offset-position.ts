// Where a character of a command's text is in the file: for diagnostics inside a command.
import type { Position } from '../model/runbook.js';

/** The position of `index` within `text` that starts at `start` (later lines start at column 1). */
export function offsetPosition(text: string, index: number, start: Position): Position {
  const before = text.slice(0, index).split('\n');
  return before.length === 1 ? { line: start.line, column: start.column + index } : { line: start.line + before.length - 1, column: (before.at(-1)?.length ?? 0) + 1 };
}
