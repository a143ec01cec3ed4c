// The placeholders of a command: the parser's list, plus any the text holds that the list lacks
// (hand-built models, older journals), so no `<name>` ever reaches the shell unnoticed.
import type { Command, Placeholder } from '../model/runbook.js';
import { findPlaceholders } from './find-placeholders.js';

export function commandPlaceholders(command: Command): Placeholder[] {
  const listed = command.placeholders ?? [];
  const names = new Set(listed.map((p) => p.name));
  const extra = findPlaceholders(command.text, command.position).filter((p) => !names.has(p.name));
  return extra.length === 0 ? listed : [...listed, ...extra];
}
