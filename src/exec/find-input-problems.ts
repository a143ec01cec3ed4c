// Input that parses but cannot be run as meant, found before anything starts: time limits a timer
// cannot keep, values no process can take (a NUL byte ends a C string, so the command would run
// with less than was given, and no shell can be started with a command or value over 128 KiB),
// and a selection with nothing in it to run or confirm.
import type { Command, Runbook, Step } from '../model/runbook.js';
import { formatDurationCompact } from '../format/format-duration.js';
import type { RenderedCommand } from '../resolve/render-command.js';
import { MAX_COMMAND_BYTES } from '../run/spawn-shell.js';
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

/** Commands, as they will run, and given values too long for a shell to be started with. */
export function findSizeProblems(toRun: readonly Step[], includeExcluded: boolean, rendered: ReadonlyMap<Command, RenderedCommand>, values: Record<string, string>, file: string): string[] {
  const size = (text: string): number => Buffer.byteLength(text, 'utf8');
  const bytes = (count: number): string => `${count.toLocaleString('en')} bytes`;
  const problems: string[] = [];
  for (const step of toRun) {
    for (const command of commandsToRun(step, includeExcluded)) {
      const length = size(rendered.get(command)?.text ?? command.text);
      if (length <= MAX_COMMAND_BYTES) continue;
      problems.push(`${file}:${command.position.line}:${command.position.column}: the command of ${step.id} is ${bytes(length)}, more than the ${bytes(MAX_COMMAND_BYTES)} (128 KiB) a shell can be given as its command; split the block into steps, or put it in a script file the step runs`);
    }
  }
  // Exported as one environment entry, NAME=value: a little is left for the name.
  const valueLimit = MAX_COMMAND_BYTES - 1024;
  for (const [name, value] of Object.entries(values)) {
    if (size(value) > valueLimit) problems.push(`the value of <${name}> is ${bytes(size(value))}, more than the ${bytes(valueLimit)} a command can be given as one environment entry; give the path of a file that holds it instead`);
  }
  return problems;
}
