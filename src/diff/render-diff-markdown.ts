// The runbook diff as part of a pull-request comment: per file, what a reviewer must look at,
// with changed commands in ```diff blocks.
import { codeBlock, codeSpan, inlineText } from '../format/escape-markdown.js';
import { indentBlock } from '../format/indent-block.js';
import { describeField, describeStatus, describeValue, lineFields, NO_CHANGES } from './describe-change.js';
import { hasChanges, type FieldChange, type FileDiff, type RunbookField, type StepField } from './diff-runbooks.js';

export function renderDiffMarkdown(files: FileDiff[], base: string): string {
  const out: string[] = [`## Runbook changes since ${codeSpan(base)}`, ''];
  if (files.length === 0) out.push(`${capitalise(NO_CHANGES)}: no runbook changed.`, '');
  else if (!files.some((f) => hasChanges(f.diff))) out.push(`${capitalise(NO_CHANGES)}.`, '');
  for (const file of files) {
    out.push(`### ${codeSpan(file.path)} — ${inlineText(describeStatus(file))}`, '');
    out.push(...renderFile(file));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function renderFile({ diff }: FileDiff): string[] {
  if (!hasChanges(diff)) return [`${capitalise(NO_CHANGES)}.`, ''];
  const out: string[] = [];
  const group = (title: string, items: string[]): void => {
    if (items.length > 0) out.push(`**${title}**`, '', ...items, '');
  };
  group('Runbook settings', diff.settings.flatMap((c) => renderChange(c)));
  group(
    'Parameters',
    diff.params.map((p) => `- ${p.change === 'added' ? '➕' : p.change === 'removed' ? '➖' : '✏️'} ${codeSpan(`<${p.name}>`)} ${p.change}${p.details.length > 0 ? `: ${inlineText(p.details.join('; '))}` : ''}`),
  );
  group('Placeholders', [
    ...(diff.placeholders.added.length > 0 ? [`- new: ${diff.placeholders.added.map((n) => codeSpan(`<${n}>`)).join(', ')}`] : []),
    ...(diff.placeholders.removed.length > 0 ? [`- vanished: ${diff.placeholders.removed.map((n) => codeSpan(`<${n}>`)).join(', ')}`] : []),
  ]);
  group(
    'Steps added',
    diff.added.flatMap((s) => [
      `- ${codeSpan(s.id)} ${inlineText(s.title)}${s.gate ? ` — ⚠ asks first (${inlineText(s.gate)})` : ''}`,
      ...(s.commands.length > 0 ? ['', indentBlock(codeBlock(s.commands.join('\n'), 'sh'), '  ')] : []),
    ]),
  );
  group('Steps removed', diff.removed.map((s) => `- ${codeSpan(s.id)} ${inlineText(s.title)}`));
  group('Steps renamed', diff.renamed.map(({ from, to }) => `- ${codeSpan(from.id)} ${inlineText(from.title)} → ${codeSpan(to.id)} ${inlineText(to.title)}`));
  group(
    'Steps reordered',
    diff.reordered.map((m) => `- ${codeSpan(m.step.id)} ${inlineText(m.step.title)}: now ${m.after ? `after ${codeSpan(m.after)}` : 'first'} (was ${m.wasAfter ? `after ${codeSpan(m.wasAfter)}` : 'first'})`),
  );
  group(
    'Decision points (branches)',
    diff.decisions.flatMap((d) => [
      `- ${d.change === 'added' ? '➕' : d.change === 'removed' ? '➖' : '✏️'} ${codeSpan(d.id)} ${inlineText(d.title)} ${d.change}`,
      ...d.details.map((detail) => `  - ${inlineText(detail)}`),
    ]),
  );
  group(
    'Steps changed',
    diff.changed.flatMap(({ step, changes }) => [`- ${codeSpan(step.id)} ${inlineText(step.title)}`, ...changes.flatMap((c) => renderChange(c).map((line) => indentBlock(line, '  ')))]),
  );
  return out;
}

function renderChange(change: FieldChange<StepField | RunbookField>): string[] {
  const name = describeField(change.field);
  // A step that no longer asks before it runs is the change a reviewer must not miss.
  const warn = change.field === 'gate' && change.to === null ? '⚠ ' : '';
  if (!lineFields.has(change.field)) return [`- ${warn}${name}: ${codeOrWords(change, change.from)} → ${codeOrWords(change, change.to)}`];
  const lines = [
    ...(change.from === null ? [] : change.from.split('\n').map((l) => `- ${l}`)),
    ...(change.to === null ? [] : change.to.split('\n').map((l) => `+ ${l}`)),
  ];
  const verb = change.from === null ? 'added' : change.to === null ? 'removed' : 'changed';
  return [`- ${name} ${verb}:`, '', indentBlock(codeBlock(lines.join('\n'), 'diff'), '  ')];
}

/** Values are code; what an absent value means is words. */
function codeOrWords(change: FieldChange<StepField | RunbookField>, value: string | null): string {
  if (value === null || change.field === 'gate' || change.field === 'title') return inlineText(describeValue(change, value));
  return codeSpan(value);
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
