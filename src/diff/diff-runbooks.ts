// Two runbook models → what changed in their behaviour: steps added, removed, renamed and moved;
// per step the commands, outcomes, gates and settings that differ; placeholders, params and
// runbook settings. Prose that runs nothing (descriptions, actions, notes) is not behaviour. Pure.
import { formatDurationCompact } from '../format/format-duration.js';
import type { Param, Runbook, Step } from '../model/runbook.js';
import { diffDecisions, type DecisionChange } from './diff-decisions.js';

export interface StepRef {
  id: string;
  title: string;
}

export type StepField =
  | 'command'
  | 'run-all'
  | 'expected'
  | 'attestation'
  | 'gate'
  | 'branch'
  | 'timeout'
  | 'retries'
  | 'continue-on-error'
  | 'depends-on'
  | 'captures'
  | 'cwd'
  | 'env';

/** `from` null: added; `to` null: removed; both: changed. Values are as a reader would write them. */
export interface FieldChange<F extends string = StepField> {
  field: F;
  from: string | null;
  to: string | null;
}

export interface StepChange {
  step: StepRef;
  changes: FieldChange[];
}

export interface StepSummary extends StepRef {
  commands: string[];
  gate?: string;
}

export type RunbookField = 'title' | 'shell' | 'cwd' | 'timeout' | 'env';

export interface ParamChange {
  name: string;
  change: 'added' | 'removed' | 'changed';
  details: string[];
}

export interface RunbookDiff {
  settings: FieldChange<RunbookField>[];
  params: ParamChange[];
  /** Placeholder names (captures excluded) used by some command in one version and not the other. */
  placeholders: { added: string[]; removed: string[] };
  added: StepSummary[];
  removed: StepSummary[];
  /** The same step under a new id, a new title, or both. */
  renamed: { from: StepRef; to: StepRef }[];
  /** Steps whose place among the others changed; `after` is the step now before it (null: first). */
  reordered: { step: StepRef; after: string | null; wasAfter: string | null }[];
  changed: StepChange[];
  /** Decision points and their branches added, removed or changed. */
  decisions: DecisionChange[];
}

/** One runbook file between the base ref and the working tree. */
export interface FileDiff {
  path: string;
  /** The path at the base ref, when the file was renamed. */
  oldPath?: string;
  status: 'added' | 'deleted' | 'renamed' | 'modified';
  diff: RunbookDiff;
}

export function diffRunbooks(before: Runbook | null, after: Runbook | null): RunbookDiff {
  const oldSteps = before?.steps ?? [];
  const newSteps = after?.steps ?? [];
  const pairs = matchSteps(oldSteps, newSteps);
  const oldToNew = new Map(pairs.map(([o, n]) => [(oldSteps[o] as Step).id, (newSteps[n] as Step).id]));
  const matchedOld = new Set(pairs.map(([o]) => o));
  const matchedNew = new Set(pairs.map(([, n]) => n));
  const diff: RunbookDiff = {
    settings: diffSettings(before, after),
    // A deleted runbook is told by its removed steps; what it no longer needs is noise.
    params: after === null ? [] : diffParams(before?.params.filter((p) => p.declared) ?? [], after.params.filter((p) => p.declared)),
    placeholders: after === null ? { added: [], removed: [] } : diffSets(placeholderNames(before), placeholderNames(after)),
    added: newSteps.filter((_, i) => !matchedNew.has(i)).map(summary),
    removed: oldSteps.filter((_, i) => !matchedOld.has(i)).map(summary),
    renamed: [],
    reordered: findMoves(pairs, oldSteps, newSteps, oldToNew),
    changed: [],
    decisions: diffDecisions(before, after, oldToNew),
  };
  for (const [o, n] of [...pairs].sort((a, b) => a[1] - b[1])) {
    const was = oldSteps[o] as Step;
    const now = newSteps[n] as Step;
    if (was.id !== now.id || was.title !== now.title) diff.renamed.push({ from: ref(was), to: ref(now) });
    const changes = diffStep(was, now, oldToNew);
    if (changes.length > 0) diff.changed.push({ step: ref(now), changes });
  }
  return diff;
}

export function hasChanges(diff: RunbookDiff): boolean {
  return (
    diff.settings.length + diff.params.length + diff.placeholders.added.length + diff.placeholders.removed.length +
      diff.added.length + diff.removed.length + diff.renamed.length + diff.reordered.length + diff.changed.length + diff.decisions.length >
    0
  );
}

/**
 * Pairs old and new steps that are the same step. Passes go from strict to loose, so a step keeps
 * its partner when ids shift (a step inserted before it renumbers the rest) or its title changes.
 * Within a pass, candidates pair in document order. Returns [oldIndex, newIndex] pairs.
 */
function matchSteps(oldSteps: Step[], newSteps: Step[]): [number, number][] {
  const commands = (s: Step) => (s.commands.length > 0 ? s.commands.map((c) => c.text).join('\0') : undefined);
  const passes: ((s: Step) => string | undefined)[] = [
    (s) => `${s.id}\0${s.title}`,
    (s) => (commands(s) === undefined ? undefined : `${s.title}\0${commands(s)}`),
    (s) => s.title,
    commands,
    (s) => s.id,
  ];
  const oldFree = new Set(oldSteps.keys());
  const newFree = new Set(newSteps.keys());
  const pairs: [number, number][] = [];
  for (const key of passes) {
    const waiting = new Map<string, number[]>();
    for (const n of newFree) {
      const k = key(newSteps[n] as Step);
      if (k === undefined) continue;
      const list = waiting.get(k) ?? [];
      list.push(n);
      waiting.set(k, list);
    }
    for (const o of [...oldFree]) {
      const k = key(oldSteps[o] as Step);
      const n = k === undefined ? undefined : waiting.get(k)?.shift();
      if (n === undefined) continue;
      pairs.push([o, n]);
      oldFree.delete(o);
      newFree.delete(n);
    }
  }
  return pairs;
}

/** Matched steps outside a longest run that kept its relative order are the ones that moved. */
function findMoves(pairs: [number, number][], oldSteps: Step[], newSteps: Step[], oldToNew: Map<string, string>): RunbookDiff['reordered'] {
  const byNew = [...pairs].sort((a, b) => a[1] - b[1]);
  const kept = longestIncreasing(byNew.map(([o]) => o));
  return byNew
    .filter((_, i) => !kept.has(i))
    .map(([o, n]) => {
      const previousOld = oldSteps[o - 1];
      return {
        step: ref(newSteps[n] as Step),
        after: newSteps[n - 1]?.id ?? null,
        wasAfter: previousOld ? (oldToNew.get(previousOld.id) ?? previousOld.id) : null,
      };
    });
}

/** Indices (into `values`) of one longest strictly increasing subsequence: O(n log n). */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] as number] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.at(-1) ?? -1; i !== -1; i = previous[i] as number) kept.add(i);
  return kept;
}

/** `when recover.choice is a`: the branch a step runs on. */
function formatBranch(step: Step): string | null {
  return step.branch ? `only when ${step.branch.decision} is ${step.branch.option}` : null;
}

function diffStep(was: Step, now: Step, oldToNew: Map<string, string>): FieldChange[] {
  const changes: FieldChange[] = [];
  changes.push(...diffSequence('command', was.commands.map((c) => c.text), now.commands.map((c) => c.text)));
  const excluded = (s: Step) => s.commands.filter((c) => c.excludeFromRunAll).map((c) => c.name ?? firstLine(c.text));
  const runAll = diffSets(excluded(was), excluded(now));
  for (const name of runAll.added) changes.push({ field: 'run-all', from: 'included', to: `excluded: ${name}` });
  for (const name of runAll.removed) changes.push({ field: 'run-all', from: `excluded: ${name}`, to: 'included' });
  changes.push(...diffSequence('expected', was.expectations.map(expectationText), now.expectations.map(expectationText)));
  changes.push(...diffSequence('attestation', was.attestations.map(attestationText), now.attestations.map(attestationText)));
  const pairs: [StepField, string | null, string | null][] = [
    ['gate', was.gate ?? null, now.gate ?? null],
    ['branch', formatBranch(was), formatBranch(now)],
    ['timeout', formatMs(was.timeoutMs), formatMs(now.timeoutMs)],
    ['retries', formatRetries(was), formatRetries(now)],
    ['continue-on-error', was.continueOnError ? 'yes' : 'no', now.continueOnError ? 'yes' : 'no'],
    // Old ids are read as their new names, so a renumbering alone is not a dependency change.
    ['depends-on', formatDepends(was.dependsOn?.map((id) => oldToNew.get(id) ?? id) ?? null), formatDepends(now.dependsOn)],
    ['captures', was.captures.join(', ') || null, now.captures.join(', ') || null],
    ['cwd', was.cwd ?? null, now.cwd ?? null],
    ['env', formatEnv(was.env), formatEnv(now.env)],
  ];
  for (const [field, from, to] of pairs) if (from !== to) changes.push({ field, from, to });
  return changes;
}

/**
 * Lines of one list against another (LCS): unchanged lines are left out, and a removed line
 * directly replaced by an added one reads as a change.
 */
function diffSequence(field: StepField, from: string[], to: string[]): FieldChange[] {
  const n = from.length;
  const m = to.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = from[i] === to[j] ? ((lcs[i + 1] as number[])[j + 1] as number) + 1 : Math.max((lcs[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  const changes: FieldChange[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = (): void => {
    const k = Math.max(removed.length, added.length);
    for (let x = 0; x < k; x++) changes.push({ field, from: removed[x] ?? null, to: added[x] ?? null });
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && from[i] === to[j]) {
      flush();
      i += 1;
      j += 1;
    } else if (j < m && (i === n || ((lcs[i] as number[])[j + 1] as number) >= ((lcs[i + 1] as number[])[j] as number))) {
      added.push(to[j] as string);
      j += 1;
    } else {
      removed.push(from[i] as string);
      i += 1;
    }
  }
  flush();
  return changes;
}

function diffSettings(before: Runbook | null, after: Runbook | null): FieldChange<RunbookField>[] {
  if (before === null || after === null) return [];
  const pairs: [RunbookField, string | null, string | null][] = [
    ['title', before.title, after.title],
    ['shell', before.shell, after.shell],
    ['cwd', before.cwd ?? null, after.cwd ?? null],
    ['timeout', formatMs(before.timeoutMs), formatMs(after.timeoutMs)],
    ['env', formatEnv(before.env), formatEnv(after.env)],
  ];
  return pairs.filter(([, from, to]) => from !== to).map(([field, from, to]) => ({ field, from, to }));
}

function diffParams(before: Param[], after: Param[]): ParamChange[] {
  const old = new Map(before.map((p) => [p.name, p]));
  const now = new Map(after.map((p) => [p.name, p]));
  const changes: ParamChange[] = [];
  for (const p of after) {
    const was = old.get(p.name);
    if (!was) {
      changes.push({ name: p.name, change: 'added', details: describeParam(p) });
      continue;
    }
    const details: string[] = [];
    const facts: [string, string | undefined, string | undefined][] = [
      ['default', was.default, p.default],
      ['pattern', was.pattern, p.pattern],
      ['allowed values', was.enum?.join(', '), p.enum?.join(', ')],
      ['type', was.type, p.type],
    ];
    for (const [what, from, to] of facts) {
      if (from === to) continue;
      // A secret's default is never shown, even in a diff.
      const show = (v: string | undefined) => (v === undefined ? 'none' : what === 'default' && (p.secret || was.secret) ? '***' : JSON.stringify(v));
      details.push(`${what}: ${show(from)} → ${show(to)}`);
    }
    if (was.secret !== p.secret) details.push(p.secret ? 'now secret' : 'no longer secret');
    if (details.length > 0) changes.push({ name: p.name, change: 'changed', details });
  }
  for (const p of before) if (!now.has(p.name)) changes.push({ name: p.name, change: 'removed', details: [] });
  return changes;
}

function describeParam(p: Param): string[] {
  return [
    p.default !== undefined ? `default ${p.secret ? '***' : JSON.stringify(p.default)}` : 'no default',
    p.pattern !== undefined && `pattern ${JSON.stringify(p.pattern)}`,
    p.enum !== undefined && `one of ${p.enum.join(', ')}`,
    p.type !== 'string' && `type ${p.type}`,
    p.secret && 'secret',
  ].filter((d): d is string => typeof d === 'string');
}

function placeholderNames(runbook: Runbook | null): string[] {
  if (!runbook) return [];
  const captures = new Set(runbook.steps.flatMap((s) => s.captures));
  return [...new Set(runbook.steps.flatMap((s) => s.commands.flatMap((c) => c.placeholders.map((p) => p.name))))].filter((n) => !captures.has(n));
}

function diffSets(from: string[], to: string[]): { added: string[]; removed: string[] } {
  const a = new Set(from);
  const b = new Set(to);
  return { added: [...b].filter((x) => !a.has(x)), removed: [...a].filter((x) => !b.has(x)) };
}

function expectationText(e: Step['expectations'][number]): string {
  const output = e.expectedOutput ? `output:\n${e.expectedOutput.join('\n')}` : '';
  return [e.text, output].filter(Boolean).join('\n');
}

function attestationText(a: Step['attestations'][number]): string {
  return `${a.kind === 'task' ? `[${a.checked ? 'x' : ' '}] ` : ''}${a.label ? `${a.label}: ` : ''}${a.text}`;
}

function formatMs(ms: number | undefined): string | null {
  return ms === undefined ? null : formatDurationCompact(ms);
}

function formatRetries(s: Step): string {
  return s.retries === 0 ? 'none' : `${s.retries} (${formatMs(s.retryDelayMs) ?? '0s'} apart)`;
}

function formatDepends(ids: string[] | null): string {
  if (ids === null) return 'the step before';
  return ids.length === 0 ? 'none' : ids.join(', ');
}

function formatEnv(env: Record<string, string>): string | null {
  const entries = Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? null : entries.map(([k, v]) => `${k}=${v}`).join(' ');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function ref(step: Step): StepRef {
  return { id: step.id, title: step.title };
}

function summary(step: Step): StepSummary {
  return { id: step.id, title: step.title, commands: step.commands.map((c) => c.text), ...(step.gate !== undefined && { gate: step.gate }) };
}
