// Input that parses but cannot be run as meant, found before anything starts: time limits a timer
// cannot keep, values no process can take (a NUL byte ends a C string, so the command would run
// with less than was given), and a selection with nothing in it to run or confirm.
import type { Runbook, Step } from '../model/runbook.js';
import { formatDurationCompact } from '../format/format-duration.js';
import { commandsToRun } from '../run/step-needs.js';
import { timeLimitProblem } from './run-settings.js';

/** Timeouts and retry delays of the runbook and of the steps to run that no timer can wait for. */
export function findLimitProblems(runbook: Runbook, toRun: readonly Step[], file: string): string[] {
  const problems: string[] = [];
  const check = (ms: number | undefined, what: string): void => {
    const problem = ms === undefined ? undefined : timeLimitProblem(ms);
    if (problem) problems.push(`${what} ${formatDurationCompact(ms as number)}: ${problem}`);
  };
  check(runbook.timeoutMs, `${file}: the frontmatter's timeout`);
  for (const step of toRun) {
    const at = `${file}:${step.position.line}:${step.position.column}: ${step.id}`;
    check(step.timeoutMs, `${at}: Timeout`);
    if (step.retries > 0 && step.retryDelayMs > 0) check(step.retryDelayMs, `${at}: the delay between retries`);
  }
  return problems;
}

/** Values and environment entries that hold a NUL byte. */
export function findNulProblems(values: Record<string, string>, runbook: Runbook, toRun: readonly Step[]): string[] {
  const nul = (text: string): boolean => text.includes('\0');
  return [
    ...Object.entries(values).filter(([, v]) => nul(v)).map(([name]) => `the value of <${name}> holds a NUL byte, which no command can be given`),
    ...Object.entries(runbook.env).filter(([, v]) => nul(v)).map(([name]) => `the frontmatter's env ${name} holds a NUL byte, which no command can be given`),
    ...toRun.flatMap((s) => Object.entries(s.env).filter(([, v]) => nul(v)).map(([name]) => `${s.id}: Env ${name} holds a NUL byte, which no command can be given`)),
  ];
}

/** A run of steps with no command, no attestation and no outcome to confirm would "pass" having done nothing. */
export function findNothingToRun(toRun: readonly Step[], includeExcluded: boolean, file: string): string[] {
  const something = toRun.some((s) => commandsToRun(s, includeExcluded).length > 0 || s.attestations.length > 0 || s.expectations.length > 0);
  if (something) return [];
  return [toRun.length === 0 ? `${file}: nothing to run: no step is selected` : `${file}: nothing to run: the steps selected have no command, attestation or outcome to confirm`];
}
