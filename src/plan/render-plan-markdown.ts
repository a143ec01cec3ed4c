// The plan as a pull-request comment: what a reviewer must see before approving a runbook change.
// Pure and deterministic (no times, no paths but the plan's own), so the same plan gives the same
// bytes and a re-posted comment only changes when the runbook does.
import { formatDurationCompact } from '../expect/format-matcher.js';
import type { Plan, PlanStep } from './plan-schema.js';

export function renderPlanMarkdown(plan: Plan): string {
  const out: string[] = [];
  const runnable = plan.steps.filter((s) => s.kind === 'command').length;
  out.push(`## Runbook plan: ${headingText(plan.title)}`, '');
  out.push(`${codeSpan(plan.file)} · ${count(plan.steps.length, 'step')} (${runnable} with commands, ${plan.steps.length - runnable} to attest or read) · shell ${codeSpan(plan.shell)}`, '');
  if (plan.description) out.push(...plan.description.split('\n').map((line) => `> ${inlineText(line)}`.trimEnd()), '');
  if (plan.missing.length > 0) {
    out.push(`**⚠ ${count(plan.missing.length, 'value')} missing:** ${plan.missing.map((m) => codeSpan(`<${m.name}>`)).join(', ')}. Nothing runs until each is given with \`--set\`, \`--vars\` or \`RUNBOOK_<NAME>\`.`, '');
  }
  if (plan.invalid.length > 0) {
    out.push('**⚠ Invalid values:**', '', ...plan.invalid.map((i) => `- ${codeSpan(`<${i.name}>`)}: ${inlineText(i.message)}`), '');
  }
  out.push(...renderParams(plan));
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

function renderSteps(plan: Plan): string[] {
  const out: string[] = [];
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
    out.push(fence(command.template, 'sh'));
    const remarks = [
      command.excludeFromRunAll && 'excluded from run-all',
      command.usesCaptures.length > 0 && `uses captured ${command.usesCaptures.map((c) => codeSpan(`<${c}>`)).join(', ')}`,
      command.missing.length > 0 && `⚠ needs ${command.missing.map((c) => codeSpan(`<${c}>`)).join(', ')}`,
    ].filter(Boolean);
    if (remarks.length > 0) out.push('', `*(${remarks.join('; ')})*`);
    out.push('');
  }
  const facts: string[] = [];
  if (step.alternative === true) facts.push(`**Alternative:** runs only when picked with \`--only ${step.id}\``);
  if (step.gate !== undefined) facts.push(`⚠ **Asks first:** ${inlineText(step.gate)}`);
  for (const e of step.expectations) {
    // Matchers already written in the prose are not repeated.
    const unseen = e.checks.filter((c) => !e.text.includes(c)).map(codeSpan);
    const how = e.kind === 'checked' ? `*checked*${unseen.length > 0 ? `: ${unseen.join(', ')}` : ''}` : '*attested*';
    facts.push(`**Expected** (${how}): ${inlineText(e.text)}`);
    if (e.expectedOutput) facts.push(`**Expected output:**\n\n${indent(fence(e.expectedOutput.join('\n'), 'text'), '  ')}\n`);
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
  return ['<details><summary>Resolved commands</summary>', '', ...note, fence(blocks.join('\n\n'), 'sh'), '', '</details>', ''];
}

/** Numbered ids (`A.1`, `2.3`) read as part of the title; a slug id is shown as the code it is. */
function stepHeading(id: string, title: string): string {
  return /^(?:[A-Z]|\d+|[IVX]+)(?:\.\d+)*$/i.test(id) ? `${id} ${headingText(title)}` : `${headingText(title)} (${codeSpan(id)})`;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${by}${line}`))
    .join('\n');
}

function sectionHeading(id: string, title: string | undefined): string {
  if (title === undefined) return headingText(id);
  // Numbered sections (`A.`, `2.`, `IV.`) keep their number; a slug id adds nothing to the title.
  return /^(?:[A-Z]|\d+|[IVX]+)$/i.test(id) ? `${id}. ${headingText(title)}` : headingText(title);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

// Markdown building blocks shared by the renderers whose output ends up on GitHub.

/** Inline code that survives any content: a backtick run longer than any inside, padded if needed. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  if (flat === '') return '` `';
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = /^`|`$/.test(flat) || (/^ /.test(flat) && / $/.test(flat)) ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run in the text. */
export function fence(text: string, lang = ''): string {
  const ticks = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${ticks}${lang}\n${text.replace(/\n+$/, '')}\n${ticks}`;
}

/**
 * Runbook prose (already Markdown) on one line, made safe to embed: code spans are kept as
 * written; outside them `<` is escaped, so `<deployment-name>` in prose is shown rather than
 * swallowed as an HTML tag.
 */
export function inlineText(markdown: string): string {
  const flat = markdown.replace(/\s*\r?\n\s*/g, ' ').trim();
  let out = '';
  let i = 0;
  while (i < flat.length) {
    if (flat[i] === '`') {
      const n = runAt(flat, i);
      const close = findRun(flat, i + n, n);
      if (close === -1) {
        out += flat.slice(i, i + n);
        i += n;
      } else {
        out += flat.slice(i, close + n);
        i = close + n;
      }
      continue;
    }
    const ch = flat[i] as string;
    out += ch === '<' ? '&lt;' : ch;
    i += 1;
  }
  return out;
}

/** A table cell: one line, pipes escaped (GFM honours `\|` inside code spans too). */
export function tableCell(markdown: string): string {
  return markdown.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function headingText(text: string): string {
  // A trailing `#` would be read as the heading's closing sequence.
  return inlineText(text).replace(/#$/, '\\#');
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

function runAt(text: string, i: number): number {
  let n = 0;
  while (text[i + n] === '`') n += 1;
  return n;
}

/** Index of the next backtick run of exactly `n`, or -1 (CommonMark's rule for closing a code span). */
function findRun(text: string, from: number, n: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] !== '`') {
      i += 1;
      continue;
    }
    const m = runAt(text, i);
    if (m === n) return i;
    i += m;
  }
  return -1;
}
