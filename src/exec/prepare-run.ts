// Before the first process starts: the --vars file and the record template are read, preflight
// runs, a terminal is asked for missing values, the machine is checked for the working directory
// and the shell, the record folder is made, and the gates are settled: approved by --yes, left to
// be asked at their turn at a terminal, or else the run stops here. Anything wrong is bad input
// (exit 2) with nothing run; what comes out is everything the run session needs.
import { accessSync, constants, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { Runbook } from '../model/runbook.js';
import { loadTemplate, recordFolderProblem, type RecordTarget } from '../cli/drill-record.js';
import { PreflightError } from '../cli/errors.js';
import type { LoadedRunbook } from '../cli/load-runbook.js';
import { readVarsFile } from '../cli/read-values.js';
import { askValue, gatesAskedAtTurn } from './ask-on-terminal.js';
import { preflight, type RunPlan } from './preflight.js';
import type { GateQuestion } from '../run/format-gate-question.js';
import { nobodyToAsk } from './build-output.js';
import type { RunSettings } from './run-settings.js';
import type { SessionIO } from './session-io.js';
import { isDirectory } from '../fs/is-directory.js';
import { describeFinding, needsTerminal } from '../parse/styles/interactive-commands.js';
import { commandsToRun } from '../run/step-needs.js';
import { checkBeforeRun, type BeforeRun } from './check-before-run.js';
import { workspaceOf } from './find-workspace.js';

export interface ApprovedGate {
  stepId: string;
  reason: string;
  by: string;
}

export interface PreparedRun {
  plan: RunPlan;
  /** The workspace root: `.runbook/` and the records are here (SPEC §3). */
  root: string;
  /** Answers, preconditions and facts, settled before the first step. */
  before: BeforeRun;
  template?: { text: string; source: string };
  operator: string;
  /** Gates --yes approved before the run. */
  approvedGates: ApprovedGate[];
  /** At a terminal without --yes: each gate is asked when its step is about to run. */
  gatesAtTurn: boolean;
}

export async function prepareRun(loaded: LoadedRunbook, settings: RunSettings, io: SessionIO, { alreadyPassed, root: given }: { alreadyPassed?: ReadonlySet<string>; root?: string } = {}): Promise<PreparedRun> {
  const { runbook } = loaded;
  const root = given ?? workspaceOf(loaded.file, io.workspace);
  const vars = readVarsFile(settings.varsFile);
  const template = settings.record === false ? undefined : loadTemplate(settings.template ?? runbook.record.template);
  const input = { loaded, settings, vars, env: io.env, workspace: io.workspace, canAsk: nobodyToAsk(settings, io) === undefined, ...(alreadyPassed && { alreadyPassed }) };
  let checked = preflight(input);
  // In a terminal, a value nobody gave is asked for (SPEC §2); anywhere else it stops the run.
  if (checked.unanswered.length > 0 && io.tty.stdin && io.tty.stderr && !settings.json && !settings.dryRun) {
    const answers: Record<string, string> = {};
    for (const { name, description, secret } of checked.unanswered) {
      const answer = await askValue(io, `<${name}>${description ? ` (${description})` : ''}: `, secret);
      if (answer !== '') answers[name] = answer;
    }
    if (Object.keys(answers).length > 0) checked = preflight({ ...input, answers });
  }
  const { plan } = checked;
  const problems = [...checked.problems];
  if (!settings.dryRun) {
    // Otherwise every step would fail the same way, after the first ones had already run.
    if (!isDirectory(plan.cwd)) problems.push(`the commands' working directory ${plan.cwd} does not exist${settings.cwd !== undefined ? ' (--cwd)' : ''}`);
    if (!findExecutable(plan.shell, io.env.PATH, io.workspace)) problems.push(`the shell \`${plan.shell}\` is not installed (or not on PATH)${runbook.shell !== 'bash' ? '; the runbook\'s frontmatter asks for it' : ''}`);
    if (!io.tty.stdin) problems.push(...needingTerminal(plan, loaded.file));
  }
  if (problems.length > 0) throw new PreflightError(problems);
  // Checking the record's folder creates it, so only once the rest of the input is sound.
  const recordProblem = template && recordFolderProblem(recordTarget(settings, runbook, io.workspace), root);
  if (recordProblem) throw new PreflightError([recordProblem]);
  const operator = settings.operator ?? operatorOf(io.env);
  // Gates are settled before the preconditions run: without a terminal or --yes nothing runs at all.
  const gatesAtTurn = !settings.dryRun && gatesAskedAtTurn(settings, io);
  const approvedGates = settings.dryRun || gatesAtTurn ? [] : settleGates(checked.gates, settings, operator);
  const before = await checkBeforeRun(loaded, settings, plan, io);
  return { plan, root, before, ...(template && { template }), operator, approvedGates, gatesAtTurn };
}

/**
 * Where the record goes: the flags (read from where the command was started), then the
 * frontmatter, then the default folder (both at the workspace root).
 */
export function recordTarget(settings: RunSettings, runbook: Runbook, startedIn: string): RecordTarget {
  const given = (path: string): string => (isAbsolute(path) || path === '-' ? path : `${resolve(startedIn, path)}${/[\\/]$/.test(path) ? '/' : ''}`);
  const dir = settings.recordDir !== undefined ? given(settings.recordDir) : runbook.record.dir;
  return {
    ...(typeof settings.record === 'string' && { file: given(settings.record) }),
    ...(dir !== undefined && { dir }),
    ...(runbook.record.filename !== undefined && { pattern: runbook.record.filename }),
  };
}

/**
 * Without a terminal to ask at a step's turn, --yes approves every gate before the run; without
 * --yes the run stops here, showing each gated command as it would run.
 */
function settleGates(gates: readonly GateQuestion[], settings: RunSettings, operator: string): ApprovedGate[] {
  if (settings.yes) return gates.map((gate) => ({ stepId: gate.stepId, reason: gate.reason, by: `${operator} (--yes)` }));
  if (gates.length === 0) return [];
  throw new PreflightError(gates.map((gate) => [
    `${gate.stepId} asks before it runs (${gate.reason}); run in a terminal to answer it at its turn, or pass --yes:`,
    ...gate.commands.map((c) => `      $ ${c.split('\n').join('\n        ')}`),
  ].join('\n')));
}

/** Commands that need a person at a terminal (an editor, `-it`, a session): without one they hang or fail. */
function needingTerminal(plan: RunPlan, file: string): string[] {
  return plan.toRun.flatMap((step) => commandsToRun(step, plan.includeExcluded).flatMap((command) => {
    const found = needsTerminal(command);
    if (!found) return [];
    const column = found.line === 0 ? command.position.column : 1;
    return [`${file}:${command.position.line + found.line}:${column}: ${step.id} ${describeFinding(found)}: it needs a terminal and this run has none; ${found.fix}`];
  }));
}

function operatorOf(env: SessionIO['env']): string {
  try {
    return env.RUNBOOK_OPERATOR ?? userInfo().username;
  } catch {
    return env.USER ?? 'unknown';
  }
}


function findExecutable(name: string, path: string | undefined, workspace: string): boolean {
  const candidates = name.includes('/') ? [resolve(workspace, name)] : (path ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name));
  return candidates.some((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}
