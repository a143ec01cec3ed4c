// Placeholders in text that no shell reads (an `Env:` value, expected output, a matcher's text):
// each `<name>` whose name has a value is replaced by the value as it is, since there is no shell
// syntax to protect. Unknown names are left as written; values are looked up as own properties.
import { literalText } from '../expect/compare-console.js';
import type { Expectation } from '../model/runbook.js';
import { locatePlaceholders } from '../shell/locate-placeholders.js';

function spansOf(text: string, declared: Iterable<string>) {
  return locatePlaceholders(text, { kind: 'text', declared }).filter((span) => span.form !== 'invalid');
}

export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>, escape: (value: string) => string = (value) => value): string {
  let filled = '';
  let cursor = 0;
  for (const span of spansOf(text, Object.keys(values))) {
    if (!Object.hasOwn(values, span.name)) continue;
    filled += text.slice(cursor, span.start) + escape(values[span.name] as string);
    cursor = span.end;
  }
  return filled + text.slice(cursor);
}

/** Names of the placeholders in a text (`declared` names count whatever they hold). */
export function textPlaceholderNames(text: string, declared: Iterable<string> = []): string[] {
  return spansOf(text, declared).map((span) => span.name);
}

/** Names of the placeholders in the values of an env record. */
export function envPlaceholderNames(env: Readonly<Record<string, string>>, declared: Iterable<string> = []): string[] {
  return Object.values(env).flatMap((value) => textPlaceholderNames(value, declared));
}

/** Names of the placeholders an expectation is filled with: its transcript lines and `contains` texts. */
export function expectationPlaceholderNames(expectation: Expectation, declared: Iterable<string> = []): string[] {
  const texts = [...expectation.matchers.flatMap((located) => (located.matcher.kind === 'contains' ? [located.matcher.text] : [])), ...(expectation.expectedOutput ?? [])];
  return texts.flatMap((text) => textPlaceholderNames(text, declared));
}

/**
 * An expected outcome as it is checked: `<node>` in a transcript line or in the text of a
 * `contains` matcher means the value the command ran with; in a transcript it is literal, so a
 * value `...` is three dots, not the transcript's wildcard.
 */
export function fillExpectation(expectation: Expectation, values: Readonly<Record<string, string>>): Expectation {
  return {
    ...expectation,
    matchers: expectation.matchers.map((located) => (located.matcher.kind === 'contains' ? { ...located, matcher: { ...located.matcher, text: fillPlaceholders(located.matcher.text, values) } } : located)),
    ...(expectation.expectedOutput && { expectedOutput: expectation.expectedOutput.map((line) => fillPlaceholders(line, values, literalText)) }),
  };
}
