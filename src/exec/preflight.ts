// Everything that can be known to be wrong before the first process starts, and the plan the run
// follows. Pure: the environment, the --vars values and the answers typed at a terminal come in
// as arguments; the caller asks, checks the machine and throws.
import { dirname, resolve } from 'node:path';
import type { PlannedStep, VersionCaptures } from '../model/events.js';
import type { Command, Runbook, Step } from '../model/runbook.js';
import { buildPlan } from '../plan/build-plan.js';
import type { Plan } from '../plan/plan-schema.js';
import { renderCommand, type RenderedCommand } from '../resolve/render-command.js';
import { describeMissingValue, describeUnknownName, resolveParams } from '../resolve/resolve-params.js';
import { secretNames } from '../resolve/secret-names.js';
import type { Mask } from '../run/mask-secrets.js';
import { resolveCwd } from '../run/resolve-cwd.js';
import { selectSteps, type Selection } from '../run/select-steps.js';
import type { LoadedRunbook } from '../cli/load-runbook.js';
import type { RunSettings } from './run-settings.js';
import { allNeeds, captureNamesOf, commandsToRun } from '../run/step-needs.js';
import { isRefused, planDecisions, type Decided } from './decisions.js';
import type { GateQuestion } from '../run/format-gate-question.js';
import { findLimitProblems, findSizeProblems, findNothingToRun, findNulProblems } from './find-input-problems.js';
import { recordVersionsSchema } from '../parse/read-frontmatter.js';
import { isCheckedPrecondition } from '../run/precondition-label.js';
import { isCheckable } from '../run/statement-ids.js';

export interface PreflightInput {
  loaded: LoadedRunbook;
  settings: RunSettings;
  /** The values of the --vars file. */
  vars: Record<string, unknown>;
  env: Readonly<Record<string, string | undefined>>;
  /** Where the command was started: relative paths are read from here. */
  workspace: string;
  /** Values typed at a terminal for what the first preflight found missing. */
  answers?: Record<string, string>;
  /** Steps that passed in an earlier attempt (resume): they need no values and ask nothing. */
  alreadyPassed?: ReadonlySet<string>;
  /** Whether someone at a terminal can pick a branch when a decision point's turn comes. */
  canAsk?: boolean;
}

export interface RunPlan {
  /** Placeholder values by name: params resolved, and captures given before the run. */
  values: Record<string, string>;
  selected: Set<string>;
  /** The selected steps that will run: a resume leaves out what passed. */
  toRun: Step[];
  /** Commands marked excludeFromRunAll run only when steps were named with --only. */
  includeExcluded: boolean;
  /** Decision points settled before the run (--choose, --only, defaults, an earlier attempt). */
  decided: Map<string, Decided>;
  /** What `runbook plan` shows with these values; every display of the run comes from it. */
  plan: Plan;
  /** Each command rendered once with `values`: for the checks here, the displays and the run. */
  rendered: ReadonlyMap<Command, RenderedCommand>;
  secrets: Set<string>;
  captureNames: Set<string>;
  /** Where commands run. */
  cwd: string;
  /** The program the shell line starts with. */
  shell: string;
  timeoutMs?: number;
}

export interface ValueQuestion {
  name: string;
  description?: string;
  secret: boolean;
}

export interface Preflight {
  problems: string[];
  /** Values nobody gave that the steps to run need: a terminal may ask for them. */
  unanswered: ValueQuestion[];
  /** Gated steps to run: approved by --yes before the run, or asked at their turn. */
  gates: GateQuestion[];
  plan: RunPlan;
}

export function preflight(input: PreflightInput): Preflight {
  const { loaded, settings, env } = input;
  const { runbook, graph, diagnostics, file } = loaded;
  const problems: string[] = [];
  for (const d of diagnostics.filter((d) => d.severity === 'error')) problems.push(`${file}:${d.position.line}:${d.position.column}: ${d.message} (${d.ruleId})`);
  const resolved = resolveParams(runbook, { set: { ...input.answers, ...settings.values }, vars: input.vars, env });
  const { selection, toRun: selectedToRun, includeExcluded } = stepsToRun(loaded, settings, input.alreadyPassed);
  problems.push(...selection.problems);
  const decisions = planDecisions({ runbook, selected: selection.selected, choices: settings.choices, only: settings.only, kept: settings.decided, canAsk: input.canAsk === true });
  problems.push(...decisions.problems);
  // A branch already decided against runs nothing, so it needs no values and asks nothing.
  const toRun = selectedToRun.filter((step) => !isRefused(step, decisions.decided, runbook));
  // A resume may have nothing left to run: what remains was run before.
  if (selection.problems.length === 0 && !input.alreadyPassed?.size) problems.push(...findNothingToRun(toRun, includeExcluded, file));
  problems.push(...findLimitProblems(runbook, toRun, file), ...findNulProblems(resolved.values, runbook, toRun));
  const captureNames = captureNamesOf(runbook);
  const needs = allNeeds(toRun, captureNames, includeExcluded);

  const needed = new Set(needs.params);
  const missing = resolved.missing.filter((m) => needed.has(m.name));
  for (const m of missing) problems.push(describeMissingValue(m, file));
  for (const invalid of resolved.invalid) problems.push(`invalid value for <${invalid.name}>: ${invalid.message}`);
  for (const unknown of resolved.unknown) problems.push(describeUnknownName(unknown));

  const secrets = secretNames(runbook);
  const rendered = new Map(runbook.steps.flatMap((s) => s.commands).map((c) => [c, renderCommand(c, resolved.values, runbook.params)]));
  // A value that cannot go where its placeholder sits stops the run here, not at its step.
  // Captures are only known while running; the executor checks those at their step's turn.
  for (const step of toRun) {
    for (const command of commandsToRun(step, includeExcluded)) {
      for (const unsafe of rendered.get(command)?.unsafe ?? []) {
        // A command bash cannot parse is a lint error, reported above with its place.
        if (unsafe.kind === 'syntax') continue;
        const at = command.placeholders.find((p) => p.offset === unsafe.start)?.position ?? command.position;
        problems.push(`the value of ${unsafe.raw} cannot be used at ${file}:${at.line}:${at.column}: ${unsafe.reason}; ${unsafe.fix}`);
      }
    }
  }
  problems.push(...findSizeProblems(toRun, includeExcluded, rendered, resolved.values, file));
  // A capture made by a step that will not run must be given with --set.
  for (const name of needs.captures) {
    if (Object.hasOwn(settings.values, name)) continue;
    const maker = runbook.steps.find((s) => s.captures.includes(name));
    if (maker && !selection.selected.has(maker.id)) problems.push(`<${name}> is captured by ${maker.id}, which will not run; give it with --set ${name}=…`);
  }

  problems.push(...versionCaptureProblems(runbook, captureNames));

  const plan = buildPlan({ file, runbook, graph, resolved, diagnostics, rendered });
  // Gates as the plan decided them, on the commands rendered with their values.
  const planned = new Map(plan.steps.map((s) => [s.id, s]));
  const gates = toRun.flatMap((s) => {
    const step = planned.get(s.id);
    return step?.gate !== undefined && s.commands.length > 0 ? [{ stepId: s.id, title: s.title, reason: step.gate, commands: step.commands.map((c) => c.display) }] : [];
  });
  const timeoutMs = settings.timeoutMs ?? runbook.timeoutMs;
  return {
    problems,
    unanswered: missing.map(({ name }) => {
      const param = runbook.params.find((p) => p.name === name);
      return { name, ...(param?.description !== undefined && { description: param.description }), secret: param?.secret === true };
    }),
    gates,
    plan: {
      values: resolved.values,
      selected: selection.selected,
      toRun,
      includeExcluded,
      decided: decisions.decided,
      plan,
      rendered,
      secrets,
      captureNames,
      cwd: settings.cwd !== undefined ? resolve(input.workspace, settings.cwd) : resolveCwd(resolve(input.workspace, dirname(file)), runbook.cwd, env.HOME),
      shell: runbook.shell.split(/\s+/)[0] ?? 'bash',
      ...(timeoutMs !== undefined && { timeoutMs }),
    },
  };
}

/** Which steps the settings select (--only, --from), and which of them will run. */
export function stepsToRun({ runbook, graph }: LoadedRunbook, settings: RunSettings, alreadyPassed?: ReadonlySet<string>): { selection: Selection; toRun: Step[]; includeExcluded: boolean } {
  const selection = selectSteps(runbook.steps, graph.order, settings.only, settings.from);
  const toRun = runbook.steps.filter((s) => selection.selected.has(s.id) && !alreadyPassed?.has(s.id));
  return { selection, toRun, includeExcluded: settings.only.length > 0 };
}

/** The captures frontmatter `record.versions` names for the record's versions; undefined when it names none. */
export function versionCapturesOf(runbook: Runbook): VersionCaptures | undefined {
  const record = runbook.frontmatter.record as { versions?: unknown } | undefined;
  const parsed = recordVersionsSchema.safeParse(record?.versions);
  return parsed.success && parsed.data !== undefined && Object.keys(parsed.data).length > 0 ? parsed.data : undefined;
}

/** A version the record is to show from a capture no step makes could only ever be absent. */
function versionCaptureProblems(runbook: Runbook, captureNames: ReadonlySet<string>): string[] {
  return Object.entries(versionCapturesOf(runbook) ?? {})
    .filter(([, name]) => name !== undefined && !captureNames.has(name))
    .map(([which, name]) => `frontmatter record.versions.${which} names the capture \`${name}\`, which no step makes (a step's \`Capture: ${name}\`)`);
}

/** The steps as the run-start event carries them: displays from the plan, masked once more; statements with their ids. */
export function plannedSteps(plan: Plan, mask: Mask, steps: readonly Step[], includeExcluded: boolean): PlannedStep[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  return plan.steps.map((step) => ({
    id: step.id,
    title: step.title,
    ...(step.section !== undefined && { section: step.section }),
    ...(step.sectionTitle !== undefined && { sectionTitle: step.sectionTitle }),
    actions: step.actions,
    commands: step.commands.map((c) => mask(c.display)),
    expected: step.expectations.map((e) => e.text),
    ...statementsPlanned(byId.get(step.id), includeExcluded),
    ...(step.gate !== undefined && { gate: step.gate }),
    dependsOn: step.dependsOn,
  }));
}

/** Expectations with their ids, and the attestations a person is asked (not a precondition run as a check). */
function statementsPlanned(step: Step | undefined, includeExcluded: boolean): Pick<PlannedStep, 'expectations' | 'attestations'> {
  if (step === undefined) return { attestations: [] };
  const runsCommands = commandsToRun(step, includeExcluded).length > 0;
  return {
    expectations: step.expectations.map((e) => ({ id: e.id, text: e.text, checked: runsCommands && isCheckable(e) })),
    attestations: step.attestations
      .filter((a) => !isCheckedPrecondition(a))
      .map((a) => ({ id: a.id, ...(a.label !== undefined && { label: a.label }), text: a.text, kind: a.kind })),
  };
}
