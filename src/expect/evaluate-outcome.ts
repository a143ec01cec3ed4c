// The verdicts on a step's expected outcomes once its command has finished. Pure: the executor
// feeds the streams, calls these, and turns `unverified` into `attested` if a person confirms.
import type { OutcomeResult } from '../model/events.js';
import type { Expectation, Matcher } from '../model/runbook.js';
import { compareConsole } from './compare-console.js';
import { excerpt, quote } from './format-evidence.js';
import { evaluateMatcher, type CommandSummary } from './evaluate-matcher.js';
import { expectedText } from './expected-text.js';

export type { CommandSummary } from './evaluate-matcher.js';

export type OutcomeInput = Pick<Expectation, 'text' | 'matchers' | 'expectedOutput' | 'sample'>;

const IMPLICIT_EXIT: Matcher = { kind: 'exit', code: 0 };

/**
 * One result per matcher (its `expected` is the inline code as written), one for the console
 * transcript's expected lines if any, and a single `unverified` result when nothing is checkable.
 */
export function evaluateOutcome(expectation: OutcomeInput, summary: CommandSummary): OutcomeResult[] {
  const results = expectation.matchers.map((located) => evaluateMatcher(located.matcher, summary, located.source));
  // An empty transcript output usually means the author left it out, not that none was printed.
  if (expectation.expectedOutput !== undefined && expectation.expectedOutput.length > 0) {
    results.push(evaluateTranscript(expectation, expectation.expectedOutput, summary));
  }
  // A sample is never compared: it is shown beside the output for a person to judge.
  if (results.length === 0) results.push(unverified(expectedText(expectation), summary));
  return results;
}

/** Every step checks its exit code: `exit 0`, unless one of its outcomes has an `exit` matcher. */
export function evaluateImplicitExit(
  expectations: readonly Pick<Expectation, 'matchers'>[],
  summary: CommandSummary,
): OutcomeResult | undefined {
  const explicit = expectations.some((expectation) => expectation.matchers.some((located) => located.matcher.kind === 'exit'));
  return explicit ? undefined : evaluateMatcher(IMPLICIT_EXIT, summary, 'exit 0');
}

/** The implicit exit check first, then every outcome's results, in document order. */
export function evaluateOutcomes(expectations: readonly OutcomeInput[], summary: CommandSummary): OutcomeResult[] {
  const implicit = evaluateImplicitExit(expectations, summary);
  return [...(implicit ? [implicit] : []), ...expectations.flatMap((expectation) => evaluateOutcome(expectation, summary))];
}

function evaluateTranscript(expectation: OutcomeInput, expected: readonly string[], summary: CommandSummary): OutcomeResult {
  summary.stdout.end();
  summary.stderr.end();
  const stdout = summary.stdout.text();
  const onStdout = compareConsole(stdout, expected, summary.stdout.mask);
  // A terminal shows both streams; if stdout alone does not fit, try it followed by stderr.
  const joined = stdout === '' || stdout.endsWith('\n') ? stdout : `${stdout}\n`;
  const combined = onStdout.ok || summary.stderr.blank ? onStdout : compareConsole(`${joined}${summary.stderr.text()}`, expected, summary.stdout.mask);
  const result = combined.ok ? combined : onStdout;
  return {
    expected: expectation.text === '' ? expected.join('\n') : expectation.text,
    verdict: result.ok ? 'verified' : 'failed',
    evidence: result.evidence,
  };
}

function unverified(text: string, summary: CommandSummary): OutcomeResult {
  summary.stdout.end();
  const last = summary.stdout.lastLine();
  const shown = last === '' ? 'stdout was empty' : `stdout ended with ${quote(excerpt(last))}`;
  return { expected: text, verdict: 'unverified', evidence: `no matcher to check automatically; ${shown}` };
}
