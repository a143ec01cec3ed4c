// Text of mdast nodes as a reader would quote it.
import type { PhrasingContent, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** Phrasing as written: inline code keeps its backticks so matchers stay visible in prose. */
export function phrasingText(nodes: PhrasingContent[]): string {
  return nodes.map((node) => {
    if (node.type === 'inlineCode') return `\`${node.value}\``;
    if (node.type === 'text') return node.value;
    if (node.type === 'break') return '\n';
    if ('children' in node) return phrasingText(node.children as PhrasingContent[]);
    if ('value' in node) return String(node.value);
    return '';
  }).join('');
}

export function actionText(nodes: PhrasingContent[]): string {
  // "Scale the workers to zero: `kubectl scale …`" → "Scale the workers to zero".
  return phrasingText(nodes).replace(/:\s*`.*$/s, '').replace(/\s+/g, ' ').trim();
}

export function blockText(node: RootContent): string {
  if (node.type === 'paragraph') return phrasingText(node.children).trim();
  if (node.type === 'list') return node.children.map((item) => `- ${item.children.map((c) => blockText(c)).join(' ')}`).join('\n');
  return toString(node);
}

export function rowsText(table: Table): string {
  return table.children.map((row) => row.children.map((cell) => toString(cell)).join(' | ')).join('\n');
}

/** The first line, trimmed and cut to a title's length. */
export function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim().slice(0, 120);
}
