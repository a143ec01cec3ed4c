// The plan for a person at a terminal: sections, steps, commands as they would run, what is checked.
import { formatDurationCompact } from '../format/format-duration.js';
import { describeOption, describeSettling, placeDecisions, statedCondition } from './place-decisions.js';
import type { Plan, PlanDecision, PlanStep } from './plan-schema.js';

export function renderPlanText(plan: Plan): string {
  const out: string[] = [];
  const runnable = plan.steps.filter((s) => s.kind === 'command').length;
  out.push(plan.title, `${plan.file} · ${plan.steps.length} steps (${runnable} with commands, ${plan.steps.length - runnable} to attest or read)`, '');
  if (plan.params.length > 0) {
    out.push('Parameters');
    const width = Math.max(...plan.params.map((p) => p.name.length));
    for (const param of plan.params) {
      const state = param.invalid !== undefined ? 'INVALID' : param.missing ? 'MISSING' : `= ${param.value ?? ''}${param.source ? `  (${param.source})` : ''}`;
      out.push(`  ${param.name.padEnd(width)}  ${state}${param.description ? `  — ${param.description}` : ''}`);
    }
    out.push('');
  }
  let section: string | undefined;
  let parent: string | undefined;
  const placed = placeDecisions(plan);
  for (const step of plan.steps) {
    if (step.section !== section) {
      section = step.section;
      // A section with no step headings is its own step: its line says it all.
      if (section !== undefined && step.id !== section) out.push(`${section}. ${step.sectionTitle ?? ''}`.trimEnd());
    }
    if (step.parent && step.parent.id !== parent) out.push(`  ${step.parent.id}  ${step.parent.title}`);
    parent = step.parent?.id;
    for (const decision of placed.get(step.id) ?? []) out.push(...renderDecision(decision, step.parent ? '    ' : '  '));
    out.push(...renderStep(step, step.parent ? '    ' : '  '));
  }
  if (plan.missing.length > 0) {
    out.push('', 'Missing values (nothing runs until each is given with --set, --vars or its environment variable):');
    for (const m of plan.missing) {
      // `[NAMESPACE]` is given as `--set namespace=…`: say so when the token is not `<name>` itself.
      const given = m.tokens.every((token) => token === `<${m.name}>`) ? '' : `, --set ${m.name}=…`;
      out.push(`  ${m.tokens.join(', ')}  used at ${m.positions.map((p) => `${plan.file}:${p.line}:${p.column}`).join(', ')}  (${m.environment.join(' or ')}${given})`);
    }
  }
  if (plan.invalid.length > 0) {
    out.push('', 'Invalid values:');
    for (const i of plan.invalid) out.push(`  ${i.name}: ${i.message}`);
  }
  const errors = plan.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = plan.diagnostics.length - errors;
  if (plan.diagnostics.length > 0) out.push('', `Lint: ${errors} error(s), ${warnings} warning(s) — run \`runbook lint ${plan.file}\` for details`);
  return `${out.join('\n')}\n`;
}

/** `◇ recover.choice  One of: Option A / Option B`, then one line per option. */
function renderDecision(decision: PlanDecision, indent: string): string[] {
  const width = Math.max(...decision.options.map((o) => o.id.length));
  const stated = statedCondition(decision);
  const kind = decision.kind === 'choice' ? 'choice: a run takes one branch' : `condition${stated !== undefined ? `: ${oneLine(stated)}` : ''}`;
  return [
    `${indent}◇ ${decision.id}  ${decision.title}  (${kind})`,
    ...decision.options.map((option) => `${indent}    ${option.id.padEnd(width)}  ${describeOption(option)}`),
    `${indent}    ${describeSettling(decision)}`,
  ];
}

function renderStep(step: PlanStep, indent: string): string[] {
  const lines: string[] = [];
  const flags = [
    step.branch && `only when ${step.branch.decision} is ${step.branch.option}`,
    step.gate && `asks first: ${step.gate}`,
    step.timeoutMs !== undefined && `timeout ${formatDurationCompact(step.timeoutMs)}`,
    step.retries > 0 && `retries ${step.retries}`,
    step.continueOnError && 'continues on error',
    step.dependsOn.length > 0 && !isSequential(step) && `after ${step.dependsOn.join(', ')}`,
  ].filter(Boolean);
  lines.push(`${indent}${step.id}  ${step.title}${flags.length > 0 ? `  [${flags.join('; ')}]` : ''}`);
  const body = `${indent}     `;
  for (const command of step.commands) {
    const [first, ...rest] = command.display.split('\n');
    const notes = [command.name !== undefined && `cell ${command.name}`, command.excludeFromRunAll && 'excluded from run-all'].filter(Boolean);
    lines.push(`${body}$ ${first}${notes.length > 0 ? `   (${notes.join(', ')})` : ''}`);
    for (const line of rest) lines.push(`${body}  ${line}`);
    if (command.usesCaptures.length > 0) lines.push(`${body}  (uses captured ${command.usesCaptures.map((c) => `<${c}>`).join(', ')})`);
    for (const reason of command.refused ?? []) lines.push(`${body}  (refused: ${reason})`);
  }
  for (const name of step.captures) lines.push(`${body}→ captures stdout as <${name}>`);
  for (const e of step.expectations) {
    const how = e.kind === 'checked' ? 'checked' : e.sample ? 'attested by the operator beside a sample, not compared' : 'attested by the operator';
    lines.push(`${body}expect (${how}): ${oneLine(e.text)}`);
  }
  if (step.kind === 'command' && !step.expectations.some((e) => e.checks.some((c) => /^exit\b/i.test(c)))) lines.push(`${body}check: exit 0`);
  for (const a of step.attestations) lines.push(`${body}confirm: ${a.label ? `${a.label}: ` : a.kind === 'task' ? '[ ] ' : ''}${oneLine(a.text)}`);
  for (const n of step.notes) lines.push(`${body}note: ${n.label ? `${n.label}: ` : ''}${oneLine(n.text)}`);
  return lines;
}

function isSequential(step: PlanStep): boolean {
  return step.dependsOn.length === 1;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}
