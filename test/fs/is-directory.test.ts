import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isDirectory } from '../../src/fs/is-directory.js';

describe('isDirectory', () => {
  const root = mkdtempSync(join(tmpdir(), 'runbook-isdir-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('says yes for a folder and for a link to one', () => {
    mkdirSync(join(root, 'folder'));
    symlinkSync(join(root, 'folder'), join(root, 'link'));
    expect(isDirectory(join(root, 'folder'))).toBe(true);
    expect(isDirectory(join(root, 'link'))).toBe(true);
  });

  it('says no for a file, a missing path and a path through a file', () => {
    writeFileSync(join(root, 'file'), 'x');
    expect(isDirectory(join(root, 'file'))).toBe(false);
    expect(isDirectory(join(root, 'missing'))).toBe(false);
    expect(isDirectory(join(root, 'file', 'below'))).toBe(false);
  });
});
