// The journal of a run answered at a real terminal (util-linux `script`): each attestation and
// attested outcome with who answered. Everything else the journal holds is tested in-process:
// test/exec/journal.test.ts.
import { describe, expect, it } from 'vitest';
import { hasTerminal, waitFor, Workspace, useWorkspace } from './runs-harness.js';

let ws: Workspace;
useWorkspace((workspace) => (ws = workspace));

describe('answers given on a terminal', () => {
  it.skipIf(!hasTerminal)('journals each attestation and attested outcome with who answered', async () => {
    ws.write('rb.md', `# Attest\n\n### 1. Check\n\n- [ ] The on-call channel was told\n- **Command:** \`echo hi\`\n- **Expected Outcome:** The dashboard looks fine\n`);
    const started = ws.startOnTerminal(['exec', 'rb.md', '--operator', 'alice']);
    let screen = '';
    started.child.stdout?.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    await waitFor(() => screen.includes('confirm: The on-call channel was told [y/n]'), 'the attestation prompt');
    started.child.stdin?.write('y');
    await waitFor(() => screen.includes('expected: The dashboard looks fine'), 'the outcome prompt');
    started.child.stdin?.write('y');
    expect((await started.done).code).toBe(0);
    const events = ws.journal(ws.onlyRunId());
    expect(events.find((e) => e.type === 'attestation')).toMatchObject({ text: 'The on-call channel was told', answer: 'confirmed', by: 'alice' });
    const attested = events.find((e) => e.type === 'verdict' && e.outcome.expected === 'The dashboard looks fine');
    expect(attested).toMatchObject({ outcome: { verdict: 'attested', by: 'alice' } });
  });
});
