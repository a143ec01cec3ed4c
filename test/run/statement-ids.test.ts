import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { readPreconditionLabel } from '../../src/run/precondition-label.js';
import { allStatementIds, statementsOf } from '../../src/run/statement-ids.js';

const rb = parseRunbook(`# S

## A. Section

### 2. Roll back

- [ ] The on-call channel was told
- **Precondition:** \`kubectl config current-context\` says \`stdout contains "staging"\`
- **Precondition:** The change window is open.
- **Command:** \`helm rollback web 2\`
- **Expected Outcome:** Helm says so: \`stdout contains "Rollback was a success"\`
- **Expected Outcome:** The dashboard is green.

### 3. Tell the team

- **Action:** Post in the channel.
- **Expected Outcome:** \`stdout contains "posted"\`
`);
const [rollBack, tell] = rb.steps as [NonNullable<(typeof rb.steps)[0]>, NonNullable<(typeof rb.steps)[0]>];

describe('statement ids', () => {
  it('are the step id, #e or #a, and the 1-based index within the step, for every expectation and attestation', () => {
    expect(allStatementIds(rollBack)).toEqual(['A.2#e1', 'A.2#e2', 'A.2#a1', 'A.2#a2', 'A.2#a3']);
  });

  it('name what a person must confirm: attestations but a precondition with a command, and outcomes no matcher checks', () => {
    expect(statementsOf(rollBack, true).map((s) => [s.id, s.kind, s.text])).toEqual([
      ['A.2#a1', 'attestation', 'The on-call channel was told'],
      ['A.2#a3', 'attestation', 'Precondition: The change window is open.'],
      ['A.2#e2', 'outcome', 'The dashboard is green.'],
    ]);
  });

  it('count an action without a command (a manual step) and every outcome of a step that runs none', () => {
    expect(statementsOf(tell, false).map((s) => [s.id, s.text])).toEqual([['A.3#a1', 'Action: Post in the channel.'], ['A.3#e1', '`stdout contains "posted"`']]);
  });

  it('take the id the parser gives, once it does', () => {
    const withIds = { ...rollBack, attestations: rollBack.attestations.map((a, i) => ({ ...a, id: `given-${i}` })) };
    expect(allStatementIds(withIds).slice(2)).toEqual(['given-0', 'given-1', 'given-2']);
  });
});

describe('a Precondition: label', () => {
  it('with a command in inline code is a check: the command, and what it must print', () => {
    expect(readPreconditionLabel({ label: 'Precondition', text: '`kubectl config current-context` says `stdout contains "staging"`' })).toEqual({
      command: 'kubectl config current-context',
      says: [{ source: 'stdout contains "staging"', matcher: { kind: 'contains', stream: 'stdout', text: 'staging' } }],
      invalid: [],
    });
  });

  it('names a matcher it cannot read, and stays a statement without a command or under another label', () => {
    expect(readPreconditionLabel({ label: 'Preconditions', text: '`curl -fsS https://status` then `stdout containz "ok"`' })?.invalid).toEqual([expect.objectContaining({ source: 'stdout containz "ok"' })]);
    expect(readPreconditionLabel({ label: 'Precondition', text: 'The change window is open.' })).toBeUndefined();
    expect(readPreconditionLabel({ label: 'Status', text: '`kubectl get pods`' })).toBeUndefined();
  });
});
