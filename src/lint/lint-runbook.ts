// Lint: the parser's and the graph's diagnostics, plus rules about what a runbook can verify.
import type { Diagnostic, Position, Runbook } from '../model/runbook.js';
import { findEnvNameCollisions } from './find-env-name-collisions.js';

/** Diagnostics that make the file itself bad input (exit 2) rather than a runbook with errors. */
export const fatalRules = new Set(['frontmatter-yaml', 'frontmatter-toml', 'frontmatter-schema']);

const leftover = /\$\{\{[^}]*\}\}|\{\{[^}]*\}\}|\{%[^%]*%\}/g;

/** Go template syntax (`{{.metadata.name}}`, `{{range .items}}`, `{{end}}`): what kubectl, docker and helm take as `-o go-template=`, `--format`. */
const goTemplate = /^\{\{-?\s*(?:\.|\$|(?:range|if|else|end|with|define|template|block|json|index|printf|print|len|not|and|or|eq|ne)\b)/;

/** A Go template quoted for the command it is given to: the command reads it, so it is no leftover. */
function isGoTemplateArgument(text: string, index: number, found: string): boolean {
  return goTemplate.test(found) && quoteAt(text, index) !== undefined;
}

/** The shell quote open at `index` of `text`, if any. */
function quoteAt(text: string, index: number): string | undefined {
  let open: string | undefined;
  for (let i = 0; i < index; i++) {
    const c = text[i];
    if (open === undefined && c === '\\') i += 1;
    else if (open === undefined && (c === "'" || c === '"')) open = c;
    else if (open === '"' && c === '\\') i += 1;
    else if (c === open) open = undefined;
  }
  return open;
}

/** Commands that watch or follow forever: in a runbook they hang the run until a timeout. */
const neverEnding = /(?:^|[\s;&|(])(?:watch\s|tail\s+(?:-\w*[fF]\b|--follow)|journalctl\b[^\n|;]*\s(?:-f|--follow)\b|kubectl\b[^\n|;]*\s(?:-w|--watch|--watch-only)\b|kubectl\s+(?:\S+\s+)*?logs\b[^\n|;]*\s(?:-f|--follow)\b|docker\s+logs\b[^\n|;]*\s(?:-f|--follow)\b)/;

export function lintRunbook(runbook: Runbook, graphDiagnostics: Diagnostic[]): Diagnostic[] {
  const found: Diagnostic[] = [...runbook.diagnostics, ...graphDiagnostics, ...findEnvNameCollisions(runbook.params)];
  if (runbook.steps.length === 0) {
    found.push({ severity: 'warning', ruleId: 'no-steps', message: 'No steps found: expected `###` step headings, labelled bullets or shell code blocks', position: { line: 1, column: 1 } });
  }
  const informing = new Set(runbook.sections.filter((section) => section.informational === true).map((section) => section.id));
  for (const step of runbook.steps) {
    // A section's own prose (no step headings), and steps of a section that only informs
    // (Overview, Symptoms), are reading matter, not steps that forgot their command.
    const reading = step.id === step.section || (step.section !== undefined && informing.has(step.section));
    if (step.commands.length === 0 && step.attestations.length === 0 && step.expectations.length === 0 && !reading) {
      found.push({ severity: 'warning', ruleId: 'no-command', message: `Step ${step.id} has no command and no attestation: nothing to run or confirm`, position: step.position });
    }
    for (const command of step.commands) {
      for (const match of command.text.matchAll(leftover)) {
        if (isGoTemplateArgument(command.text, match.index, match[0])) continue;
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
