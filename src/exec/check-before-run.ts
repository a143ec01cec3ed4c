// The last checks before the first step, once the values are settled: the --answers file read
// against the runbook, --strict refusing a run whose statements nobody here can confirm, the
// preconditions (every one must hold) and the facts read for the record. A problem is bad input
// (exit 2) with nothing of the runbook run.
import { PreflightError } from '../cli/errors.js';
import type { LoadedRunbook } from '../cli/load-runbook.js';
import type { FactResult, PreconditionResult } from '../model/events.js';
import { createMask, secretEnvValues, type Mask } from '../run/mask-secrets.js';
import type { Runbook } from '../model/runbook.js';
import { fillPlaceholders } from '../resolve/fill-placeholders.js';
import { statementsOf } from '../run/statement-ids.js';
import { commandsToRun } from '../run/step-needs.js';
import { nobodyToAsk } from './build-output.js';
import { commandEnv } from './command-env.js';
import { findChecks } from './find-checks.js';
import type { RunPlan } from './preflight.js';
import { readAnswers, type AnswerBook } from './read-answers.js';
import { readFacts, runPreconditions } from './run-checks.js';
import type { RunSettings } from './run-settings.js';
import type { SessionIO } from './session-io.js';

export interface BeforeRun {
  answers?: AnswerBook;
  /** Why nobody can be asked in this run (`no terminal`), or undefined when a person can. */
  unattended?: string;
  preconditions: PreconditionResult[];
  facts: FactResult[];
}

/** A precondition or fact that hangs (an unreachable cluster) is ended after this long. */
const CHECK_TIMEOUT_MS = 30_000;

export async function checkBeforeRun(loaded: LoadedRunbook, settings: RunSettings, plan: RunPlan, io: SessionIO): Promise<BeforeRun> {
  const { runbook, file } = loaded;
  const answers = settings.answers === undefined ? undefined : readAnswers(settings.answers, runbook.steps, plan.includeExcluded);
  const unattended = nobodyToAsk(settings, io);
  if (settings.strict && unattended !== undefined && !settings.dryRun) {
    const open = plan.toRun.flatMap((s) => statementsOf(s, commandsToRun(s, plan.includeExcluded).length > 0)).filter((s) => !answers?.answers.has(s.id));
    if (open.length > 0) {
      const n = open.length;
      throw new PreflightError([
        `--strict: ${n} statement${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} a person, and nobody can answer here (${unattended}): ${open.map((s) => `${s.id} (${firstWords(s.text)})`).join(', ')}; ${answers ? `answer ${n === 1 ? 'it' : 'them'} in ${answers.file}` : 'give --answers FILE'}, or run at a terminal`,
      ]);
    }
  }
  const checks = findChecks(runbook, file, plan.toRun, plan.values, plan.secrets);
  if (checks.problems.length > 0) throw new PreflightError(checks.problems);
  const base = { ...(answers && { answers }), ...(unattended !== undefined && { unattended }) };
  if (settings.dryRun) {
    return {
      ...base,
      preconditions: checks.preconditions.map((p) => ({ from: p.from, command: p.display, ...(p.says.length > 0 && { says: p.says.map((s) => s.source).join(', ') }), verdict: 'planned', evidence: 'dry run: not checked' })),
      facts: checks.facts.map((f) => ({ name: f.name, command: f.display, value: null, exitCode: null, problem: 'dry run: not read' })),
    };
  }
  const place = { shell: runbook.shell, cwd: plan.cwd, env: commandEnv(runbook, plan.values, undefined, io.env), mask: runMask(runbook, plan, io.env), timeoutMs: CHECK_TIMEOUT_MS };
  const preconditions = await runPreconditions(checks.preconditions, place);
  const failed = preconditions.find((p) => p.verdict === 'failed');
  if (failed) {
    const of = failed.from === 'frontmatter' ? 'the precondition' : `the precondition of ${failed.from}`;
    throw new PreflightError([`${of} \`${failed.command}\`${failed.says ? ` (${failed.says})` : ''} does not hold: ${failed.evidence}`]);
  }
  return { ...base, preconditions, facts: await readFacts(checks.facts, place) };
}

/** Secret values and secret-looking environment values, masked wherever a run shows text. */
export function runMask(runbook: Pick<Runbook, 'env' | 'steps'>, plan: Pick<RunPlan, 'secrets' | 'values'>, env: SessionIO['env']): Mask {
  return createMask(runSecrets(runbook, plan, env));
}

/**
 * The values a run's mask starts from: the secret params' values (whatever their length), and
 * environment values named like secrets, the operator's and the runbook's own (from
 * MIN_ENV_SECRET characters on).
 */
export function runSecrets(runbook: Pick<Runbook, 'env' | 'steps'>, plan: Pick<RunPlan, 'secrets' | 'values'>, env: SessionIO['env']): string[] {
  const declared = [...plan.secrets].map((n) => plan.values[n]).filter((v): v is string => v !== undefined);
  const written = [runbook.env, ...runbook.steps.map((s) => s.env)].map((e) => Object.fromEntries(Object.entries(e).map(([name, value]) => [name, fillPlaceholders(value, plan.values)])));
  return [...declared, ...secretEnvValues(env), ...written.flatMap(secretEnvValues)];
}

function firstWords(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
