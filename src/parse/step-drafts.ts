// Steps while they are being read: a heading opens a draft, a second Action (or a sub-heading)
// opens the next part, and finishing turns each part into a step with its final id.
import type { Attestation, Diagnostic, Expectation, Position, Step } from '../model/runbook.js';
import type { InlineCode } from './document/blocks.js';
import { firstLine } from './document/phrasing-text.js';
import type { Offer } from './styles/offers.js';

/** Expectations and attestations are named after their step once its id is final. */
export type DraftExpectation = Omit<Expectation, 'id'>;
export type DraftAttestation = Omit<Attestation, 'id'>;

/** A `When:` label as written: decision points read its condition once step ids are final. */
export interface WhenLabel {
  text: string;
  codes: InlineCode[];
  position: Position;
}

/** A step being filled in; a second Action closes it and opens the next part. */
export interface Draft {
  id: string;
  title: string;
  section?: string;
  position: Position;
  parts: Part[];
  /** Set for steps made from list items or table rows, whose ids are given, not numbered. */
  fixedId?: boolean;
  /** The id is a slug of the heading: qualified by its section where the heading repeats. */
  slugId?: boolean;
  /** The heading offers an option of a choice, or a condition. */
  offer?: Offer;
  when?: WhenLabel;
}

export type Part = Omit<Step, 'id' | 'title' | 'section' | 'position' | 'parent' | 'expectations' | 'attestations' | 'branch'> & {
  expectations: DraftExpectation[];
  attestations: DraftAttestation[];
  action?: string;
  actionPosition?: Position;
  fromHeading?: boolean;
  /** The number a sub-heading is written with (`4.1`), which its id keeps. */
  number?: string;
  /** A sub-heading, bold label, list item or `# OR` part that offers an option or a condition. */
  offer?: Offer;
  /** Parts cut from one block at its `# OR` lines share a group; `orRest` is the part after them. */
  orGroup?: number;
  orRest?: number;
  /** The Runme cell (by its `name`) this part is: a named cell is a step of its own for --only. */
  cell?: string;
};

export function emptyPart(): Part {
  return { actions: [], commands: [], expectations: [], attestations: [], captures: [], dependsOn: null, retries: 0, retryDelayMs: 1000, continueOnError: false, env: {}, notes: [] };
}

export function partOf(draft: Draft): Part {
  return draft.parts.at(-1) as Part;
}

/** Starts a new part unless the current one is still empty. */
export function openPart(draft: Draft): Part {
  const part = partOf(draft);
  if (isEmptyPart(part) && part.action === undefined && part.offer === undefined) return part;
  const next = emptyPart();
  draft.parts.push(next);
  return next;
}

export function addNote(draft: Draft, label: string | undefined, text: string, position: Position): void {
  if (!text.trim()) return;
  partOf(draft).notes.push({ ...(label !== undefined && { label }), text: text.trim(), position });
}

/** Where a finished step came from: its draft and its part among the draft's kept parts. */
export interface StepOrigin {
  draft: Draft;
  part: Part;
  /** How many parts of the draft became steps. */
  parts: number;
}

export interface FinishedSteps {
  steps: Step[];
  origins: StepOrigin[];
}

/**
 * Turns drafts into steps: one step per part. A step whose parts are sub-headings keeps its own
 * content as the parent step, listed before its children (`A.2`, then `A.2.1`, `A.2.2`); parts
 * made by a second Action are numbered `A.2.1`, `A.2.2`. A sub-heading's written number is kept.
 */
export function finishDrafts(drafts: Draft[], diagnostics: Diagnostic[]): FinishedSteps {
  qualifyRepeatedSlugs(drafts);
  const steps: Step[] = [];
  const origins: StepOrigin[] = [];
  for (const draft of drafts) {
    mergeOrRests(draft);
    const filled = draft.parts.filter((part) => !isEmptyPart(part) || part.offer !== undefined);
    const parts = filled.length > 0 ? filled : draft.parts.slice(0, 1);
    if (parts.length === 1 && isEmptyPart(parts[0] as Part) && draft.fixedId && draft.offer === undefined) continue;
    const several = parts.length > 1;
    const parentFirst = several && parts[0]?.fromHeading !== true && parts.slice(1).every((part) => part.fromHeading === true);
    let counter = 0;
    const used = new Set<string>();
    parts.forEach((part, index) => {
      const { action, actionPosition, fromHeading, number, cell, offer: _offer, orGroup: _group, orRest: _rest, ...rest } = part;
      // An action with no command is done by hand: the operator confirms it, and the record says so.
      if (action !== undefined && !fromHeading && rest.commands.length === 0 && rest.attestations.length === 0) {
        rest.attestations = [{ kind: 'label', label: 'Action', text: action, position: actionPosition ?? draft.position }];
      }
      const isParent = parentFirst && index === 0;
      let id = draft.id;
      if (several && !isParent) {
        counter += 1;
        id = subStepId(draft.id, number) ?? `${draft.id}.${counter}`;
        while (used.has(id)) id = `${draft.id}.${(counter += 1)}`;
      }
      used.add(id);
      const child = several && !isParent;
      steps.push({
        ...rest,
        id,
        title: child ? firstLine(action ?? '') || (cell !== undefined ? `${draft.title}: ${cell}` : `${draft.title} (${index + 1})`) : draft.title,
        ...(draft.section !== undefined && { section: draft.section }),
        ...(child && { parent: { id: draft.id, title: draft.title } }),
        position: child ? actionPosition ?? draft.position : draft.position,
        actions: action !== undefined ? [action] : [],
        expectations: nameOutcomes(rest.expectations, id, 'e'),
        attestations: nameOutcomes(rest.attestations, id, 'a'),
      });
      origins.push({ draft, part, parts: parts.length });
    });
  }
  reportRepeats(steps, diagnostics);
  return { steps, origins };
}

/** `4.1` under `recover.4` is `recover.4.1`; a number that does not continue the step's own is not used. */
function subStepId(parent: string, number: string | undefined): string | undefined {
  if (number === undefined) return undefined;
  const own = /(?:^|\.)(\d+(?:\.\d+)*)$/.exec(parent)?.[1];
  if (own !== undefined && number.startsWith(`${own}.`)) return `${parent}${number.slice(own.length)}`;
  return undefined;
}

/**
 * A heading that repeats in several sections ("Verify" under Staging and under Production)
 * gives every one of those steps its section's id in front (`staging.verify`), so ids are
 * unique by construction and none moves when another section is added.
 */
function qualifyRepeatedSlugs(drafts: Draft[]): void {
  const sections = new Map<string, Set<string | undefined>>();
  for (const draft of drafts) {
    if (!draft.slugId) continue;
    const seen = sections.get(draft.id) ?? new Set();
    seen.add(draft.section);
    sections.set(draft.id, seen);
  }
  for (const draft of drafts) {
    if (draft.slugId && draft.section !== undefined && (sections.get(draft.id)?.size ?? 0) > 1) draft.id = `${draft.section}.${draft.id}`;
  }
}

/** A step id written twice within one section stays distinct (`A.1-2`); a reader is warned, nothing fails. */
function reportRepeats(steps: Step[], diagnostics: Diagnostic[]): void {
  const seen = new Map<string, Step>();
  steps.forEach((step, index) => {
    const first = seen.get(step.id);
    if (!first) {
      seen.set(step.id, step);
      return;
    }
    let n = 2;
    while (seen.has(`${step.id}-${n}`)) n += 1;
    const id = `${step.id}-${n}`;
    diagnostics.push({
      severity: 'warning',
      ruleId: 'duplicate-step-id',
      message: `Step id \`${step.id}\` is written twice in one section (first at line ${first.position.line}); this one is called \`${id}\``,
      position: step.position,
    });
    const renamed = withStepId(step, id);
    steps[index] = renamed;
    seen.set(id, renamed);
  });
}

/**
 * What follows a block cut at its `# OR` lines belongs to whichever part runs: when it holds no
 * command of its own (the outcome to check, a note), each part gets it.
 */
function mergeOrRests(draft: Draft): void {
  for (const rest of draft.parts.filter((part) => part.orRest !== undefined)) {
    if (rest.commands.length > 0) continue;
    const group = draft.parts.filter((part) => part.orGroup === rest.orRest);
    for (const part of group) {
      part.expectations.push(...rest.expectations.map(({ commandIndex: _index, ...expectation }) => ({ ...expectation })));
      part.notes.push(...rest.notes);
      part.captures.push(...rest.captures);
    }
    rest.expectations = [];
    rest.notes = [];
    rest.captures = [];
  }
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
