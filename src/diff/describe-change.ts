// Words for a diff, shared by the text and Markdown renderers so both say the same thing.
import type { FieldChange, FileDiff, RunbookField, StepField } from './diff-runbooks.js';

const fieldNames: Record<StepField | RunbookField, string> = {
  command: 'command',
  'run-all': 'run-all',
  expected: 'expected outcome',
  attestation: 'attestation',
  gate: 'gate',
  branch: 'branch',
  timeout: 'timeout',
  retries: 'retries',
  'continue-on-error': 'continue on error',
  'depends-on': 'depends on',
  captures: 'captures',
  cwd: 'cwd',
  env: 'env',
  title: 'title',
  shell: 'shell',
};

/** Fields whose values are lists of lines, shown as -/+ lines rather than `from → to`. */
export const lineFields: ReadonlySet<string> = new Set<StepField>(['command', 'expected', 'attestation']);

export function describeField(field: StepField | RunbookField): string {
  return fieldNames[field];
}

/** A value as a reader expects it; `null` says what its absence means for that field. */
export function describeValue(change: FieldChange<StepField | RunbookField>, value: string | null): string {
  if (value !== null) return change.field === 'gate' ? `asks first (${value})` : value;
  switch (change.field) {
    case 'gate':
      return 'runs without asking';
    case 'branch':
      return 'runs in every run';
    case 'cwd':
      return 'default';
    case 'timeout':
    case 'env':
    case 'captures':
      return 'none';
    default:
      return '(none)';
  }
}

export function describeStatus(file: FileDiff): string {
  switch (file.status) {
    case 'added':
      return 'new runbook';
    case 'deleted':
      return 'deleted';
    case 'renamed':
      return `renamed from ${file.oldPath ?? '?'}`;
    case 'modified':
      return 'modified';
  }
}

export const NO_CHANGES = 'no changes to runbook behaviour';
