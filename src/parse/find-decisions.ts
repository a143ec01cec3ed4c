// Decision points (SPEC §2 "Choices are not sequences"), found once every step has its final id.
// The recognisers mark what a heading, label, list item or `# OR` line offers (styles/offers.ts);
// here the marked parts are grouped: options of one family in a row under one parent are one
// choice ("Option A" / "Option B", "Staging" / "Production", the pieces of a block between its
// `# OR` lines), and a condition ("If the restore fails", a `When:` label, a Runme cell left out
// of run-all) is a decision of its own, taken or skipped. Each step learns the branch it is on.
import { parseMatcher } from '../expect/parse-matcher.js';
import type { ConditionCheck, Decision, DecisionOption, Position, Section, Step } from '../model/runbook.js';
import { looksLikeCommand } from './make-command.js';
import { slugify } from './slugify.js';
import type { Draft, Part, StepOrigin, WhenLabel } from './step-drafts.js';
import type { Offer } from './styles/offers.js';

export interface DecisionInput {
  steps: Step[];
  origins: StepOrigin[];
  sections: Section[];
  sectionOffers: ReadonlyMap<string, Offer>;
}

/** A section, a step or a sub-step: what an offer marks and an option is made of. */
interface Unit {
  key: string;
  /** The key of the unit it sits in (`doc` for sections). */
  scope: string;
  level: 0 | 1 | 2;
  /** The id its decision ids are qualified with: the section's, or the step's. */
  qualifier: string | undefined;
  title: string;
  position: Position;
  offer: Offer | undefined;
  when: WhenLabel | undefined;
  steps: number[];
}

interface Found {
  decision: Decision;
  level: number;
  /** Step indices of each option, as the decision's options are ordered. */
  members: number[][];
}

export function findDecisions({ steps, origins, sections, sectionOffers }: DecisionInput): Decision[] {
  const units = collectUnits(steps, origins, sections, sectionOffers);
  const byScope = new Map<string, Unit[]>();
  for (const unit of units.values()) {
    const scoped = byScope.get(unit.scope);
    if (scoped) scoped.push(unit);
    else byScope.set(unit.scope, [unit]);
  }
  spreadTroubleshooting(units, byScope, steps);
  const found: Found[] = [];
  for (const scoped of byScope.values()) found.push(...groupScope(scoped, steps));
  nameDecisions(found, units);
  nest(found, steps);
  return found.sort((a, b) => a.decision.position.line - b.decision.position.line || a.level - b.level).map((f) => f.decision);
}

function collectUnits(steps: Step[], origins: StepOrigin[], sections: Section[], sectionOffers: ReadonlyMap<string, Offer>): Map<string, Unit> {
  const units = new Map<string, Unit>();
  const draftIndex = new Map<Draft, number>();
  const sectionById = new Map(sections.map((section) => [section.id, section]));
  const add = (unit: Omit<Unit, 'steps'>, step: number): void => {
    const known = units.get(unit.key);
    if (known) known.steps.push(step);
    else units.set(unit.key, { ...unit, steps: [step] });
  };
  steps.forEach((step, index) => {
    const origin = origins[index] as StepOrigin;
    const { draft, part } = origin;
    if (!draftIndex.has(draft)) draftIndex.set(draft, draftIndex.size);
    const d = draftIndex.get(draft) as number;
    const section = step.section === undefined ? undefined : sectionById.get(step.section);
    // A `When:` in the text right under a section heading makes the whole section conditional.
    const ownDraft = draft.fixedId === true && draft.id === draft.section;
    add({
      key: `sec:${step.section ?? ''}`, scope: 'doc', level: 0, qualifier: undefined, title: section?.title ?? '', position: section?.position ?? step.position,
      offer: section ? sectionOffers.get(section.id) : undefined, when: ownDraft ? draft.when : undefined,
    }, index);
    const single = origin.parts === 1;
    add({
      key: `draft:${d}`, scope: `sec:${step.section ?? ''}`, level: 1, qualifier: step.section, title: draft.title, position: draft.position,
      offer: draft.offer ?? (single ? part.offer ?? excludedOffer(step, part) : undefined), when: ownDraft ? undefined : draft.when,
    }, index);
    if (!single) {
      add({
        key: `part:${d}:${index}`, scope: `draft:${d}`, level: 2, qualifier: step.parent?.id ?? draft.id, title: step.title, position: step.position,
        offer: part.offer ?? excludedOffer(step, part), when: undefined,
      }, index);
    }
  });
  return units;
}

/** Runme's `excludeFromRunAll` on every command of a step: a branch a full run skips unless it is chosen. */
function excludedOffer(step: Step, part: Part): Offer | undefined {
  if (step.commands.length === 0 || !step.commands.every((command) => command.excludeFromRunAll)) return undefined;
  const name = step.commands[0]?.name;
  return { kind: 'excluded', family: 'excluded', title: name ?? step.title, position: part.commands[0]?.position ?? step.position };
}

/** Under "Troubleshooting", each fix applies to its own symptom: its children are conditions, not the whole. */
function spreadTroubleshooting(units: Map<string, Unit>, byScope: Map<string, Unit[]>, steps: Step[]): void {
  for (const unit of units.values()) {
    if (unit.offer?.kind !== 'troubleshooting') continue;
    const children = (byScope.get(unit.key) ?? []).filter((child) => !isReadingOnly(child, steps));
    if (children.length < 2) {
      unit.offer = { ...unit.offer, kind: 'condition' };
      continue;
    }
    unit.offer = undefined;
    for (const child of children) child.offer ??= { kind: 'condition', family: 'condition', title: child.title, position: child.position };
  }
}

/** Steps with nothing to run or confirm: prose is read, not chosen. */
function isReadingOnly(unit: Unit, steps: Step[]): boolean {
  return unit.steps.every((i) => {
    const step = steps[i] as Step;
    return step.commands.length === 0 && step.attestations.length === 0 && step.expectations.length === 0;
  });
}

/** Choices join offers of one family in a row; any other unit ends the row. */
function groupScope(units: Unit[], steps: Step[]): Found[] {
  const found: Found[] = [];
  let row: Unit[] = [];
  const flush = (): void => {
    if (row.length >= 2) found.push(choiceOf(row));
    else if (row.length === 1 && row[0]?.offer?.kind !== 'environment') found.push(conditionOf(row[0] as Unit, steps));
    row = [];
  };
  for (const unit of units) {
    const key = rowKey(unit.offer);
    if (key !== undefined && row.length > 0 && rowKey(row[0]?.offer) === key) {
      row.push(unit);
      continue;
    }
    flush();
    if (key !== undefined) row = [unit];
    else if ((unit.offer !== undefined || unit.when !== undefined) && !isReadingOnly(unit, steps)) found.push(conditionOf(unit, steps));
  }
  flush();
  return found.filter((f) => f.members.some((members) => members.length > 0));
}

function rowKey(offer: Offer | undefined): string | undefined {
  if (offer === undefined) return undefined;
  if (offer.kind === 'alternative' || offer.kind === 'environment' || offer.kind === 'or') return `${offer.kind}:${offer.family}`;
  return undefined;
}

function choiceOf(row: Unit[]): Found {
  const first = row[0] as Unit;
  const used = new Set<string>();
  const options: DecisionOption[] = row.map((unit, index) => {
    let id = (unit.offer?.index ?? '').toLowerCase();
    if (id === '' || used.has(id)) id = String(index + 1);
    used.add(id);
    return { id, title: unit.title, steps: [] };
  });
  const environment = first.offer?.kind === 'environment';
  return {
    level: first.level,
    members: row.map((unit) => unit.steps),
    decision: {
      id: environment ? 'environment' : 'choice',
      title: environment ? 'Environment' : choiceTitle(row),
      kind: 'choice',
      position: first.offer?.position ?? first.position,
      options,
    },
  };
}

/** "Roll back: Option A or Option B", from the words that offer them. */
function choiceTitle(row: Unit[]): string {
  const names = row.map((unit) => unit.offer?.kind === 'or' ? unit.title : (unit.title.split(/\s*[:–—]\s*|\s+-\s+/)[0] ?? unit.title));
  return `One of: ${names.join(' / ')}`.slice(0, 160);
}

function conditionOf(unit: Unit, steps: Step[]): Found {
  const offer = unit.offer;
  const when = unit.when;
  const firstStep = steps[unit.steps[0] as number] as Step;
  const check = when ? qualifyCheck(readCheck(when), steps, firstStep.section) : undefined;
  const stated = offer?.says ?? (offer?.kind === 'later' ? `later: ${unit.title}` : offer?.kind === 'excluded' ? 'excluded from run-all (Runme)' : unit.title);
  return {
    level: unit.level,
    members: [unit.steps, []],
    decision: {
      id: 'condition',
      title: unit.title || firstStep.title,
      kind: 'condition',
      position: when?.position ?? offer?.position ?? unit.position,
      options: [
        { id: 'take', title: unit.title || firstStep.title, steps: [] },
        { id: 'skip', title: 'skip', steps: [] },
      ],
      when: when?.text || stated,
      ...(check !== undefined && { check }),
      ...(offer?.kind === 'excluded' && { default: 'skip' }),
    },
  };
}

/** "When: `2 exit nonzero`" inside section `restore` names step `restore.2`, as the reader numbers it. */
function qualifyCheck(check: ConditionCheck | undefined, steps: readonly Step[], section: string | undefined): ConditionCheck | undefined {
  if (check?.kind !== 'matcher' || section === undefined || steps.some((s) => s.id === check.step)) return check;
  const qualified = `${section}.${check.step}`;
  return steps.some((s) => s.id === qualified) ? { ...check, step: qualified } : check;
}

/**
 * A `When:` that can be checked: `A.2 exit nonzero` (a matcher on an earlier step's result,
 * also written A.2: `exit nonzero`) or a command whose exit decides (`test -f /tmp/x`).
 */
export function readCheck(when: WhenLabel): ConditionCheck | undefined {
  for (const code of when.codes) {
    const split = /^(\S+)\s+(.+)$/.exec(code.value.trim());
    const parsed = split?.[2] ? parseMatcher(split[2]) : undefined;
    if (split?.[1] && parsed?.kind === 'matcher') return { kind: 'matcher', step: split[1].replace(/:$/, ''), matcher: parsed.matcher, source: split[2] as string };
  }
  const [first] = when.codes;
  if (first !== undefined) {
    const before = /^(?:step\s+)?([\w.-]+?):?\s*`/i.exec(when.text)?.[1];
    const parsed = parseMatcher(first.value);
    if (before !== undefined && parsed.kind === 'matcher') return { kind: 'matcher', step: before, matcher: parsed.matcher, source: first.value };
    if (when.codes.length === 1 && when.text.trim() === `\`${first.value}\`` && parsed.kind === 'prose' && looksLikeCommand(first.value)) {
      return { kind: 'command', command: first.value, position: first.position };
    }
  }
  return undefined;
}

/** Ids from what the reader sees: the heading's slug, or the section's id and `choice`; qualified where they would repeat. */
function nameDecisions(found: Found[], units: Map<string, Unit>): void {
  const unitOf = (f: Found): Unit | undefined => [...units.values()].find((u) => u.steps === f.members[0]);
  const wanted = found.map((f) => {
    const unit = unitOf(f);
    const qualifier = unit?.qualifier;
    if (f.decision.kind === 'choice') return { plain: qualifier ? `${qualifier}.${f.decision.id}` : f.decision.id, qualified: qualifier ? `${qualifier}.${f.decision.id}` : f.decision.id };
    const slug = slugify(f.decision.title) || 'condition';
    return { plain: slug, qualified: qualifier ? `${qualifier}.${slug}` : slug };
  });
  const count = new Map<string, number>();
  for (const w of wanted) count.set(w.plain, (count.get(w.plain) ?? 0) + 1);
  const taken = new Set<string>();
  found.forEach((f, index) => {
    const w = wanted[index] as { plain: string; qualified: string };
    const base = (count.get(w.plain) ?? 0) > 1 ? w.qualified : w.plain;
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
    taken.add(id);
    f.decision.id = id;
  });
}

/** Options list their steps' ids; a decision inside another's branch says which; each step its innermost branch. */
function nest(found: Found[], steps: Step[]): void {
  for (const f of found) {
    f.decision.options.forEach((option, index) => {
      option.steps = (f.members[index] ?? []).map((i) => (steps[i] as Step).id);
    });
  }
  const deepestFirst = [...found].sort((a, b) => b.level - a.level);
  steps.forEach((step, index) => {
    const owner = deepestFirst.find((f) => f.members.some((members) => members.includes(index)));
    if (!owner) return;
    const option = owner.decision.options[owner.members.findIndex((members) => members.includes(index))] as DecisionOption;
    steps[index] = { ...step, branch: { decision: owner.decision.id, option: option.id } };
  });
  for (const f of found) {
    const first = f.members.find((members) => members.length > 0)?.[0];
    if (first === undefined) continue;
    const outer = deepestFirst.find((g) => g !== f && g.level < f.level && g.members.some((members) => members.includes(first)));
    if (!outer) continue;
    const option = outer.decision.options[outer.members.findIndex((members) => members.includes(first))] as DecisionOption;
    f.decision.within = { decision: outer.decision.id, option: option.id };
  }
}
