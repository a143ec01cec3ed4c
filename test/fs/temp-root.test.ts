import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('test temporary folders', () => {
  it('live under the one folder of this test run, which is removed when the run ends', () => {
    // os.tmpdir() follows TMPDIR, which the global setup points at a folder of its own.
    expect(basename(tmpdir())).toMatch(/^runbook-tests-/);
    expect(dirname(tmpdir())).not.toBe(tmpdir());
  });
});
