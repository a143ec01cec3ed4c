// Lint: the parser's and the graph's diagnostics, plus rules about what a runbook can verify.
import type { Diagnostic, Position, Runbook } from '../model/runbook.js';
import { findEnvNameCollisions } from './find-env-name-collisions.js';

/** Diagnostics that make the file itself bad input (exit 2) rather than a runbook with errors. */
export const fatalRules = new Set(['frontmatter-yaml', 'frontmatter-toml', 'frontmatter-schema']);

const leftover = /\$\{\{[^}]*\}\}|\{\{[^}]*\}\}|\{%[^%]*%\}/g;

/** Commands that watch or follow forever: in a runbook they hang the run until a timeout. */
const neverEnding = /(?:^|[\s;&|(])(?:watch\s|tail\s+(?:-\w*[fF]\b|--follow)|journalctl\b[^\n|;]*\s(?:-f|--follow)\b|kubectl\b[^\n|;]*\s(?:-w|--watch|--watch-only)\b|kubectl\s+(?:\S+\s+)*?logs\b[^\n|;]*\s(?:-f|--follow)\b|docker\s+logs\b[^\n|;]*\s(?:-f|--follow)\b)/;

export function lintRunbook(runbook: Runbook, graphDiagnostics: Diagnostic[]): Diagnostic[] {
  const found: Diagnostic[] = [...runbook.diagnostics, ...graphDiagnostics, ...findEnvNameCollisions(runbook.params)];
  if (runbook.steps.length === 0) {
    found.push({ severity: 'warning', ruleId: 'no-steps', message: 'No steps found: expected `###` step headings, labelled bullets or shell code blocks', position: { line: 1, column: 1 } });
  }
  for (const step of runbook.steps) {
    // A section's own prose (no step headings) is reading matter, not a step that forgot its command.
    if (step.commands.length === 0 && step.attestations.length === 0 && step.expectations.length === 0 && step.id !== step.section) {
      found.push({ severity: 'warning', ruleId: 'no-command', message: `Step ${step.id} has no command and no attestation: nothing to run or confirm`, position: step.position });
    }
    for (const command of step.commands) {
      for (const match of command.text.matchAll(leftover)) {
        found.push({ severity: 'warning', ruleId: 'template-leftover', message: `Unexpected template leftover \`${match[0]}\` in a command, expected a placeholder such as <name>`, position: offsetPosition(command.text, match.index, command.position) });
      }
    }
    for (const command of step.commands) {
      const line = command.text.split('\n').findIndex((l) => !/^\s*#/.test(l) && neverEnding.test(l));
      if (line >= 0 && step.timeoutMs === undefined) {
        found.push({ severity: 'warning', ruleId: 'never-ending-command', message: `Command of ${step.id} watches or follows output and never ends by itself; give the step a Timeout or drop the watch/follow flag`, position: offsetPosition(command.text, command.text.split('\n').slice(0, line).join('\n').length + (line > 0 ? 1 : 0), command.position) });
      }
    }
    if (step.commands.length === 0) continue;
    for (const expectation of step.expectations) {
      if (expectation.matchers.length > 0 || expectation.expectedOutput) continue;
      const message = expectation.sample
        ? `The sample of output in ${step.id} is shown beside the real output, never compared, so an operator must attest it; add a matcher (such as \`stdout contains "…"\`) to check it`
        : `Expected outcome of ${step.id} has no matcher (such as \`stdout contains "…"\`): nothing can verify it, so an operator must attest it`;
      found.push({ severity: 'warning', ruleId: 'unverifiable-outcome', message, position: expectation.position });
    }
  }
  return sortDiagnostics(found);
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column || a.ruleId.localeCompare(b.ruleId));
}

/** The position of `index` within `text` that starts at `start` (later lines start at column 1). */
export function offsetPosition(text: string, index: number, start: Position): Position {
  const before = text.slice(0, index).split('\n');
  return before.length === 1 ? { line: start.line, column: start.column + index } : { line: start.line + before.length - 1, column: (before.at(-1)?.length ?? 0) + 1 };
}
