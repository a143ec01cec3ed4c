// Where a condition sends the reader: the section or step it names is taken only then, and the
// steps "skip to step N" leaves out are taken only when its condition does not hold.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/parse/parse-runbook.js';

const branches = (text: string) => parseRunbook(text).steps.map((s) => [s.id, s.branch?.option ?? null]);

describe('jumps a condition makes', () => {
  it('"skip to step 4" makes the steps it leaves out conditions that say why', () => {
    const text = '# T\n\n## Procedure\n\n1. Check the pods: `kubectl get pods -n shop`. If they are all Running, skip to step 4.\n2. Restart: `kubectl rollout restart deploy/shop`\n3. Wait: `kubectl rollout status deploy/shop`\n4. Check errors: `curl -fsS https://metrics.internal/errors`\n';
    expect(branches(text)).toEqual([['procedure.1', null], ['procedure.2', 'take'], ['procedure.3', 'take'], ['procedure.4', null]]);
    expect(parseRunbook(text).decisions.map((d) => d.when)).toEqual([
      'not when step procedure.1 says: Check the pods: `kubectl get pods -n shop`. If they are all Running, skip to step 4.',
      'not when step procedure.1 says: Check the pods: `kubectl get pods -n shop`. If they are all Running, skip to step 4.',
    ]);
  });

  it('a section a condition sends the reader to, by link or by name, is taken only then', () => {
    const body = '## Check\n\n```sh\ncurl -fsS https://shop.internal/health\n```\n\n%s\n\n## Rollback\n\n```sh\nhelm rollback shop\n```\n';
    for (const sentence of ['If the error rate is still high, go to [Rollback](#rollback).', 'Should the check fail, follow the **Rollback** section.', 'See [the rollback steps](#rollback) if the check fails.']) {
      expect(branches(`# T\n\n${body.replace('%s', sentence)}`), sentence).toEqual([['check', null], ['rollback', 'take']]);
    }
    for (const sentence of ['Then go to [Rollback](#rollback).', 'If the check fails, go back to [Check](#check).']) {
      expect(branches(`# T\n\n${body.replace('%s', sentence)}`), sentence).toEqual([['check', null], ['rollback', null]]);
    }
  });
});
