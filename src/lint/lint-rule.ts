// What a lint rule is (the remark-lint shape): an id, a severity, one sentence, its page in
// docs/rules/, and a check from the runbook to diagnostics. Every rule lives in src/lint/rules/
// and is listed once in its registry (src/lint/rules/index.ts).
import type { GraphResult } from '../graph/build-graph.js';
import type { Command, Diagnostic, Position, Runbook, Step } from '../model/runbook.js';
import type { ShellCommand, ShellReading } from './read-shell-commands.js';

export interface RuleContext {
  /** The step graph, built when a rule first asks for it. */
  readonly graph: GraphResult;
  /** Where a step comes in the run order (graph order); steps the graph does not know come last. */
  runIndex(step: Step): number;
  /** A command as bash reads it, wrappers looked through; null when the parser cannot read it (the rule skips it). */
  shell(command: Command): ShellReading | null;
  /** Every simple command of every step, as the shell reads it, in document order. */
  readonly shellCommands: readonly ShellCommandOf[];
  /** The file position of an offset in a command's text. */
  positionIn(command: Command, offset: number): Position;
}

/** A simple command with the runbook command and step it is written in. */
export interface ShellCommandOf {
  step: Step;
  command: Command;
  /** The runbook command's index within its step. */
  index: number;
  shell: ShellCommand;
}

export type RuleFinding = Omit<Diagnostic, 'severity' | 'ruleId'>;

export interface LintRule {
  id: string;
  severity: Diagnostic['severity'];
  /** One sentence: what the rule finds. */
  description: string;
  /** Its page, with a failing and a passing example that the tests run. */
  docs: string;
  /** Reads commands through the shell parser: run by `runbook lint`, which loads it first. */
  readsShell: boolean;
  check(runbook: Runbook, context: RuleContext): RuleFinding[];
}

/** A rule with its page at docs/rules/<id>.md. */
export function defineRule(rule: Omit<LintRule, 'docs' | 'readsShell'> & { readsShell?: boolean }): LintRule {
  return { ...rule, docs: `docs/rules/${rule.id}.md`, readsShell: rule.readsShell ?? false };
}
