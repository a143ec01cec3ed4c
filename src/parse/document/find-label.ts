// A label at the start of a paragraph (`**Label:** value`), as the labelled-bullet style writes it.
import type { Paragraph, PhrasingContent } from 'mdast';
import { labelKindOf, type LabelKind } from '../vocabulary.js';

export interface FoundLabel {
  /** The label as written, without colon or emphasis: `Expected Outcome`. */
  label: string;
  /** Known kind, or `note` for a label we keep but do not interpret. */
  kind: LabelKind | 'note';
  /** The phrasing nodes after the label (the value), with the leading colon text removed. */
  value: PhrasingContent[];
}

const plainLabel = /^\s*([A-Za-z][A-Za-z /&'-]{0,40}?)\s*:(?=\s|$)/;

/**
 * Reads `**Label:** value`, `**Label**: value`, `*Label:*`, `__Label__:` or `Label: value` at the
 * start of a paragraph. Emphasised labels may be anything; plain-text ones must be known, so
 * that a sentence such as "Note the time: …" is not mistaken for a label.
 */
export function findLabel(paragraph: Paragraph): FoundLabel | undefined {
  const [first, ...rest] = paragraph.children;
  if (!first) return undefined;
  if ((first.type === 'strong' || first.type === 'emphasis') && first.children.every((c) => c.type === 'text')) {
    const inner = first.children.map((c) => (c.type === 'text' ? c.value : '')).join('').trim();
    let label = inner;
    let value = rest;
    if (inner.endsWith(':')) {
      label = inner.slice(0, -1).trim();
    } else {
      const next = rest[0];
      if (next?.type !== 'text' || !/^\s*:/.test(next.value)) return undefined;
      value = [{ ...next, value: next.value.replace(/^\s*:/, '') }, ...rest.slice(1)];
    }
    if (!label || label.length > 40) return undefined;
    return { label, kind: labelKindOf(label), value: trimStart(value) };
  }
  if (first.type === 'text') {
    const match = plainLabel.exec(first.value);
    if (!match?.[1]) return undefined;
    const kind = labelKindOf(match[1]);
    if (kind === 'note') return undefined;
    const restText = first.value.slice(match[0].length);
    return { label: match[1].trim(), kind, value: trimStart([{ ...first, value: restText }, ...rest]) };
  }
  return undefined;
}

function trimStart(nodes: PhrasingContent[]): PhrasingContent[] {
  const [first, ...rest] = nodes;
  if (first?.type === 'text') {
    const value = first.value.replace(/^\s+/, '');
    return value ? [{ ...first, value }, ...rest] : rest;
  }
  return nodes;
}
