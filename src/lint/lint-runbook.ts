// Lint: the parser's and the graph's diagnostics, plus the rules of the registry
// (src/lint/rules/): what a runbook can verify, and the rollback pitfalls of SPEC §6.
import type { SilencedRule } from '../model/events.js';
import type { Diagnostic, Runbook } from '../model/runbook.js';
import { buildRuleContext } from './build-rule-context.js';
import { findEscapingProcesses } from './find-escaping-processes.js';
import { findSilencedGates } from './find-silenced-gates.js';
import { FILE_START } from './position-in-command.js';
import { lintRules } from './rules/index.js';
import { lintInteractiveCommands } from './rules/interactive-commands.js';
import { lintManualSteps } from './rules/manual-steps.js';
import { lintRunmeCells } from './rules/runme-cells.js';
import { silencedRules } from './silenced-rules.js';

/** Diagnostics that make the file itself bad input (exit 2) rather than a runbook with errors. */
export const fatalRules = new Set(['frontmatter-yaml', 'frontmatter-toml', 'frontmatter-schema', 'nesting-too-deep', 'too-many-headings', 'frontmatter-too-large', 'invalid-utf8']);

export interface LintSelection {
  /**
   * Run the rules that read commands through the shell parser; the caller has loaded it
   * (`runbook lint` does; plan and exec, which need not pay for it, leave these rules out).
   */
  readShell?: boolean;
  /** Only these rules of the registry (`--rule`); all when absent. */
  only?: ReadonlySet<string>;
  /** Not these (`--ignore`). */
  ignore?: ReadonlySet<string>;
}

export interface LintReport {
  diagnostics: Diagnostic[];
  /** Rules the frontmatter silences, each with its reason and what it found all the same. */
  silenced: (SilencedRule & { diagnostics: Diagnostic[] })[];
}

export function lintRunbook(runbook: Runbook, graphDiagnostics: Diagnostic[], selection: LintSelection = {}): Diagnostic[] {
  return lintRunbookReport(runbook, graphDiagnostics, selection).diagnostics;
}

export function lintRunbookReport(runbook: Runbook, graphDiagnostics: Diagnostic[], selection: LintSelection = {}): LintReport {
  const context = buildRuleContext(runbook);
  const reasons = new Map(silencedRules(runbook).map((entry) => [entry.rule, entry.reason]));
  // How blocks were read (manual steps and why, commands that need a terminal, Runme attributes
  // that cannot be honoured, a `Confirm: no` that silences a gate) is always reported, as the parser's own diagnostics are.
  const found: Diagnostic[] = [...runbook.diagnostics, ...graphDiagnostics, ...findSilencedGates(runbook), ...runbook.steps.flatMap(findEscapingProcesses), ...lintManualSteps(runbook), ...lintInteractiveCommands(runbook), ...lintRunmeCells(runbook)];
  const silenced: LintReport['silenced'] = [];
  for (const rule of lintRules) {
    if ((rule.readsShell && !selection.readShell) || (selection.only && !selection.only.has(rule.id)) || selection.ignore?.has(rule.id)) continue;
    const diagnostics = rule.check(runbook, context).map((finding): Diagnostic => ({ severity: rule.severity, ruleId: rule.id, message: finding.message, position: finding.position ?? FILE_START }));
    const reason = reasons.get(rule.id);
    if (reason === undefined) found.push(...diagnostics);
    else silenced.push({ rule: rule.id, reason, diagnostics: sortDiagnostics(diagnostics) });
  }
  return { diagnostics: sortDiagnostics(found), silenced };
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const at = (d: Diagnostic) => d.position ?? FILE_START;
  return [...diagnostics].sort((a, b) => at(a).line - at(b).line || at(a).column - at(b).column || a.ruleId.localeCompare(b.ruleId));
}
