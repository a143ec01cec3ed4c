// Commands and matchers as the recognisers make them from fences and inline code.
import { parseMatcher } from '../expect/parse-matcher.js';
import type { Command, LocatedMatcher, Position } from '../model/runbook.js';
import type { InlineCode } from './document/blocks.js';
import type { StepReader } from './step-reader.js';
import { commandAttributes } from './styles/runme-attributes.js';

export interface CommandOrigin {
  source: Command['source'];
  lang?: string;
  attributes?: Record<string, string>;
  /** For a fence: the line of its first content line, so later lines keep their own columns. */
  firstLineOfBlock?: number;
}

/** A command as a recogniser reads it; its placeholders are found once the whole runbook is read (parse-runbook.ts). */
export function makeCommand(_reader: StepReader, text: string, position: Position, origin: CommandOrigin): Command {
  const attributes = commandAttributes(origin.attributes ?? {});
  return {
    text,
    position,
    source: origin.source,
    ...(origin.lang !== undefined && { lang: origin.lang }),
    ...(attributes.name !== undefined && { name: attributes.name }),
    excludeFromRunAll: attributes.excludeFromRunAll,
    placeholders: [],
  };
}

/**
 * Where each offset of a command's text is in the file. An inline command starts at its position.
 * A fence's or transcript's position is that of its first non-blank line's first character, and
 * each line keeps the column it has in the file: fences inside list items are indented, a
 * transcript's lines start after `$ ` or `> `, and those prefixes are not in the text.
 */
export function commandPositionOf(command: Pick<Command, 'text' | 'position' | 'source'>, fileLines: readonly string[]): (offset: number) => Position {
  const textLines = command.text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const line of textLines) {
    starts.push(at);
    at += line.length + 1;
  }
  const first = command.source === 'inline' ? 0 : Math.max(0, textLines.findIndex((line) => line.trim() !== ''));
  const baseLine = command.position.line - first;
  const columnOf = (index: number): number => {
    const textLine = textLines[index] ?? '';
    if (index === first) return command.position.column - (command.source === 'inline' ? 0 : textLine.length - textLine.trimStart().length);
    const fileLine = fileLines[baseLine + index - 1] ?? '';
    if (fileLine.endsWith(textLine)) return fileLine.length - textLine.length + 1;
    const found = fileLine.indexOf(textLine.trimStart());
    return found === -1 ? 1 : found + 1 - (textLine.length - textLine.trimStart().length);
  };
  return (offset) => {
    let index = starts.length - 1;
    while (index > 0 && (starts[index] as number) > offset) index--;
    return { line: baseLine + index, column: Math.max(1, columnOf(index) + offset - (starts[index] as number)) };
  };
}

export function inlineCommand(reader: StepReader, code: InlineCode): Command {
  return makeCommand(reader, code.value, code.position, { source: 'inline' });
}

/** The matcher an inline code holds (`exit 0`), none for prose; a malformed one is reported. */
export function matcherOf(reader: StepReader, code: InlineCode): LocatedMatcher[] {
  const parsed = parseMatcher(code.value);
  if (parsed.kind === 'matcher') return [{ matcher: parsed.matcher, source: code.value, position: code.position }];
  if (parsed.kind === 'invalid') {
    reader.report({ severity: 'error', ruleId: 'unknown-matcher', message: `Unknown matcher \`${code.value}\`: ${parsed.reason}`, position: code.position });
  }
  return [];
}

/** Inline code that reads as a shell command (`kubectl get pods`), not a value (`v1.2.0`). */
export function looksLikeCommand(code: string): boolean {
  return /^\s*(?:sudo\s+)?[\w./~-]+(?:\s+\S+)+/.test(code) && !/^[A-Z_]+=\S*$/.test(code.trim());
}

/** Inline code that is a command rather than a matcher. */
export function isInlineCommand(code: InlineCode): boolean {
  return parseMatcher(code.value).kind === 'prose' && looksLikeCommand(code.value);
}
