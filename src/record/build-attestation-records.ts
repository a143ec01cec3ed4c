// Attestations as planned, each with the latest answer the events give it; then any the
// operator was asked that the plan did not list. Pure.
import type { PlannedStep } from '../model/events.js';
import { findLast, type AttestationEvent } from './collect-run.js';
import type { AttestationRecord } from './record-context.js';

export interface AttestationInput {
  stepIds: readonly string[];
  planned: ReadonlyMap<string, PlannedStep>;
  titleOf: (stepId: string) => string;
  events: readonly AttestationEvent[];
  dryRun: boolean;
}

export function buildAttestationRecords({ stepIds, planned, titleOf, events, dryRun }: AttestationInput): AttestationRecord[] {
  const latest = (stepId: string, text: string): AttestationEvent | undefined =>
    dryRun ? undefined : findLast(events, (e) => e.stepId === stepId && e.text === text);
  const records: AttestationRecord[] = [];
  for (const id of stepIds) {
    for (const a of planned.get(id)?.attestations ?? []) {
      const e = latest(id, a.text);
      records.push({
        stepId: id,
        stepTitle: titleOf(id),
        kind: a.kind,
        label: a.label ?? e?.label ?? null,
        text: a.text,
        answer: e?.answer ?? (dryRun ? 'planned' : 'not-asked'),
        by: e?.by ?? null,
        at: e?.time ?? null,
      });
    }
  }
  if (dryRun) return records;
  for (const e of events) {
    const known = records.some((r) => r.stepId === e.stepId && r.text === e.text);
    if (known || latest(e.stepId, e.text) !== e) continue;
    records.push({
      stepId: e.stepId,
      stepTitle: titleOf(e.stepId),
      kind: 'label',
      label: e.label ?? null,
      text: e.text,
      answer: e.answer,
      by: e.by ?? null,
      at: e.time,
    });
  }
  return records;
}

/** A waiver is an attestation whose label says so (`Waiver`, `Waivers`, `Security waiver`). */
export function isWaiver(a: AttestationRecord): boolean {
  return /waiver/i.test(a.label ?? '');
}
