import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirectory } from '../../src/fs/make-directory.js';

describe('makeDirectory', () => {
  it('makes every missing level, and accepts one that exists', () => {
    const root = mkdtempSync(join(tmpdir(), 'runbook-mkdir-'));
    makeDirectory(join(root, 'a', 'b', 'c'));
    makeDirectory(join(root, 'a', 'b', 'c'));
    expect(statSync(join(root, 'a', 'b', 'c')).isDirectory()).toBe(true);
  });

  it('fails at once under /proc, where a recursive mkdir would never return', () => {
    expect(() => makeDirectory('/proc/runbook-nope/x')).toThrow(/ENOENT/);
  });

  it('fails when a file stands in the way', () => {
    const root = mkdtempSync(join(tmpdir(), 'runbook-mkdir-'));
    writeFileSync(join(root, 'file'), '');
    expect(() => makeDirectory(join(root, 'file', 'x'))).toThrow(/ENOTDIR/);
  });
});
