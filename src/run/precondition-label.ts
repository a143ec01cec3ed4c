// A step's `Precondition:` as a check: the first inline code that is not a matcher is the
// command, the matchers after it say what it must print (`says`). A precondition without a
// command is a statement for a person, like any other attestation.
import { parseMatcher } from '../expect/parse-matcher.js';
import type { Attestation, Matcher } from '../model/runbook.js';
import { preconditionLabels } from '../parse/vocabulary.js';

export interface PreconditionCheck {
  command: string;
  /** Each matcher as written, with what it parsed to. */
  says: { source: string; matcher: Matcher }[];
  /** Inline code that starts like a matcher and is not one: the runbook is wrong. */
  invalid: { source: string; reason: string }[];
}

// The parser writes inline code back with single backticks (src/parse/phrasing-text.ts).
const inlineCode = /`([^`]+)`/g;

export function readPreconditionLabel(attestation: Pick<Attestation, 'label' | 'text'>): PreconditionCheck | undefined {
  if (!preconditionLabels.includes((attestation.label ?? '').trim().toLowerCase())) return undefined;
  let command: string | undefined;
  const says: PreconditionCheck['says'] = [];
  const invalid: PreconditionCheck['invalid'] = [];
  for (const [, code = ''] of attestation.text.matchAll(inlineCode)) {
    const parsed = parseMatcher(code);
    if (parsed.kind === 'matcher') says.push({ source: code, matcher: parsed.matcher });
    else if (parsed.kind === 'invalid') invalid.push({ source: code, reason: parsed.reason });
    else if (command === undefined && code.trim() !== '') command = code.trim();
  }
  return command === undefined ? undefined : { command, says, invalid };
}

/** Whether an attestation is a precondition run as a check, which nobody is asked to confirm. */
export function isCheckedPrecondition(attestation: Pick<Attestation, 'label' | 'text'>): boolean {
  return readPreconditionLabel(attestation) !== undefined;
}
