// The commands a run runs before its first step: preconditions (frontmatter `preconditions:` and
// each step's `Precondition:` with a command), which must all hold or nothing runs, and facts
// (frontmatter `facts:`), read for the record. Both only read: a command that changes production
// is refused here. Pure: rendering with the run's values, no process started.
import { parseMatcher } from '../expect/parse-matcher.js';
import type { Command, Matcher, Runbook, Step } from '../model/runbook.js';
import { describeGate, findGate } from '../gates/find-gate.js';
import { readGatePatterns } from '../gates/find-step-gates.js';
import { factsSchema, preconditionsSchema } from '../parse/read-frontmatter.js';
import { findPlaceholders } from '../resolve/find-placeholders.js';
import { fillPlaceholders } from '../resolve/fill-placeholders.js';
import { renderCommand } from '../resolve/render-command.js';
import { readPreconditionLabel } from '../run/precondition-label.js';

export interface PlannedCheck {
  /** `frontmatter`, or the step whose `Precondition:` it is. */
  from: string;
  /** What runs, values inserted and quoted. */
  text: string;
  /** What people see: secrets masked. */
  display: string;
  says: { source: string; matcher: Matcher }[];
}

export interface PlannedFact {
  name: string;
  text: string;
  display: string;
}

export interface Checks {
  preconditions: PlannedCheck[];
  facts: PlannedFact[];
  problems: string[];
}

export function findChecks(runbook: Runbook, file: string, toRun: readonly Step[], values: Record<string, string>, secrets: ReadonlySet<string>): Checks {
  const problems: string[] = [];
  const patterns = readGatePatterns(runbook);
  const render = (text: string, what: string): { text: string; display: string } | undefined => {
    const gate = findGate(text, { patterns });
    if (gate !== undefined) {
      problems.push(`${what} \`${text}\` changes production (${describeGate(gate)}); preconditions and facts may only read`);
      return undefined;
    }
    const command: Command = { text, position: { line: 1, column: 1 }, source: 'inline', excludeFromRunAll: false, placeholders: findPlaceholders(text) };
    const rendered = renderCommand(command, values, { mask: secrets });
    if (rendered.missing.length > 0) problems.push(`${what} \`${text}\` needs ${rendered.missing.map((n) => `<${n}>`).join(', ')}; give ${rendered.missing.map((n) => `--set ${n}=…`).join(' ')}`);
    for (const unsafe of rendered.unsafe) problems.push(`${what} \`${text}\`: the value of <${unsafe.name}> cannot be inserted safely: ${unsafe.reason}`);
    return rendered.text === '' ? undefined : { text: rendered.text, display: rendered.display };
  };
  // A matcher's text may name a value (`stdout contains "<cluster>"`), filled as a step's outcome is.
  const fill = (matcher: Matcher): Matcher => (matcher.kind === 'contains' ? { ...matcher, text: fillPlaceholders(matcher.text, values) } : matcher);

  const preconditions: PlannedCheck[] = [];
  // Malformed frontmatter is already an error diagnostic, which stops the run in preflight.
  for (const p of preconditionsSchema.safeParse(runbook.frontmatter.preconditions ?? []).data ?? []) {
    const rendered = render(p.command, 'the precondition');
    const parsed = p.says === undefined ? undefined : parseMatcher(p.says);
    const says = parsed?.kind === 'matcher' && p.says !== undefined ? [{ source: p.says, matcher: fill(parsed.matcher) }] : [];
    if (rendered) preconditions.push({ from: 'frontmatter', ...rendered, says });
  }
  for (const step of toRun) {
    for (const attestation of step.attestations) {
      const check = readPreconditionLabel(attestation);
      if (check === undefined) continue;
      const where = `${file}:${attestation.position.line}:${attestation.position.column}`;
      for (const bad of check.invalid) problems.push(`${where}: the precondition of ${step.id} says \`${bad.source}\`, which is not a matcher: ${bad.reason}`);
      const rendered = render(check.command, `${where}: the precondition of ${step.id}`);
      if (rendered) preconditions.push({ from: step.id, ...rendered, says: check.says.map((s) => ({ ...s, matcher: fill(s.matcher) })) });
    }
  }

  const facts: PlannedFact[] = [];
  for (const f of factsSchema.safeParse(runbook.frontmatter.facts ?? []).data ?? []) {
    const { name, command } = typeof f === 'string' ? { name: f, command: f } : { name: f.name ?? f.command, command: f.command };
    const rendered = render(command, 'the fact');
    if (rendered) facts.push({ name, ...rendered });
  }
  return { preconditions, facts, problems };
}
