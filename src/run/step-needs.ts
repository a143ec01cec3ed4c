// What a step needs before it can run: the values of the placeholders in the commands that will
// run and in its `Env:`, split into params (given before the run) and captures (made by other
// steps while it runs). Preflight, resume and the executor all ask here, so they agree.
import type { Command, Runbook, Step } from '../model/runbook.js';
import { commandPlaceholders } from '../resolve/command-placeholders.js';
import { envPlaceholderNames } from '../resolve/fill-placeholders.js';

export interface StepNeeds {
  params: string[];
  captures: string[];
}

/** Names captured by some step of the runbook. */
export function captureNamesOf(runbook: Runbook): Set<string> {
  return new Set(runbook.steps.flatMap((s) => s.captures));
}

/** The commands of a step that run: one marked excludeFromRunAll only when the step was named with --only. */
export function commandsToRun(step: Step, includeExcluded: boolean): Command[] {
  return step.commands.filter((c) => includeExcluded || !c.excludeFromRunAll);
}

export function stepNeeds(step: Step, captureNames: ReadonlySet<string>, includeExcluded: boolean): StepNeeds {
  const names = [...new Set([
    ...commandsToRun(step, includeExcluded).flatMap((c) => commandPlaceholders(c).map((p) => p.name)),
    ...envPlaceholderNames(step.env),
  ])];
  return { params: names.filter((n) => !captureNames.has(n)), captures: names.filter((n) => captureNames.has(n)) };
}

/** Everything the given steps need, each name once. */
export function allNeeds(steps: readonly Step[], captureNames: ReadonlySet<string>, includeExcluded: boolean): StepNeeds {
  const needs = steps.map((s) => stepNeeds(s, captureNames, includeExcluded));
  return { params: [...new Set(needs.flatMap((n) => n.params))], captures: [...new Set(needs.flatMap((n) => n.captures))] };
}
