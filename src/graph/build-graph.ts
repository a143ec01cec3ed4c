// The step graph of SPEC §2: implicit sequence edges, explicit `Depends on`, and capture data
// edges; validated (cycles, unknown ids, captures used too early) and ordered. At a decision
// point the sequence forks: each branch starts after the step before the decision, and the step
// after it waits for the last step of every branch (an unchosen branch is skipped, which never
// blocks), and for the step before the decision too when one branch is empty (a skipped condition).
// Pure and linear in steps + edges, so a 10,000-step runbook plans in milliseconds.
import type { Diagnostic, Runbook } from '../model/runbook.js';
import { sequencePredecessors } from './sequence-predecessors.js';
import { commandPlaceholders } from '../resolve/command-placeholders.js';
import { findCycles } from './find-cycles.js';
import { MinHeap } from './min-heap.js';

export type EdgeKind = 'sequence' | 'depends' | 'capture' | 'condition';

/** `from` must finish before `to` starts. */
export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
}

export interface GraphResult {
  /** Every step id once per step: a topological order that keeps document order among ready steps. */
  order: string[];
  /** One edge per (from, to, kind): a sequence edge and a capture edge may join the same steps. */
  edges: GraphEdge[];
  /** Step id → the ids it waits for, in document order. */
  dependencies: Record<string, string[]>;
  diagnostics: Diagnostic[];
}

const KIND_INDEX: Record<EdgeKind, number> = { sequence: 0, depends: 1, capture: 2, condition: 3 };

export function buildGraph(runbook: Runbook): GraphResult {
  const steps = runbook.steps;
  const n = steps.length;
  const diagnostics: Diagnostic[] = [];
  // Ids are unique: parseRunbook reports a repeated id and renames the repeat.
  const indexById = new Map(steps.map((step, i) => [step.id, i]));

  const edges: GraphEdge[] = [];
  const edgeKeys = new Set<number>();
  const succ: number[][] = Array.from({ length: n }, () => []);
  const preds: number[][] = Array.from({ length: n }, () => []);
  const linked = new Set<number>();
  const addEdge = (from: number, to: number, kind: EdgeKind): void => {
    const pair = from * n + to;
    const key = pair * 4 + KIND_INDEX[kind];
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ from: steps[from]?.id ?? '', to: steps[to]?.id ?? '', kind });
    if (linked.has(pair)) return;
    linked.add(pair);
    succ[from]?.push(to);
    preds[to]?.push(from);
  };

  const before = sequencePredecessors(runbook);
  steps.forEach((step, i) => {
    if (step.dependsOn === null) {
      for (const previous of before[i] ?? []) addEdge(previous, i, 'sequence');
      return;
    }
    for (const id of step.dependsOn) {
      const dep = indexById.get(id);
      if (dep === undefined) {
        diagnostics.push({
          severity: 'error',
          ruleId: 'unknown-dependency',
          message: `Unknown step ${JSON.stringify(id)} in Depends on of ${step.id}, expected the id of a step in this runbook`,
          position: step.dependsOnPosition ?? step.position,
        });
        continue;
      }
      addEdge(dep, i, 'depends');
    }
  });

  // A condition checked on an earlier step's result waits for that step.
  for (const decision of runbook.decisions) {
    const check = decision.check;
    if (check?.kind !== 'matcher') continue;
    const checked = indexById.get(check.step);
    const firsts = decision.options.map((option) => option.steps[0]).filter((id): id is string => id !== undefined).map((id) => indexById.get(id) as number);
    if (checked === undefined || firsts.some((first) => checked >= first)) {
      diagnostics.push({
        severity: 'error',
        ruleId: 'unknown-condition-step',
        message: checked === undefined
          ? `Unknown step ${JSON.stringify(check.step)} in the condition of ${decision.id}, expected the id of an earlier step`
          : `The condition of ${decision.id} checks ${check.step}, which does not run before it; expected an earlier step`,
        position: decision.position,
      });
      continue;
    }
    for (const first of firsts) addEdge(checked, first, 'condition');
  }

  // Captures: who makes each name, then who uses it.
  const declared = new Set(runbook.params.filter((p) => p.declared).map((p) => p.name));
  const madeBy = new Map<string, number>();
  steps.forEach((step, i) => {
    for (const name of new Set(step.captures)) {
      const maker = madeBy.get(name);
      if (maker !== undefined) {
        diagnostics.push({
          severity: 'error',
          ruleId: 'duplicate-capture',
          message: `Capture ${name} of ${step.id} is already made by ${steps[maker]?.id}, expected each capture name once`,
          position: step.position,
        });
        continue;
      }
      madeBy.set(name, i);
      if (declared.has(name)) {
        diagnostics.push({
          severity: 'warning',
          ruleId: 'capture-shadows-param',
          message: `Capture ${name} of ${step.id} has the name of a declared parameter; from this step on, <${name}> is the captured output`,
          position: step.position,
        });
      }
    }
  });
  if (madeBy.size > 0) {
    steps.forEach((step, i) => {
      const reported = new Set<string>();
      for (const command of step.commands) {
        for (const placeholder of commandPlaceholders(command)) {
          const maker = madeBy.get(placeholder.name);
          if (maker === undefined) continue;
          if (maker < i) {
            addEdge(maker, i, 'capture');
            continue;
          }
          if (reported.has(placeholder.name)) continue;
          reported.add(placeholder.name);
          const makerId = steps[maker]?.id;
          diagnostics.push({
            severity: 'error',
            ruleId: 'capture-before-definition',
            message:
              maker === i
                ? `${placeholder.raw} is used by ${step.id}, the step that captures it; a capture is only available to later steps`
                : `${placeholder.raw} is used by ${step.id} before step ${makerId} captures it, expected the capturing step first`,
            position: placeholder.position,
          });
        }
      }
    });
  }

  // Kahn's algorithm; the heap keeps document order among the steps that are ready.
  const waiting = preds.map((p) => p.length);
  const ready = new MinHeap();
  waiting.forEach((count, i) => {
    if (count === 0) ready.push(i);
  });
  const ordered: number[] = [];
  const placed = new Uint8Array(n);
  for (let node = ready.pop(); node !== undefined; node = ready.pop()) {
    ordered.push(node);
    placed[node] = 1;
    for (const next of succ[node] ?? []) {
      const left = (waiting[next] as number) - 1;
      waiting[next] = left;
      if (left === 0) ready.push(next);
    }
  }

  if (ordered.length < n) {
    const rest: number[] = [];
    for (let i = 0; i < n; i++) if (!placed[i]) rest.push(i);
    const cycles = findCycles({ nodes: rest, succ, preds, prefer: (i) => (steps[i]?.dependsOn?.length ?? 0) > 0 });
    for (const cycle of cycles) {
      const start = steps[cycle[0] as number];
      diagnostics.push({
        severity: 'error',
        ruleId: 'dependency-cycle',
        message: `Dependency cycle: ${cycle.map((i) => steps[i]?.id).join(' → ')} (each step waits for the next)`,
        position: start?.dependsOnPosition ?? start?.position ?? { line: 1, column: 1 },
      });
    }
    // Steps on or behind a cycle still appear once, in document order, so every consumer sees all steps.
    ordered.push(...rest);
  }

  const dependencies = new Map<string, string[]>();
  steps.forEach((step, i) => {
    const ids = [...(preds[i] ?? [])].sort((a, b) => a - b).map((p) => steps[p]?.id ?? '');
    const known = dependencies.get(step.id);
    dependencies.set(step.id, known ? [...new Set([...known, ...ids])] : ids);
  });

  return {
    order: ordered.map((i) => steps[i]?.id ?? ''),
    edges,
    dependencies: Object.fromEntries(dependencies),
    diagnostics,
  };
}
