// The runbook diff for a terminal: one block per file, one line per change, commands as -/+ lines.
import { describeField, describeStatus, describeValue, lineFields, NO_CHANGES } from './describe-change.js';
import { hasChanges, type FieldChange, type FileDiff, type RunbookField, type StepField } from './diff-runbooks.js';

export function renderDiffText(files: FileDiff[], base: string): string {
  if (files.length === 0) return `${NO_CHANGES} since ${base} (no runbook changed)\n`;
  const out: string[] = [`runbook changes since ${base}`];
  for (const file of files) {
    out.push('', `${file.path}  (${describeStatus(file)})`);
    out.push(...renderFile(file));
  }
  if (!files.some((f) => hasChanges(f.diff))) out.push('', NO_CHANGES);
  return `${out.join('\n')}\n`;
}

function renderFile(file: FileDiff): string[] {
  const { diff } = file;
  if (!hasChanges(diff)) return [`  ${NO_CHANGES}`];
  const out: string[] = [];
  for (const change of diff.settings) out.push(...renderChange('  runbook ', change));
  for (const p of diff.params) {
    const sign = p.change === 'added' ? '+' : p.change === 'removed' ? '-' : '~';
    out.push(`  param ${sign} <${p.name}>${p.details.length > 0 ? `  ${p.details.join('; ')}` : ''}`);
  }
  if (diff.placeholders.added.length > 0) out.push(`  new placeholders: ${diff.placeholders.added.map((n) => `<${n}>`).join(', ')}`);
  if (diff.placeholders.removed.length > 0) out.push(`  vanished placeholders: ${diff.placeholders.removed.map((n) => `<${n}>`).join(', ')}`);
  for (const step of diff.added) {
    out.push(`  + ${step.id}  ${step.title}${step.gate ? `  [asks first: ${step.gate}]` : ''}`);
    for (const command of step.commands) out.push(...prefixLines(command, '      $ ', '        '));
  }
  for (const step of diff.removed) out.push(`  - ${step.id}  ${step.title}`);
  for (const { from, to } of diff.renamed) {
    if (from.id === to.id) out.push(`  renamed ${to.id}: "${from.title}" → "${to.title}"`);
    else if (from.title === to.title) out.push(`  renamed ${from.id} → ${to.id}  ${to.title}`);
    else out.push(`  renamed ${from.id} "${from.title}" → ${to.id} "${to.title}"`);
  }
  for (const move of diff.reordered) {
    out.push(`  moved ${move.step.id}  ${move.step.title}: now ${move.after ? `after ${move.after}` : 'first'} (was ${move.wasAfter ? `after ${move.wasAfter}` : 'first'})`);
  }
  for (const decision of diff.decisions) {
    const sign = decision.change === 'added' ? '+' : decision.change === 'removed' ? '-' : '~';
    out.push(`  decision point ${sign} ${decision.id}  ${decision.title}`);
    for (const detail of decision.details) out.push(`      ${detail}`);
  }
  for (const { step, changes } of diff.changed) {
    out.push(`  ~ ${step.id}  ${step.title}`);
    for (const change of changes) out.push(...renderChange('      ', change));
  }
  return out;
}

function renderChange(indent: string, change: FieldChange<StepField | RunbookField>): string[] {
  const name = describeField(change.field);
  if (!lineFields.has(change.field)) return [`${indent}${name}: ${describeValue(change, change.from)} → ${describeValue(change, change.to)}`];
  const lines = [`${indent}${name}:`];
  if (change.from !== null) lines.push(...prefixLines(change.from, `${indent}  - `, `${indent}    `));
  if (change.to !== null) lines.push(...prefixLines(change.to, `${indent}  + `, `${indent}    `));
  return lines;
}

function prefixLines(text: string, first: string, rest: string): string[] {
  return text.split('\n').map((line, i) => `${i === 0 ? first : rest}${line}`.trimEnd());
}
