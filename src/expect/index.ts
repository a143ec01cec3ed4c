// The matcher language: parse inline code into matchers, watch streams, judge outcomes.
export { parseMatcher, parseDuration, type ParsedMatcher } from './parse-matcher.js';
export { formatMatcher, formatDurationCompact } from './format-matcher.js';
export { StreamWatch, compileMatcherRegex, type Finding, type StreamWatchOptions, type TextMatcher } from './stream-watch.js';
export { compareConsole, type ConsoleComparison } from './compare-console.js';
export { evaluateMatcher, type CommandSummary } from './evaluate-matcher.js';
export { evaluateOutcome, evaluateImplicitExit, evaluateOutcomes, type OutcomeInput } from './evaluate-outcome.js';
