// A passed step's statements left open by an earlier attempt, put to whoever can answer now (the
// resume's --answers file, a person at its terminal). The step's commands do not run again.
import { confirmStatement } from './confirm-statement.js';
import type { OpenStatement } from './open-statements.js';
import type { StepContext } from './run-step.js';

export interface LeftOver {
  unconfirmed: number;
  /** The first statement declined now: the run cannot pass. */
  declined?: string;
}

export async function confirmLeft(statements: readonly OpenStatement[], ctx: Pick<StepContext, 'bus' | 'ask' | 'answers' | 'operator' | 'mask'>): Promise<LeftOver> {
  let unconfirmed = 0;
  let declined: string | undefined;
  for (const s of statements) {
    const text = `${s.label ? `${s.label}: ` : ''}${s.text}`;
    const given = await confirmStatement(ctx, s.id, { stepId: s.stepId, kind: s.kind, text });
    const answered = {
      ...(given.by !== undefined && { by: given.by }),
      ...(given.via !== undefined && { via: given.via }),
      ...(given.note !== undefined && { note: ctx.mask(given.note) }),
    };
    if (s.kind === 'attestation') {
      ctx.bus.emit({ type: 'attestation', stepId: s.stepId, text: s.text, ...(s.label !== undefined && { label: s.label }), answer: given.answer, statementId: s.id, ...answered });
    } else {
      const verdict = given.answer === 'confirmed' ? 'attested' : given.answer === 'declined' ? 'failed' : 'unverified';
      const evidence = given.answer === 'unconfirmed' ? 'still nobody to attest it' : `${given.answer} by ${given.by ?? 'nobody'}${given.via === 'answers' ? ' in the answers file' : ''} on resume`;
      ctx.bus.emit({ type: 'verdict', stepId: s.stepId, outcome: { expected: s.text, verdict, evidence, statementId: s.id, ...answered } });
    }
    if (given.answer === 'unconfirmed') unconfirmed += 1;
    if (given.answer === 'declined') declined ??= `${s.stepId}: declined: ${text}`;
  }
  return { unconfirmed, ...(declined !== undefined && { declined }) };
}
