// Gates decided on the parsed command with the values it runs with (SPEC §3): one command however
// it is written, seen through wrappers, with each value where bash puts it.
import { describe, expect, it } from 'vitest';
import { findGate } from '../../src/gates/find-gate.js';

describe('findGate reads the command as bash runs it', () => {
  it.each([
    'rm -r --force old',
    'rm --recursive -f old',
    'rm -R -v -f old',
    'rm \\\n  -rf \\\n  old',
    'sudo rm -rf /var/old',
    "bash -c 'rm -rf old'",
    "ssh db1 'rm -fr /data/old'",
    'cd /tmp && rm -rf old || true',
    'rm -r old',
  ])('reads %j as rm -r', (command) => {
    expect(findGate(command)?.id).toBe('rm-recursive');
  });

  it('sees the value a command runs with: rm "$RUNBOOK_VALUE_1" with -rf', () => {
    expect(findGate('rm "$RUNBOOK_VALUE_1" old', { env: { RUNBOOK_VALUE_1: '-rf' } })?.id).toBe('rm-recursive');
    expect(findGate('rm "$RUNBOOK_VALUE_1" old', { env: { RUNBOOK_VALUE_1: '-i' } })).toBeUndefined();
  });

  it('sees helm and kubectl through line continuations and wrappers', () => {
    expect(findGate('helm \\\n  rollback web 41')?.id).toBe('helm-rollback');
    expect(findGate('timeout 60 kubectl -n prod rollout undo deploy/web')?.id).toBe('kubectl-rollout');
  });

  it.each(['rm -- -rf', 'ls -rf', 'rm old -i'])('does not gate %j', (command) => {
    expect(findGate(command)).toBeUndefined();
  });
});
