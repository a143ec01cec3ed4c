// Lint: the parser's and the graph's diagnostics, plus rules about what a runbook can verify.
import type { Diagnostic, Runbook } from '../model/runbook.js';
import { findEnvNameCollisions } from './find-env-name-collisions.js';
import { offsetPosition } from './offset-position.js';
import { lintInteractiveCommands } from './rules/interactive-commands.js';
import { lintManualSteps } from './rules/manual-steps.js';
import { lintRunmeCells } from './rules/runme-cells.js';

export { offsetPosition };

/** Diagnostics that make the file itself bad input (exit 2) rather than a runbook with errors. */
export const fatalRules = new Set(['frontmatter-yaml', 'frontmatter-toml', 'frontmatter-schema', 'invalid-utf8']);

const leftover = /\$\{\{[^}]*\}\}|\{\{[^}]*\}\}|\{%[^%]*%\}/g;

export function lintRunbook(runbook: Runbook, graphDiagnostics: Diagnostic[]): Diagnostic[] {
  const found: Diagnostic[] = [...runbook.diagnostics, ...graphDiagnostics, ...findEnvNameCollisions(runbook.params), ...lintManualSteps(runbook), ...lintInteractiveCommands(runbook), ...lintRunmeCells(runbook)];
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
    if (step.alternative) {
      found.push({ severity: 'warning', ruleId: 'alternative-step', message: `Step ${step.id} is one of several alternatives ("${step.title}"): it runs only when picked with --only ${step.id}`, position: step.position });
    }
    if (step.commands.length === 0) continue;
    for (const expectation of step.expectations) {
      if (expectation.matchers.length > 0 || expectation.expectedOutput) continue;
      found.push({ severity: 'warning', ruleId: 'unverifiable-outcome', message: `Expected outcome of ${step.id} has no matcher (such as \`stdout contains "…"\`): nothing can verify it, so an operator must attest it`, position: expectation.position });
    }
  }
  return sortDiagnostics(found);
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column || a.ruleId.localeCompare(b.ruleId));
}
