// Attestations as planned, each with the latest answer the events give it; then any the
// operator was asked that the plan did not list. Answers join on the statement id (`A.2#a1`);
// only a journal written before statements had ids falls back to the step and the text. Pure.
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

type Planned = PlannedStep['attestations'][number];

export function buildAttestationRecords({ stepIds, planned, titleOf, events, dryRun }: AttestationInput): AttestationRecord[] {
  const answers = (stepId: string, a: Pick<Planned, 'id' | 'text'>) => (e: AttestationEvent): boolean =>
    a.id !== undefined && e.statementId !== undefined ? e.statementId === a.id : e.stepId === stepId && e.text === a.text;
  const latest = (stepId: string, a: Pick<Planned, 'id' | 'text'>): AttestationEvent | undefined => (dryRun ? undefined : findLast(events, answers(stepId, a)));
  const records: AttestationRecord[] = [];
  for (const id of stepIds) {
    for (const a of planned.get(id)?.attestations ?? []) {
      const e = latest(id, a);
      records.push({
        statementId: a.id ?? e?.statementId ?? null,
        stepId: id,
        stepTitle: titleOf(id),
        kind: a.kind,
        label: a.label ?? e?.label ?? null,
        text: a.text,
        answer: e?.answer ?? (dryRun ? 'planned' : 'not-asked'),
        ...answeredBy(e),
      });
    }
  }
  if (dryRun) return records;
  for (const e of events) {
    const known = records.some((r) => answers(r.stepId, { ...(r.statementId !== null && { id: r.statementId }), text: r.text })(e));
    if (known || latest(e.stepId, { ...(e.statementId !== undefined && { id: e.statementId }), text: e.text }) !== e) continue;
    records.push({ statementId: e.statementId ?? null, stepId: e.stepId, stepTitle: titleOf(e.stepId), kind: 'label', label: e.label ?? null, text: e.text, answer: e.answer, ...answeredBy(e) });
  }
  return records;
}

function answeredBy(e: AttestationEvent | undefined): Pick<AttestationRecord, 'by' | 'at' | 'via' | 'note'> {
  return { by: e?.by ?? null, at: e?.time ?? null, via: e?.via ?? null, note: e?.note ?? null };
}

/** A waiver is an attestation whose label says so (`Waiver`, `Waivers`, `Security waiver`). */
export function isWaiver(a: AttestationRecord): boolean {
  return /waiver/i.test(a.label ?? '');
}
