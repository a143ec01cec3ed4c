// Steps while they are being read: a heading opens a draft, a second Action (or a sub-heading)
// opens the next part, and finishing turns each part into a step with its final id.
import type { Attestation, Expectation, Position, Step } from '../model/runbook.js';
import { firstLine } from './document/phrasing-text.js';

/** Expectations and attestations are named after their step once its id is final. */
export type DraftExpectation = Omit<Expectation, 'id'>;
export type DraftAttestation = Omit<Attestation, 'id'>;

/** A step being filled in; a second Action closes it and opens the next part. */
export interface Draft {
  id: string;
  title: string;
  section?: string;
  position: Position;
  parts: Part[];
  /** Set for steps made from list items or table rows, whose ids are given, not numbered. */
  fixedId?: boolean;
  /** The heading offers one of several ways ("Option 2: …"). */
  alternative?: boolean;
}

export type Part = Omit<Step, 'id' | 'title' | 'section' | 'position' | 'parent' | 'expectations' | 'attestations'> & {
  expectations: DraftExpectation[];
  attestations: DraftAttestation[];
  action?: string;
  actionPosition?: Position;
  fromHeading?: boolean;
  /** The Runme cell (by its `name`) this part is: a named cell is a step of its own for --only. */
  cell?: string;
};

export function emptyPart(): Part {
  return { actions: [], commands: [], expectations: [], attestations: [], captures: [], dependsOn: null, retries: 0, retryDelayMs: 1000, continueOnError: false, env: {}, notes: [], alternative: false };
}

export function partOf(draft: Draft): Part {
  return draft.parts.at(-1) as Part;
}

export function addNote(draft: Draft, label: string | undefined, text: string, position: Position): void {
  if (!text.trim()) return;
  partOf(draft).notes.push({ ...(label !== undefined && { label }), text: text.trim(), position });
}

/** Turns drafts into steps: one step per part, sub-step ids `A.2.1`, `A.2.2` when a step has several. */
export function finishDrafts(drafts: Draft[]): Step[] {
  const steps: Step[] = [];
  for (const draft of drafts) {
    const filled = draft.parts.filter((part) => !isEmptyPart(part));
    const parts = filled.length > 0 ? filled : draft.parts.slice(0, 1);
    if (parts.length === 1 && isEmptyPart(parts[0] as Part) && draft.fixedId) continue;
    parts.forEach((part, index) => {
      const { action, actionPosition, fromHeading: _fromHeading, cell, ...rest } = part;
      if (draft.alternative) rest.alternative = true;
      // An action with no command is done by hand: the operator confirms it, and the record says so.
      if (action !== undefined && !_fromHeading && rest.commands.length === 0 && rest.attestations.length === 0) {
        rest.attestations = [{ kind: 'label', label: 'Action', text: action, position: actionPosition ?? draft.position }];
      }
      const several = parts.length > 1;
      const id = several ? `${draft.id}.${index + 1}` : draft.id;
      steps.push({
        ...rest,
        id,
        title: several ? firstLine(action ?? '') || (cell !== undefined ? `${draft.title}: ${cell}` : `${draft.title} (${index + 1})`) : draft.title,
        ...(draft.section !== undefined && { section: draft.section }),
        ...(several && { parent: { id: draft.id, title: draft.title } }),
        position: several ? actionPosition ?? draft.position : draft.position,
        actions: action !== undefined ? [action] : [],
        expectations: nameOutcomes(rest.expectations, id, 'e'),
        attestations: nameOutcomes(rest.attestations, id, 'a'),
      });
    });
  }
  return steps;
}

/**
 * Gives a step its id, and its expectations and attestations theirs: `A.2#e1`, `A.2#a1` (the
 * step's id, `#e` or `#a`, the place within the step from 1), so that verdicts, answers and the
 * record join on ids, never on text. Called again when a step is renamed.
 */
export function withStepId(step: Step, id: string): Step {
  return {
    ...step,
    id,
    expectations: step.expectations.map((expectation, index) => ({ ...expectation, id: `${id}#e${index + 1}` })),
    attestations: step.attestations.map((attestation, index) => ({ ...attestation, id: `${id}#a${index + 1}` })),
  };
}

/** Names a finished part's outcomes in place: drafts are the parser's own, and long runbooks have many. */
function nameOutcomes<T extends DraftExpectation | DraftAttestation>(outcomes: T[], id: string, kind: 'e' | 'a'): (T & { id: string })[] {
  const named = outcomes as (T & { id: string })[];
  named.forEach((outcome, index) => {
    outcome.id = `${id}#${kind}${index + 1}`;
  });
  return named;
}

export function isEmptyPart(part: Part): boolean {
  // A sub-heading with nothing under it is only a heading; an Action with nothing else still counts.
  return (part.action === undefined || part.fromHeading === true) && part.commands.length === 0 && part.expectations.length === 0 && part.attestations.length === 0 && part.notes.length === 0 && part.captures.length === 0;
}
