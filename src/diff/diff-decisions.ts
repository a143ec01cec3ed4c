// Decision points of two runbook versions → the branches a reviewer must look at: decision points
// added or removed, and per decision point the options added, removed, retitled or given other
// steps, and a changed kind or condition. Old step ids are read under their new names, so a
// renumbering alone changes no branch. Pure.
import type { Decision, Runbook } from '../model/runbook.js';

export interface DecisionChange {
  id: string;
  title: string;
  change: 'added' | 'removed' | 'changed';
  /** One line each, as a reader would say it: `option added: b "Option B" → B.2`. */
  details: string[];
}

export function diffDecisions(before: Runbook | null, after: Runbook | null, oldToNew: ReadonlyMap<string, string>): DecisionChange[] {
  const was = before?.decisions ?? [];
  const now = after?.decisions ?? [];
  const partner = matchDecisions(was, now);
  const changes: DecisionChange[] = [];
  for (const decision of now) {
    const old = partner.get(decision);
    if (old === undefined) {
      changes.push({ id: decision.id, title: decision.title, change: 'added', details: decision.options.map((o) => `option added: ${describe(o.id, o.title, o.steps)}`) });
      continue;
    }
    const details = compare(old, decision, oldToNew);
    if (details.length > 0) changes.push({ id: decision.id, title: decision.title, change: 'changed', details });
  }
  const kept = new Set(partner.values());
  for (const decision of was) if (!kept.has(decision)) changes.push({ id: decision.id, title: decision.title, change: 'removed', details: [] });
  return changes;
}

/** New decision → old one: by id, then by title (a decision point renamed by its section's new id). */
function matchDecisions(was: readonly Decision[], now: readonly Decision[]): Map<Decision, Decision> {
  const partner = new Map<Decision, Decision>();
  const free = new Set(was);
  for (const key of [(d: Decision) => d.id, (d: Decision) => `${d.kind}\0${d.title}`]) {
    for (const decision of now) {
      if (partner.has(decision)) continue;
      const old = [...free].find((candidate) => key(candidate) === key(decision));
      if (old === undefined) continue;
      partner.set(decision, old);
      free.delete(old);
    }
  }
  return partner;
}

function compare(old: Decision, now: Decision, oldToNew: ReadonlyMap<string, string>): string[] {
  const details: string[] = [];
  if (old.id !== now.id) details.push(`id: ${old.id} → ${now.id}`);
  if (old.kind !== now.kind) details.push(`kind: ${old.kind} → ${now.kind}`);
  if (old.title !== now.title) details.push(`title: "${old.title}" → "${now.title}"`);
  if ((old.when ?? '') !== (now.when ?? '')) details.push(`condition: ${old.when ?? 'none'} → ${now.when ?? 'none'}`);
  const checkOf = (d: Decision): string => (d.check === undefined ? 'asked' : d.check.kind === 'command' ? `exit of \`${d.check.command}\`` : `${d.check.step} ${d.check.source}`);
  if (checkOf(old) !== checkOf(now)) details.push(`decided by: ${checkOf(old)} → ${checkOf(now)}`);
  if ((old.default ?? '') !== (now.default ?? '')) details.push(`default: ${old.default ?? 'none'} → ${now.default ?? 'none'}`);
  const oldOptions = new Map(old.options.map((o) => [o.id, o]));
  const newIds = new Set(now.options.map((o) => o.id));
  for (const option of now.options) {
    const was = oldOptions.get(option.id);
    if (!was) {
      details.push(`option added: ${describe(option.id, option.title, option.steps)}`);
      continue;
    }
    if (was.title !== option.title) details.push(`option ${option.id} title: "${was.title}" → "${option.title}"`);
    const wasSteps = was.steps.map((id) => oldToNew.get(id) ?? id);
    if (wasSteps.join(',') !== option.steps.join(',')) details.push(`option ${option.id} steps: ${list(wasSteps)} → ${list(option.steps)}`);
  }
  for (const option of old.options) if (!newIds.has(option.id)) details.push(`option removed: ${describe(option.id, option.title, option.steps.map((id) => oldToNew.get(id) ?? id))}`);
  return details;
}

function describe(id: string, title: string, steps: readonly string[]): string {
  return `${id} "${title}" → ${list(steps)}`;
}

function list(steps: readonly string[]): string {
  return steps.length === 0 ? 'nothing' : steps.join(', ');
}
