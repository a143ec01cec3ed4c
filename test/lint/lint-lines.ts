// What `runbook lint example.md` prints for a runbook's text (text format, no colour), in-process.
import { buildGraph } from '../../src/graph/build-graph.js';
import { lintRunbookReport, type LintSelection } from '../../src/lint/lint-runbook.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';

export function lintReport(markdown: string, selection: LintSelection = {}) {
  const runbook = parseRunbook(markdown);
  return lintRunbookReport(runbook, buildGraph(runbook).diagnostics, { readShell: true, ...selection });
}

export function lintLines(markdown: string, selection: LintSelection = {}): string[] {
  return lintReport(markdown, selection).diagnostics.map((d) => `example.md:${d.position.line}:${d.position.column}  ${d.severity}  ${d.message}  ${d.ruleId}`);
}

/** `line:column rule-id` of each finding of these rules. */
export function findings(markdown: string, ...rules: string[]): string[] {
  return lintReport(markdown, { only: new Set(rules) }).diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.ruleId}`);
}
