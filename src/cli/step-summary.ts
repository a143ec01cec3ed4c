// GitHub Actions shows Markdown appended to the file named by GITHUB_STEP_SUMMARY on the run's
// page. A summary is a courtesy: failing to write it must never change a run's result.
import { appendFileSync } from 'node:fs';

/** Appends to $GITHUB_STEP_SUMMARY; returns whether it was written. Never throws. */
export function appendStepSummary(markdown: string, file = process.env.GITHUB_STEP_SUMMARY, warn: (text: string) => void = (text) => process.stderr.write(text)): boolean {
  if (!file) return false;
  try {
    appendFileSync(file, markdown.endsWith('\n') ? `${markdown}\n` : `${markdown}\n\n`);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    warn(`runbook: warning: could not write the step summary to ${file} (${code})\n`);
    return false;
  }
}
