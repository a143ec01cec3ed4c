// Placeholders in text that no shell reads (an `Env:` value): each is replaced by its value as
// is, since there is no shell syntax to protect. Unknown names are left as written.
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
