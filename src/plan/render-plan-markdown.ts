// The plan as a pull-request comment: what a reviewer must see before approving a runbook change.
// Pure and deterministic (no times, no paths but the plan's own), so the same plan gives the same
// bytes and a re-posted comment only changes when the runbook does.
import { codeBlock, codeSpan, inlineText, tableCell } from '../format/escape-markdown.js';
import { formatDurationCompact } from '../format/format-duration.js';
import { indentBlock } from '../format/indent-block.js';
import { describeSettling, placeDecisions, statedCondition } from './place-decisions.js';
import type { Plan, PlanDecision, PlanStep } from './plan-schema.js';
import { FLOWCHART_MAX_STEPS, renderPlanFlowchart } from './render-plan-flowchart.js';

// Until src/run/render-run-summary.ts imports them from src/format itself.

export function renderPlanMarkdown(plan: Plan): string {
  const out: string[] = [];
  const runnable = plan.steps.filter((s) => s.kind === 'command').length;
  out.push(`## Runbook plan: ${headingText(plan.title)}`, '');
  out.push(`${codeSpan(plan.file)} · ${count(plan.steps.length, 'step')} (${runnable} with commands, ${plan.steps.length - runnable} to attest or read) · shell ${codeSpan(plan.shell)}`, '');
  if (plan.description) out.push(...plan.description.split('\n').map((line) => `> ${inlineText(line)}`.trimEnd()), '');
  if (plan.missing.length > 0) {
    const variables = plan.missing.flatMap((m) => m.environment.map(codeSpan)).join(', ');
    out.push(`**⚠ ${count(plan.missing.length, 'value')} missing:** ${plan.missing.flatMap((m) => m.tokens.map(codeSpan)).join(', ')}. Nothing runs until each is given with \`--set\`, \`--vars\` or the environment (${variables}).`, '');
  }
  if (plan.invalid.length > 0) {
    out.push('**⚠ Invalid values:**', '', ...plan.invalid.map((i) => `- ${codeSpan(`<${i.name}>`)}: ${inlineText(i.message)}`), '');
  }
  out.push(...renderParams(plan));
  out.push(...renderGraph(plan));
  out.push(...renderSteps(plan));
  out.push(...renderDiagnostics(plan));
  out.push(...renderResolved(plan));
  return `${out.join('\n').trimEnd()}\n`;
}

function renderParams(plan: Plan): string[] {
  if (plan.params.length === 0) return [];
  const rows = plan.params.map((p) => {
    const value = p.missing ? '⚠ **missing**' : p.value !== undefined ? `${codeSpan(p.value)}${p.source ? ` (${p.source})` : ''}` : '—';
    const notes = [p.secret && 'secret', !p.declared && 'not declared in frontmatter'].filter(Boolean).join(', ');
    const description = [p.description && inlineText(p.description), notes && `*${notes}*`].filter(Boolean).join(' ');
    return `| ${tableCell(codeSpan(`<${p.name}>`))} | ${tableCell(value)} | ${tableCell(p.default !== undefined ? codeSpan(p.default) : '—')} | ${tableCell(description || '—')} |`;
  });
  return ['### Parameters', '', '| Parameter | Value | Default | Description |', '|---|---|---|---|', ...rows, ''];
}

function renderGraph(plan: Plan): string[] {
  if (plan.steps.length === 0) return [];
  if (plan.steps.length > FLOWCHART_MAX_STEPS) return ['### Step graph', '', `*Not drawn: ${plan.steps.length} steps are more than a chart can show legibly (${FLOWCHART_MAX_STEPS}).*`, ''];
  const summary = plan.decisions.length > 0 ? ` (${count(plan.decisions.length, 'decision point')}, drawn as diamonds)` : '';
  return [`### Step graph${summary}`, '', codeBlock(renderPlanFlowchart(plan).join('\n'), 'mermaid'), ''];
}

/** A decision point where the run meets it: its branches, and how one is taken. */
function renderDecision(decision: PlanDecision): string[] {
  const stated = statedCondition(decision);
  const kind = decision.kind === 'choice' ? 'a run takes one branch' : `a condition${stated !== undefined ? `: ${inlineText(stated)}` : ''}`;
  return [
    `**◇ Decision point ${codeSpan(decision.id)}** — ${inlineText(decision.title)} (${kind}; ${describeSettling(decision, codeSpan)})`,
    '',
    ...decision.options.map((option) => `- ${codeSpan(`${decision.id}=${option.id}`)} ${inlineText(option.title)}${option.steps.length > 0 ? ` → ${option.steps.map(codeSpan).join(', ')}` : ' (runs nothing)'}`),
    '',
  ];
}

function renderSteps(plan: Plan): string[] {
  const out: string[] = [];
  const placed = placeDecisions(plan);
  let section: string | undefined;
  let started = false;
  let parent: string | undefined;
  plan.steps.forEach((step, index) => {
    if (!started || step.section !== section) {
      section = step.section;
      started = true;
      parent = undefined;
      out.push(`### ${section === undefined ? 'Steps' : sectionHeading(section, step.sectionTitle)}`, '');
    }
    if (step.parent && step.parent.id !== parent) out.push(`#### ${stepHeading(step.parent.id, step.parent.title)}`, '');
    parent = step.parent?.id;
    for (const decision of placed.get(step.id) ?? []) out.push(...renderDecision(decision));
    // A section's own step (content directly under the H2) is introduced by the section heading.
    if (step.id !== step.section) out.push(`${step.parent ? '#####' : '####'} ${stepHeading(step.id, step.title)}`, '');
    out.push(...renderStep(step, plan.steps[index - 1]?.id, index === 0));
  });
  return out;
}

function renderStep(step: PlanStep, previous: string | undefined, first: boolean): string[] {
  const out: string[] = [];
  for (const action of step.actions) {
    // A sub-step is titled by its action: do not say it twice.
    if (action.trim() !== step.title.trim()) out.push(`*Action:* ${inlineText(action)}`, '');
  }
  for (const command of step.commands) {
    out.push(codeBlock(command.template, 'sh'));
    const remarks = [
      command.excludeFromRunAll && 'excluded from run-all',
      command.usesCaptures.length > 0 && `uses captured ${command.usesCaptures.map((c) => codeSpan(`<${c}>`)).join(', ')}`,
      command.missing.length > 0 && `⚠ needs ${command.missing.map((c) => codeSpan(`<${c}>`)).join(', ')}`,
    ].filter(Boolean);
    if (remarks.length > 0) out.push('', `*(${remarks.join('; ')})*`);
    out.push('');
  }
  const facts: string[] = [];
  if (step.branch !== undefined) facts.push(`**Runs only when chosen:** ${codeSpan(`${step.branch.decision}=${step.branch.option}`)}`);
  if (step.gate !== undefined) facts.push(`⚠ **Asks first:** ${inlineText(step.gate)}`);
  for (const e of step.expectations) {
    // Matchers already written in the prose are not repeated.
    const unseen = e.checks.filter((c) => !e.text.includes(c)).map(codeSpan);
    const how = e.kind === 'checked' ? `*checked*${unseen.length > 0 ? `: ${unseen.join(', ')}` : ''}` : '*attested*';
    facts.push(`**Expected** (${how}): ${inlineText(e.text)}`);
    if (e.expectedOutput) facts.push(`**Expected output:**\n\n${indentBlock(codeBlock(e.expectedOutput.join('\n'), 'text'), '  ')}\n`);
    if (e.sample) facts.push(`**Sample** (shown beside the real output, not compared):\n\n${indentBlock(codeBlock(e.sample.join('\n'), 'text'), '  ')}\n`);
  }
  if (step.kind === 'command' && !step.expectations.some((e) => e.checks.some((c) => /^exit\b/i.test(c)))) facts.push('**Checked:** `exit 0`');
  for (const name of step.captures) facts.push(`**Captures** stdout as ${codeSpan(`<${name}>`)}`);
  const sequential = step.dependsOn.length === 1 && step.dependsOn[0] === previous;
  if (!first && !sequential) facts.push(step.dependsOn.length === 0 ? '**Runs after:** nothing (independent)' : `**Runs after:** ${step.dependsOn.join(', ')}`);
  else if (first && step.dependsOn.length > 0) facts.push(`**Runs after:** ${step.dependsOn.join(', ')}`);
  const settings = [
    step.timeoutMs !== undefined && `**Timeout** ${formatDurationCompact(step.timeoutMs)}`,
    step.retries > 0 && `**Retries** ${step.retries} (${formatDurationCompact(step.retryDelayMs)} apart)`,
    step.continueOnError && '**Continues on error**',
    step.cwd !== undefined && `**Cwd** ${codeSpan(step.cwd)}`,
    ...Object.entries(step.env).map(([k, v]) => `**Env** ${codeSpan(`${k}=${v}`)}`),
  ].filter(Boolean);
  if (settings.length > 0) facts.push(settings.join(' · '));
  for (const n of step.notes) facts.push(`*${n.label ? inlineText(n.label) : 'Note'}:* ${inlineText(n.text)}`);
  if (facts.length > 0) out.push(...facts.map((f) => `- ${f}`), '');
  if (step.attestations.length > 0) {
    out.push('**Confirm:**', '');
    for (const a of step.attestations) out.push(`- [${a.checked ? 'x' : ' '}] ${a.label ? `**${inlineText(a.label)}:** ` : ''}${inlineText(a.text)}`);
    out.push('');
  }
  return out;
}

function renderDiagnostics(plan: Plan): string[] {
  if (plan.diagnostics.length === 0) return [];
  const errors = plan.diagnostics.filter((d) => d.severity === 'error').length;
  const lines = plan.diagnostics.map(
    (d) => `- ${d.severity === 'error' ? '⛔ **error**' : '⚠ **warning**'} ${codeSpan(`${plan.file}:${d.position.line}:${d.position.column}`)} ${inlineText(d.message)} (${codeSpan(d.ruleId)})`,
  );
  return [`### Lint findings: ${count(errors, 'error')}, ${count(plan.diagnostics.length - errors, 'warning')}`, '', ...lines, ''];
}

function renderResolved(plan: Plan): string[] {
  const blocks = plan.steps
    .filter((s) => s.commands.length > 0)
    .map((s) => [`# ${s.id} ${s.title}`.replace(/\s*\n\s*/g, ' '), ...s.commands.map((c) => c.display)].join('\n'));
  if (blocks.length === 0) return [];
  const note = plan.missing.length > 0 ? ['Placeholders still written as `<name>` have no value yet.', ''] : [];
  return ['<details><summary>Resolved commands</summary>', '', ...note, codeBlock(blocks.join('\n\n'), 'sh'), '', '</details>', ''];
}

/** Numbered ids (`A.1`, `2.3`) read as part of the title; a slug id is shown as the code it is. */
function stepHeading(id: string, title: string): string {
  return /^(?:[A-Z]|\d+|[IVX]+)(?:\.\d+)*$/i.test(id) ? `${id} ${headingText(title)}` : `${headingText(title)} (${codeSpan(id)})`;
}

function sectionHeading(id: string, title: string | undefined): string {
  if (title === undefined) return headingText(id);
  // Numbered sections (`A.`, `2.`, `IV.`) keep their number; a slug id adds nothing to the title.
  return /^(?:[A-Z]|\d+|[IVX]+)$/i.test(id) ? `${id}. ${headingText(title)}` : headingText(title);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function headingText(text: string): string {
  // A trailing `#` would be read as the heading's closing sequence.
  return inlineText(text).replace(/#$/, '\\#');
}
