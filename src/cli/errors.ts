// Typed errors the entry point maps to exit codes (SPEC §1). Anything else is a bug.
import type { Position } from '../model/runbook.js';

/** Bad input: a file, a flag, a value. Exit 2, nothing run. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly file?: string, readonly position?: Position) {
    super(message);
  }
}

/** Several problems found before anything ran (missing placeholders, unapproved gates…). Exit 2. */
export class PreflightError extends Error {
  override readonly name = 'PreflightError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** A command's result decided the exit code (1 failed, 130 interrupted); its output is already shown. */
export class ExitCode extends Error {
  override readonly name = 'ExitCode';
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function formatLocation(file: string | undefined, position: Position | undefined): string {
  if (!file) return '';
  return position ? `${file}:${position.line}:${position.column}: ` : `${file}: `;
}
