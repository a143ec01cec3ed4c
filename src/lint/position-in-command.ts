// The file position of an offset in a command's text. A command's position is where its first
// written line starts (an inline code's text, a fence's first non-blank line); a fence inside a
// list item is indented in the file but not in its text, so later lines get that indent back.
import type { Command, Position } from '../model/runbook.js';

/** For a node a hand-built or stripped model left without a position. */
export const FILE_START: Position = { line: 1, column: 1 };

export function positionInCommand(command: Command, offset: number): Position {
  const start = command.position ?? FILE_START;
  const lines = command.text.split('\n');
  const first = Math.max(0, lines.findIndex((line) => line.trim() !== ''));
  const indent = Math.max(0, start.column - 1 - leadingBlanks(lines[first] ?? ''));
  const before = command.text.slice(0, Math.max(0, offset)).split('\n');
  const line = before.length - 1;
  return { line: Math.max(1, start.line + line - first), column: indent + (before.at(-1)?.length ?? 0) + 1 };
}

function leadingBlanks(line: string): number {
  return line.length - line.trimStart().length;
}
