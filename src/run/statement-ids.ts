// Ids for what a step states: its expectations `A.2#e1` and attestations `A.2#a1` (the step's id,
// `#e` or `#a`, the 1-based index within the step). The answers file, the events and the record
// join on these, never on the text, which masking and repeats make ambiguous. The parser gives
// each expectation and attestation its id where it is born; these read it.
import type { Expectation, Step } from '../model/runbook.js';
import { isCheckedPrecondition } from './precondition-label.js';

/** Whether a matcher or a transcript judges the outcome; otherwise a person must (SPEC §2). */
export function isCheckable(expectation: Pick<Expectation, 'matchers' | 'expectedOutput'>): boolean {
  return expectation.matchers.length > 0 || (expectation.expectedOutput?.length ?? 0) > 0;
}

/** Something a person must confirm: an attestation, or an outcome nothing can check. */
export interface Statement {
  id: string;
  stepId: string;
  kind: 'attestation' | 'outcome';
  text: string;
}

/**
 * What a step will ask a person: its attestations (a `Precondition:` with a command is checked
 * instead) and its prose outcomes; every outcome of a step that runs no command.
 */
export function statementsOf(step: Step, runsCommands: boolean): Statement[] {
  const attestations = step.attestations
    .filter((a) => !isCheckedPrecondition(a))
    .map((a) => ({ id: a.id, stepId: step.id, kind: 'attestation' as const, text: `${a.label ? `${a.label}: ` : ''}${a.text}` }));
  const outcomes = step.expectations
    .filter((e) => !runsCommands || !isCheckable(e))
    .map((e) => ({ id: e.id, stepId: step.id, kind: 'outcome' as const, text: e.text }));
  return [...attestations, ...outcomes];
}

/** Every id a step's expectations and attestations have, for telling an unknown id from one that needs no answer. */
export function allStatementIds(step: Step): string[] {
  return [...step.expectations.map((e) => e.id), ...step.attestations.map((a) => a.id)];
}
