// Commands and matchers as the recognisers make them from fences and inline code.
import { parseMatcher } from '../expect/parse-matcher.js';
import type { Command, LocatedMatcher, Position } from '../model/runbook.js';
import { findPlaceholders } from '../resolve/find-placeholders.js';
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

export function makeCommand(reader: StepReader, text: string, position: Position, origin: CommandOrigin): Command {
  const lines = reader.source.lines;
  const placeholders = findPlaceholders(text, position).map((p) => {
    if (origin.firstLineOfBlock === undefined) return p;
    // Lines of a fence after the first keep the column they have in the file.
    const line = p.position.line;
    const column = (lines[line - 1] ?? '').indexOf(p.raw) + 1;
    return column > 0 ? { ...p, position: { line, column } } : p;
  });
  const attributes = commandAttributes(origin.attributes ?? {});
  return {
    text,
    position,
    source: origin.source,
    ...(origin.lang !== undefined && { lang: origin.lang }),
    ...(attributes.name !== undefined && { name: attributes.name }),
    excludeFromRunAll: attributes.excludeFromRunAll,
    placeholders,
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
