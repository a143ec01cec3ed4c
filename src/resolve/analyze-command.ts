// A command's placeholders and shell structure, from the one finder (src/shell/locate-placeholders)
// and the real parse (src/shell/analyze-shell): read once when the runbook is parsed, kept for
// every later rendering of the same command. A command whose text needs the grammar needs the
// parser loaded first (`await loadShellParser()` at the command layer, see src/cli/load-runbook).
import type { Command, Placeholder, Position } from '../model/runbook.js';
import { analyzeShell } from '../shell/analyze-shell.js';
import { locatePlaceholders, type PlaceholderSpan } from '../shell/locate-placeholders.js';
import type { PlaceholderOccurrence, ShellAnalysis, ShellScript } from '../shell/shell-schema.js';

export interface CommandReading {
  /** Values the command needs, in order; none from comments. */
  placeholders: Placeholder[];
  /** The parse, or null when bash cannot parse the command. */
  script: ShellScript | null;
  problems: { ruleId: 'shell-syntax' | 'invalid-placeholder'; message: string; position: Position }[];
}

/** Analyses by command text and spans: a runbook repeats commands, and each is rendered more than once. */
const analyses = new Map<string, ShellAnalysis>();
const MAX_CACHED = 10_000;

function keyOf(text: string, spans: readonly PlaceholderSpan[]): string {
  return `${spans.map((span) => `${span.start}:${span.end}:${span.form}:${span.name}`).join(',')}\n${text}`;
}

function remember(key: string, analysis: ShellAnalysis): ShellAnalysis {
  if (analyses.size >= MAX_CACHED) analyses.clear();
  analyses.set(key, analysis);
  return analysis;
}

/** `analyzeShell`, from the cache when the same text and placeholders were read before (the gates read each command again). */
export function analyzeCached(text: string, spans: readonly PlaceholderSpan[]): ShellAnalysis {
  const key = keyOf(text, spans);
  return analyses.get(key) ?? remember(key, analyzeShell(text, spans));
}

/**
 * Reads a command as written: its placeholders (`declared` names count in `<…>` whatever they
 * hold), whether bash can parse it, and where a `<…>` that is no placeholder would be read as
 * redirections. `positionOf` maps an offset in the text to its place in the file.
 */
export function readCommand(text: string, declared: Iterable<string>, positionOf: (offset: number) => Position): CommandReading {
  const spans = locatePlaceholders(text, { declared });
  const analysis = analyzeCached(text, spans);
  if (!analysis.ok) {
    return { placeholders: [], script: null, problems: [{ ruleId: 'shell-syntax', message: analysis.error.message, position: positionOf(analysis.error.offset) }] };
  }
  const problems: CommandReading['problems'] = [];
  const needed: PlaceholderOccurrence[] = [];
  for (const place of analysis.placeholders) {
    if (place.context.quoting === 'comment') continue;
    if (place.form !== 'invalid') needed.push(place);
    else if (place.context.quoting === 'unquoted') {
      problems.push({
        ruleId: 'invalid-placeholder',
        message: `\`${place.raw}\` looks like a placeholder but is not one (a name starts with a letter and holds letters, digits, -, _, . and single spaces); bash would read it as redirections. Declare \`${place.name}\` in the frontmatter params, write a valid name, or quote it`,
        position: positionOf(place.start),
      });
    }
  }
  const kept = needed.map(({ name, raw, start, end, form }): PlaceholderSpan => ({ name, raw, start, end, form }));
  // Leaving out comments changes nothing of the parse (leaving out a `<…>` that is no placeholder
  // may): the analysis of what is kept is this one.
  if (!analysis.placeholders.some((place) => place.form === 'invalid')) {
    remember(keyOf(text, kept), { ...analysis, placeholders: needed });
  }
  const placeholders = needed.map((place): Placeholder => ({ name: place.name, raw: place.raw, position: positionOf(place.start), form: place.form === 'invalid' ? 'angle' : place.form, offset: place.start }));
  return { placeholders, script: withoutMasked(analysis.script, analysis.placeholders), problems };
}

/** The parse saw each placeholder as a plain word: `$<x>` is no variable of the command's own. */
function withoutMasked(script: ShellScript, places: readonly PlaceholderOccurrence[]): ShellScript {
  const masked = (span: { start: number; end: number }): boolean => places.some((place) => place.start < span.end && span.start < place.end);
  const expansions = script.expansions.filter((expansion) => !masked(expansion));
  return expansions.length === script.expansions.length ? script : { ...script, expansions };
}

/** The spans to render: every placeholder but shell variables, which the shell expands itself. */
export function renderedSpans(command: Command): PlaceholderSpan[] {
  const spans: PlaceholderSpan[] = [];
  for (const placeholder of command.placeholders) {
    const form = placeholder.form ?? 'angle';
    if (form === 'variable') continue;
    for (const start of offsetsOf(command.text, placeholder)) spans.push({ name: placeholder.name, raw: placeholder.raw, start, end: start + placeholder.raw.length, form });
  }
  return spans.sort((a, b) => a.start - b.start).filter((span, index, all) => index === 0 || span.start >= (all[index - 1] as PlaceholderSpan).end);
}

/** Where a placeholder is: its offset, or for a model made by hand every place its raw text is. */
function offsetsOf(text: string, placeholder: Placeholder): number[] {
  if (placeholder.offset !== undefined && text.startsWith(placeholder.raw, placeholder.offset)) return [placeholder.offset];
  const found: number[] = [];
  for (let at = text.indexOf(placeholder.raw); at !== -1 && placeholder.raw !== ''; at = text.indexOf(placeholder.raw, at + placeholder.raw.length)) found.push(at);
  return found;
}

/** The command's analysis for rendering its values, from the cache when it was read before. */
export function analyzeCommand(command: Command): ShellAnalysis {
  return analyzeCached(command.text, renderedSpans(command));
}
