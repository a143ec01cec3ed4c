import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { buildSync } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordPath, writeRecord } from '../../src/record/write-record.js';

describe('recordPath', () => {
  it('defaults to docs/releases/rollback-drills/YYYY-MM-DD-<slug>-<run-id>.md', () => {
    expect(recordPath({ date: '2026-11-26T14:03:05Z', slug: 'rollback', runId: '20261126T140305Z-a1b2c3' })).toBe(
      join('docs', 'releases', 'rollback-drills', '2026-11-26-rollback-20261126T140305Z-a1b2c3.md'),
    );
  });

  it('takes a folder, a Date, and makes the slug safe', () => {
    expect(recordPath({ dir: '/srv/records', date: new Date('2026-01-02T23:59:59Z'), slug: 'Release Rollback/Runbook!', runId: 'r1' })).toBe(
      '/srv/records/2026-01-02-release-rollback-runbook-r1.md',
    );
  });

  it('fills a pattern: {date} {yyyy} {mm} {dd} {slug} {runId}, <run-id>, and literal YYYY-MM-DD', () => {
    const base = { dir: 'out', date: '2026-11-26', slug: 'rollback', runId: 'abc' };
    expect(recordPath({ ...base, pattern: '{yyyy}/{mm}/{dd}-{slug}-{runId}.md' })).toBe(join('out', '2026', '11', '26-rollback-abc.md'));
    expect(recordPath({ ...base, pattern: 'YYYY-MM-DD-<slug>-<run-id>.md' })).toBe(join('out', '2026-11-26-rollback-abc.md'));
  });

  it('refuses unknown placeholders, escapes from the folder and bad dates', () => {
    const base = { dir: 'out', date: '2026-11-26', slug: 'rollback', runId: 'abc' };
    expect(() => recordPath({ ...base, pattern: '{date}-{team}.md' })).toThrow(/Unknown placeholder \{team\}/);
    expect(() => recordPath({ ...base, pattern: '../{date}.md' })).toThrow(/inside the record folder/);
    expect(() => recordPath({ ...base, pattern: '/etc/{date}.md' })).toThrow(/inside the record folder/);
    expect(() => recordPath({ ...base, date: 'yesterday' })).toThrow(/Invalid record date/);
  });

  it('keeps a run id from reaching outside the folder', () => {
    expect(recordPath({ dir: 'out', date: '2026-11-26', slug: 's', runId: '../../etc/passwd' })).toBe(join('out', '2026-11-26-s-etc-passwd.md'));
  });
});

describe('writeRecord', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-record-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the folder and writes the text', () => {
    const path = join(dir, 'docs', 'releases', 'rollback-drills', 'r.md');
    expect(writeRecord(path, '# record\n')).toBe(path);
    expect(readFileSync(path, 'utf8')).toBe('# record\n');
  });

  it('never overwrites: the next free -2, -3 … name is used and returned', () => {
    const path = join(dir, '2026-11-26-rollback-abc.md');
    writeFileSync(path, 'first, written by hand\n');
    expect(writeRecord(path, 'second\n')).toBe(join(dir, '2026-11-26-rollback-abc-2.md'));
    expect(writeRecord(path, 'third\n')).toBe(join(dir, '2026-11-26-rollback-abc-3.md'));
    expect(readFileSync(path, 'utf8')).toBe('first, written by hand\n');
    expect(readFileSync(join(dir, '2026-11-26-rollback-abc-2.md'), 'utf8')).toBe('second\n');
    expect(readFileSync(join(dir, '2026-11-26-rollback-abc-3.md'), 'utf8')).toBe('third\n');
  });

  it('leaves no temporary files behind', () => {
    writeRecord(join(dir, 'a.md'), 'a');
    writeRecord(join(dir, 'a.md'), 'b');
    expect(readdirSync(dir).sort()).toEqual(['a-2.md', 'a.md']);
  });

  it('gives each of several concurrent writers its own file', async () => {
    // Separate processes, so the writes really race; the module is bundled to plain JS for them.
    const bundle = join(dir, 'write-record.mjs');
    buildSync({ entryPoints: [fileURLToPath(new URL('../../src/record/write-record.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
    const out = join(dir, 'records');
    const target = join(out, 'same.md');
    const script = (n: number): string =>
      `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); process.stdout.write(m.writeRecord(${JSON.stringify(target)}, 'writer ${n}\\n'.repeat(20000)));`;
    const run = promisify(execFile);
    const written = await Promise.all(Array.from({ length: 8 }, (_, n) => run(process.execPath, ['--input-type=module', '-e', script(n)]).then((r) => r.stdout)));
    expect(new Set(written).size).toBe(8);
    const files = readdirSync(out).sort();
    expect(files).toEqual(['same-2.md', 'same-3.md', 'same-4.md', 'same-5.md', 'same-6.md', 'same-7.md', 'same-8.md', 'same.md']);
    const writers = files.map((f) => {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text).toMatch(/^(writer (\d)\n)\1{19999}$/); // whole, and one writer's text only
      return text.slice(0, 8);
    });
    expect(new Set(writers).size).toBe(8);
  });

  it('explains a failure with the path', () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, '');
    expect(() => writeRecord(join(blocker, 'r.md'), 'x')).toThrow(/Cannot write the drill record to .*r\.md/);
  });
});
