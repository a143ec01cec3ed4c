// One matcher against one finished command: verified or failed, with evidence a reviewer can
// read in a drill record without opening the log.
import type { OutcomeResult } from '../model/events.js';
import type { Matcher } from '../model/runbook.js';
import { formatDuration, formatDurationCompact } from '../format/format-duration.js';
import { formatBytes, quote } from './format-evidence.js';
import { formatMatcher } from './format-matcher.js';
import { compileMatcherRegex, type StreamWatch, type TextMatcher } from './stream-watch.js';

/** What the executor knows once a command has finished (see CommandResult for the journal). */
export interface CommandSummary {
  exitCode: number | null;
  /** The signal that ended it, when it did not exit by itself. */
  signal?: string | null;
  durationMs: number;
  timedOut: boolean;
  stdout: StreamWatch;
  stderr: StreamWatch;
}

export function evaluateMatcher(matcher: Matcher, summary: CommandSummary, expected = formatMatcher(matcher)): OutcomeResult {
  const [ok, evidence] = check(matcher, summary);
  return { expected, matcher, verdict: ok ? 'verified' : 'failed', evidence };
}

function check(matcher: Matcher, summary: CommandSummary): [boolean, string] {
  switch (matcher.kind) {
    case 'exit':
      return checkExit(matcher.code, summary);
    case 'within': {
      const limit = formatDurationCompact(matcher.ms);
      const took = formatDuration(summary.durationMs);
      if (summary.timedOut) return [false, `timed out after ${took}, expected within ${limit}`];
      return summary.durationMs <= matcher.ms ? [true, `took ${took} (limit ${limit})`] : [false, `took ${took}, expected within ${limit}`];
    }
    case 'empty': {
      const watch = finished(summary, matcher.stream);
      if (!watch.blank) return [false, `${describe(watch)} is not empty${lastLine(watch)}`];
      return [true, watch.bytes === 0 ? `${watch.stream} is empty` : `${watch.stream} is empty (only whitespace, ${formatBytes(watch.bytes)})`];
    }
    case 'lines': {
      const watch = finished(summary, matcher.stream);
      const count = watch.lines;
      const has = `${watch.stream} has ${count} ${count === 1 ? 'line' : 'lines'}`;
      return compare(count, matcher.op, matcher.count)
        ? [true, `${has} (expected ${matcher.op} ${matcher.count})`]
        : [false, `${has}, expected ${matcher.op} ${matcher.count}`];
    }
    case 'contains':
    case 'matches':
      return checkText(matcher, summary);
  }
}

function checkExit(code: number | 'nonzero', summary: CommandSummary): [boolean, string] {
  const wanted = code === 'nonzero' ? 'a nonzero exit code' : `exit code ${code}`;
  if (summary.timedOut) return [false, `timed out after ${formatDuration(summary.durationMs)}, expected ${wanted}`];
  if (summary.exitCode === null) return [false, `killed by ${summary.signal ?? 'a signal'}, expected ${wanted}`];
  if (code === 'nonzero') {
    return summary.exitCode !== 0 ? [true, `exit code ${summary.exitCode} (nonzero)`] : [false, 'exit code 0, expected nonzero'];
  }
  return summary.exitCode === code ? [true, `exit code ${code}`] : [false, `exit code ${summary.exitCode}, expected ${code}`];
}

function checkText(matcher: TextMatcher, summary: CommandSummary): [boolean, string] {
  const watch = finished(summary, matcher.stream);
  if (matcher.kind === 'matches' && compileMatcherRegex(matcher) === undefined) {
    return [false, `invalid regular expression /${matcher.source}/${matcher.flags}`];
  }
  const found = watch.find(matcher);
  if (found !== undefined) return [true, `${watch.stream} line ${found.line}: ${found.excerpt}`];
  // Say how much was looked at, so "not found in 2 GB" and "not found in the kept 128 kB" differ.
  const partly = watch.truncated && !watch.tracks(matcher) ? ' (only the kept head and tail were searched)' : '';
  const what = matcher.kind === 'contains' ? quote(matcher.text) : `/${matcher.source}/${matcher.flags}`;
  if (watch.bytes === 0) return [false, `${watch.stream} is empty, expected it to ${matcher.kind === 'contains' ? 'contain' : 'match'} ${what}`];
  const miss =
    matcher.kind === 'contains' ? `${describe(watch)} does not contain ${what}` : `no line of ${describe(watch)} matches ${what}`;
  return [false, `${miss}${partly}${lastLine(watch)}`];
}

function finished(summary: CommandSummary, stream: 'stdout' | 'stderr'): StreamWatch {
  const watch = summary[stream];
  watch.end();
  return watch;
}

function describe(watch: StreamWatch): string {
  const lines = watch.lines;
  return `${watch.stream} (${formatBytes(watch.bytes)}, ${lines} ${lines === 1 ? 'line' : 'lines'})`;
}

function lastLine(watch: StreamWatch): string {
  const line = watch.lastLine();
  return line === '' ? '' : `; last line: ${quote(line)}`;
}

function compare(actual: number, op: Extract<Matcher, { kind: 'lines' }>['op'], wanted: number): boolean {
  switch (op) {
    case '>=':
      return actual >= wanted;
    case '<=':
      return actual <= wanted;
    case '==':
      return actual === wanted;
    case '>':
      return actual > wanted;
    case '<':
      return actual < wanted;
  }
}
