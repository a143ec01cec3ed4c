// The label vocabulary of the labelled-bullet style (`- **Action:** …`) and its synonyms.
import type { Paragraph, PhrasingContent } from 'mdast';

export const labelKinds = {
  action: ['action', 'step', 'task'],
  command: ['command', 'commands', 'run', 'cmd'],
  expected: ['expected outcome', 'expected outcomes', 'expected', 'expect', 'verify', 'verification', 'validation', 'expected result', 'expected output'],
  dependsOn: ['depends on', 'depends', 'requires', 'needs', 'after'],
  capture: ['capture', 'output', 'save as', 'captures'],
  timeout: ['timeout'],
  retries: ['retries', 'retry'],
  confirm: ['confirm', 'confirmation', 'requires confirmation'],
  continueOnError: ['continue on error', 'continue-on-error', 'on error'],
  cwd: ['cwd', 'working directory', 'workdir', 'directory'],
  env: ['env', 'environment'],
  attestation: [
    'status', 'waiver', 'policy', 'procedure', 'backup policy', 'restore procedure', 'identification',
    'template', 'expectation', 'attestation', 'precondition', 'preconditions', 'prerequisite',
    'prerequisites', 'sign-off', 'signoff', 'approval', 'owner', 'rollback criteria', 'go/no-go',
  ],
} as const;

export type LabelKind = keyof typeof labelKinds;

/**
 * Attestation labels that may carry a check instead of a statement: a `Precondition:` whose
 * value holds a command in inline code (`` `kubectl config current-context` says `stdout
 * contains "staging"` ``) is run before anything else (src/run/precondition-label.ts).
 */
export const preconditionLabels: readonly string[] = ['precondition', 'preconditions'];

const kindByLabel = new Map<string, LabelKind>();
for (const [kind, names] of Object.entries(labelKinds) as [LabelKind, readonly string[]][]) {
  for (const name of names) kindByLabel.set(name, kind);
}

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
    return { label, kind: kindOf(label), value: trimStart(value) };
  }
  if (first.type === 'text') {
    const match = plainLabel.exec(first.value);
    if (!match?.[1]) return undefined;
    const kind = kindOf(match[1]);
    if (kind === 'note') return undefined;
    const restText = first.value.slice(match[0].length);
    return { label: match[1].trim(), kind, value: trimStart([{ ...first, value: restText }, ...rest]) };
  }
  return undefined;
}

export function kindOf(label: string): LabelKind | 'note' {
  return kindByLabel.get(label.trim().toLowerCase().replace(/\s+/g, ' ')) ?? 'note';
}

function trimStart(nodes: PhrasingContent[]): PhrasingContent[] {
  const [first, ...rest] = nodes;
  if (first?.type === 'text') {
    const value = first.value.replace(/^\s+/, '');
    return value ? [{ ...first, value }, ...rest] : rest;
  }
  return nodes;
}
