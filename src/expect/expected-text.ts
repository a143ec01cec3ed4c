// How an expected outcome is named wherever it is shown (the question, the verdict, the record):
// its prose, and for a sample of output (SPEC §2 "Samples are not checks") the sample itself, so
// the operator judges the real output beside it and the record keeps what was shown.
import type { Expectation } from '../model/runbook.js';

const SAMPLE_LINES_SHOWN = 12;

export function expectedText(expectation: Pick<Expectation, 'text' | 'sample'>): string {
  const sample = expectation.sample;
  if (sample === undefined || sample.length === 0) return expectation.text;
  const shown = sample.slice(0, SAMPLE_LINES_SHOWN);
  const more = sample.length > shown.length ? [`… (${sample.length - shown.length} more lines)`] : [];
  return `${expectation.text} (a sample, not compared):\n${[...shown, ...more].map((line) => `  ${line}`).join('\n')}`;
}
