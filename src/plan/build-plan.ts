// Runbook + graph + values → the plan: every command exactly as it would run. Pure.
import { secretNames, showEnv } from '../resolve/secret-names.js';
import type { Command, Diagnostic, Runbook } from '../model/runbook.js';
import type { GraphResult } from '../graph/build-graph.js';
import { renderCommand, type RenderedCommand } from '../resolve/render-command.js';
import { environmentNamesOf, type ResolvedParams } from '../resolve/resolve-params.js';
import { SCHEMA_VERSION } from '../model/runbook.js';
import type { Plan, PlanStep } from './plan-schema.js';
import { stepGate } from './step-gate.js';
import { readGatePatterns } from '../gates/find-step-gates.js';

export interface BuildPlanInput {
  file: string;
  runbook: Runbook;
  graph: GraphResult;
  resolved: ResolvedParams;
  diagnostics: Diagnostic[];
  /** Commands already rendered with these values (exec renders each once, for every use). */
  rendered?: ReadonlyMap<Command, RenderedCommand>;
}

export function buildPlan({ file, runbook, graph, resolved, diagnostics, rendered: given }: BuildPlanInput): Plan {
  const secrets = secretNames(runbook);
  const rendered = (command: Command): RenderedCommand => given?.get(command) ?? renderCommand(command, resolved.values, runbook.params);
  const captures = new Set(runbook.steps.flatMap((s) => s.captures));
  const sectionTitles = new Map(runbook.sections.map((s) => [s.id, s.title]));
  const byId = new Map(runbook.steps.map((s) => [s.id, s]));
  const gating = { patterns: readGatePatterns(runbook), declared: runbook.params.filter((p) => p.declared).map((p) => p.name) };
  const steps: PlanStep[] = [];
  for (const id of graph.order) {
    const step = byId.get(id);
    if (!step) continue;
    const dependsOn = graph.dependencies[id] ?? [];
    // Nothing to run but something to confirm: a person does this step.
    const kind = step.commands.length > 0 ? 'command' : step.attestations.length > 0 || step.expectations.length > 0 ? 'attestation' : 'note';
    steps.push({
      id: step.id,
      title: step.title,
      ...(step.section !== undefined && { section: step.section }),
      ...(step.section !== undefined && sectionTitles.has(step.section) && { sectionTitle: sectionTitles.get(step.section) as string }),
      ...(step.parent !== undefined && { parent: step.parent }),
      position: step.position,
      kind,
      runs: step.branch !== undefined ? 'if-chosen' : kind === 'attestation' ? 'manual' : 'always',
      actions: step.actions,
      dependsOn,
      commands: step.commands.map((command) => {
        const done = rendered(command);
        const names = command.placeholders.map((p) => p.name);
        return {
          display: done.display,
          template: command.text,
          position: command.position,
          source: command.source,
          ...(command.lang !== undefined && { lang: command.lang }),
          ...(command.name !== undefined && { name: command.name }),
          excludeFromRunAll: command.excludeFromRunAll,
          missing: done.missing.filter((n) => !captures.has(n)),
          usesCaptures: unique(names.filter((n) => captures.has(n))),
          ...(done.unsafe.length > 0 && { refused: done.unsafe.map((problem) => `${problem.raw || 'the command'}: ${problem.reason}`) }),
        };
      }),
      expectations: step.expectations.map((e) => ({
        id: e.id,
        text: e.text,
        position: e.position,
        kind: e.matchers.length > 0 || e.expectedOutput ? 'checked' : 'attested',
        checks: e.matchers.map((m) => m.source),
        ...(e.expectedOutput && { expectedOutput: e.expectedOutput }),
        ...(e.sample && { sample: e.sample }),
      })),
      attestations: step.attestations,
      notes: step.notes,
      captures: step.captures,
      ...gateOf(step, rendered, gating),
      ...(step.branch !== undefined && { branch: step.branch }),
      ...(step.timeoutMs !== undefined && { timeoutMs: step.timeoutMs }),
      retries: step.retries,
      retryDelayMs: step.retryDelayMs,
      continueOnError: step.continueOnError,
      ...(step.cwd !== undefined && { cwd: step.cwd }),
      env: showEnv(step.env),
    });
  }
  const missingByName = new Map(resolved.missing.map((m) => [m.name, m.positions]));
  const invalidByName = new Map(resolved.invalid.map((i) => [i.name, i.message]));
  return {
    schemaVersion: SCHEMA_VERSION,
    file,
    title: runbook.title,
    ...(runbook.description !== undefined && { description: runbook.description }),
    shell: runbook.shell,
    params: runbook.params.map((param) => {
      const value = resolved.values[param.name];
      const source = resolved.sources[param.name];
      return {
        name: param.name,
        ...(param.description !== undefined && { description: param.description }),
        ...(value !== undefined && { value: secrets.has(param.name) ? '***' : value }),
        ...(source !== undefined && { source }),
        ...(param.default !== undefined && { default: secrets.has(param.name) ? '***' : param.default }),
        secret: param.secret,
        declared: param.declared,
        missing: missingByName.has(param.name),
        ...(invalidByName.has(param.name) && { invalid: invalidByName.get(param.name) as string }),
        positions: missingByName.get(param.name) ?? (param.position ? [param.position] : []),
      };
    }),
    missing: resolved.missing.map((m) => ({ ...m, environment: environmentNamesOf(m) })),
    invalid: resolved.invalid.map(({ name, message }) => ({ name, message })),
    order: graph.order,
    steps,
    decisions: runbook.decisions,
    diagnostics,
  };
}

function gateOf(step: Runbook['steps'][number], rendered: (command: Command) => RenderedCommand, gating: Parameters<typeof stepGate>[2]): { gate?: string } {
  const gate = stepGate(step, rendered, gating);
  return gate === undefined ? {} : { gate };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
