// Runs the preconditions (each must hold, or the run stops before its first step) and reads the
// facts (whatever they print is recorded, a failure included). Each with a time limit, in the
// commands' working directory and environment.
import { evaluateOutcomes } from '../expect/evaluate-outcome.js';
import type { FactResult, PreconditionResult } from '../model/events.js';
import type { Mask } from '../run/mask-secrets.js';
import { spawnShell, type SpawnResult } from '../run/spawn-shell.js';
import { firstLine } from '../record/record-text.js';
import type { PlannedCheck, PlannedFact } from './find-checks.js';

export interface CheckPlace {
  shell: string;
  cwd: string;
  env: Record<string, string>;
  mask: Mask;
  /** Ends a check that hangs (an unreachable cluster). */
  timeoutMs: number;
}

const FACT_CHARS = 200;

export async function runPreconditions(checks: readonly PlannedCheck[], place: CheckPlace): Promise<PreconditionResult[]> {
  const results: PreconditionResult[] = [];
  for (const check of checks) {
    const spawned = await run(check.text, place, check.says.map((s) => s.matcher));
    const expectation = { text: check.says.map((s) => s.source).join(', '), matchers: check.says.map((s) => ({ matcher: s.matcher, source: s.source, position: { line: 1, column: 1 } })) };
    const verdicts = spawned.spawnError
      ? [{ verdict: 'failed', evidence: spawned.spawnError }]
      : evaluateOutcomes(check.says.length > 0 ? [expectation] : [], summaryOf(spawned));
    const failed = verdicts.find((v) => v.verdict === 'failed');
    const evidence = failed?.evidence ?? verdicts.map((v) => v.evidence).join('; ');
    results.push({
      from: check.from,
      command: check.display,
      ...(check.says.length > 0 && { says: expectation.text }),
      verdict: failed ? 'failed' : 'verified',
      evidence: place.mask(evidence),
    });
    // The first that does not hold is the one to name; nothing after it runs.
    if (failed) break;
  }
  return results;
}

export async function readFacts(facts: readonly PlannedFact[], place: CheckPlace): Promise<FactResult[]> {
  const results: FactResult[] = [];
  for (const fact of facts) {
    const spawned = await run(fact.text, place, []);
    spawned.stdout.end();
    spawned.stderr.end();
    // Masked, then cut: no cut leaves a piece of a secret.
    const value = spawned.stdout.shown().trim().slice(0, FACT_CHARS);
    const stderr = firstLine(spawned.stderr.shown(), 120);
    const problem = spawned.spawnError ?? (spawned.timedOut ? 'timed out' : spawned.exitCode !== 0 ? `exit ${spawned.exitCode ?? spawned.signal ?? '?'}${stderr ? `: ${stderr}` : ''}` : undefined);
    results.push({ name: fact.name, command: fact.display, value: value === '' ? null : value, exitCode: spawned.exitCode, ...(problem !== undefined && { problem }) });
  }
  return results;
}

function run(command: string, place: CheckPlace, matchers: PlannedCheck['says'][number]['matcher'][]): Promise<SpawnResult> {
  return spawnShell({ command, shell: place.shell, cwd: place.cwd, env: place.env, timeoutMs: place.timeoutMs, matchers, mask: place.mask });
}

function summaryOf(spawned: SpawnResult) {
  return { exitCode: spawned.exitCode, signal: spawned.signal, durationMs: spawned.durationMs, timedOut: spawned.timedOut, stdout: spawned.stdout, stderr: spawned.stderr };
}
