// Preconditions and facts in-process, against a stand-in kubectl on PATH: a precondition that does
// not hold stops the run before its first step (exit 2, nothing run, the one that failed named);
// facts are read at the start and the record shows them under where the drill ran.
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runbook, useSessions, type SessionWorkspace } from './session-harness.js';

const workspace = useSessions();

/** A kubectl that knows one context, the one in kube-context.txt, and a helm that knows its version. */
function cluster(ws: SessionWorkspace, context: string): void {
  ws.write('kube-context.txt', `${context}\n`);
  ws.write('bin/kubectl', '#!/bin/bash\n[ "$1 $2" = "config current-context" ] || exit 64\ncat "$(dirname "$0")/../kube-context.txt"\n', { executable: true });
  ws.write('bin/helm', '#!/bin/bash\n[ "$1 $2" = "version --short" ] || exit 64\necho v3.14.2+g3fc9f4b\n', { executable: true });
}

const frontmatter = `
preconditions:
  - command: kubectl config current-context
    says: stdout contains "staging"
facts:
  - kubectl config current-context
  - name: helm
    command: helm version --short
  - name: broken
    command: kubectl get nodes
`;
const rb = runbook('Drill', [['Roll back', '- **Command:** `echo rolled > ran.txt`']], frontmatter);
const run = { path: ['bin'] };

describe('preconditions', () => {
  it('hold: the run goes on, and the record shows them, the facts, the host and the operator', async () => {
    const ws = workspace();
    cluster(ws, 'staging-east');
    ws.write('rb.md', rb);
    const result = await ws.exec('rb.md', { operator: 'alice' }, run);
    expect(result.code).toBe(0);
    expect(ws.exists('ran.txt')).toBe(true);
    const start = ws.journal().find((e) => e.type === 'run-start');
    expect(start).toMatchObject({
      host: hostname(),
      preconditions: [{ from: 'frontmatter', command: 'kubectl config current-context', says: 'stdout contains "staging"', verdict: 'verified' }],
      facts: [
        { name: 'kubectl config current-context', value: 'staging-east', exitCode: 0 },
        { name: 'helm', value: 'v3.14.2+g3fc9f4b', exitCode: 0 },
        { name: 'broken', value: null, exitCode: 64, problem: 'exit 64' },
      ],
    });
    const where = ws.read(`docs/releases/rollback-drills/${ws.records()[0]}`).split('## Where the drill ran')[1]?.split('\n## ')[0] ?? '';
    expect(where).toContain(`- **Host:** ${hostname()}\n- **Operator:** alice\n- **kubectl config current-context:** \`staging-east\`\n- **helm:** \`v3.14.2+g3fc9f4b\`\n- **broken:** _not recorded_ (exit 64)\n`);
    expect(where).toContain('| frontmatter | `kubectl config current-context` | `stdout contains "staging"` | verified: exit code 0; stdout line 1: staging-east |');
  });

  it('does not hold: exit 2 before the first step, naming it and what it saw; nothing run, no journal', async () => {
    const ws = workspace();
    cluster(ws, 'prod-eu-1');
    ws.write('rb.md', rb);
    const result = await ws.exec('rb.md', {}, run);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('runbook: nothing was run:\n  - the precondition `kubectl config current-context` (stdout contains "staging") does not hold: stdout (10 B, 1 line) does not contain "staging"; last line: "prod-eu-1"\n');
    expect(ws.exists('ran.txt')).toBe(false);
    expect(ws.runIds()).toEqual([]);
  });

  it('a step\'s Precondition: with a command is checked before anything runs too; without one it is a statement', async () => {
    const ws = workspace();
    cluster(ws, 'prod-eu-1');
    ws.write('rb.md', runbook('Drill', [
      ['First', '- **Command:** `echo first > first.txt`'],
      ['Roll back', '- **Precondition:** `kubectl config current-context` says `stdout matches /^staging-/`', '- **Precondition:** The change window is open.', '- **Command:** `echo rolled > ran.txt`'],
    ]));
    const refused = await ws.exec('rb.md', {}, run);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the precondition of 2 `kubectl config current-context` \(stdout matches \/\^staging-\/\) does not hold/);
    // Not even the step before it ran.
    expect(ws.exists('first.txt')).toBe(false);
    cluster(ws, 'staging-east');
    const ran = await ws.exec('rb.md', {}, run);
    // The prose precondition is asked of a person, like any statement: nobody here, so incomplete.
    expect(ran.code).toBe(3);
    const statements = ws.journal().flatMap((e) => (e.type === 'attestation' ? [[e.statementId, e.text, e.answer]] : []));
    expect(statements).toEqual([['2#a2', 'The change window is open.', 'unconfirmed']]);
  });

  it('a command that changes production is no precondition or fact: bad input, nothing run', async () => {
    const ws = workspace();
    cluster(ws, 'staging-east');
    ws.write('rb.md', runbook('Drill', [['Roll back', '- **Command:** `echo rolled > ran.txt`']], 'facts:\n  - kubectl delete pod web-0\n'));
    const result = await ws.exec('rb.md', {}, run);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the fact `kubectl delete pod web-0` changes production');
    expect(ws.exists('ran.txt')).toBe(false);
  });

  it('a `says` that is no matcher is a frontmatter error with its place', async () => {
    const ws = workspace();
    ws.write('rb.md', runbook('Drill', [['Roll back', '- **Command:** `true`']], 'preconditions:\n  - command: kubectl config current-context\n    says: staging\n'));
    const result = await ws.exec('rb.md', {}, run);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/rb\.md:\d+:\d+: Invalid frontmatter at `preconditions\.0\.says`: expected a matcher such as `stdout contains "staging"`/);
  });

  it('a dry run checks none of them, and its record says so', async () => {
    const ws = workspace();
    cluster(ws, 'prod-eu-1');
    ws.write('rb.md', rb);
    const result = await ws.exec('rb.md', { dryRun: true }, run);
    expect(result.code).toBe(0);
    const record = ws.read(`docs/releases/rollback-drills/${ws.records()[0]}`);
    expect(record).toContain('| frontmatter | `kubectl config current-context` | `stdout contains "staging"` | planned: dry run: not checked |');
    expect(record).toContain('- **helm:** _not recorded_ (dry run: not read)');
  });
});
