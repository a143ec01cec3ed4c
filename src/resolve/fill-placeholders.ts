// Placeholders in text that no shell reads (an `Env:` value): each is replaced by its value as
// is, since there is no shell syntax to protect. Unknown names are left as written.
import type { Expectation } from '../model/runbook.js';
import { findPlaceholders } from './find-placeholders.js';

export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  let filled = text;
  for (const placeholder of findPlaceholders(text)) {
    const value = values[placeholder.name];
    if (value !== undefined) filled = filled.split(placeholder.raw).join(value);
  }
  return filled;
}

/** Names of the placeholders in the values of an env record. */
export function envPlaceholderNames(env: Readonly<Record<string, string>>): string[] {
  return Object.values(env).flatMap((value) => findPlaceholders(value).map((p) => p.name));
}

/**
 * An expected outcome as it is checked: `<node>` in a transcript line or in the text of a
 * `contains` matcher means the value the command ran with.
 */
export function fillExpectation(expectation: Expectation, values: Readonly<Record<string, string>>): Expectation {
  return {
    ...expectation,
    matchers: expectation.matchers.map((located) => (located.matcher.kind === 'contains' ? { ...located, matcher: { ...located.matcher, text: fillPlaceholders(located.matcher.text, values) } } : located)),
    ...(expectation.expectedOutput && { expectedOutput: expectation.expectedOutput.map((line) => fillPlaceholders(line, values)) }),
  };
}
