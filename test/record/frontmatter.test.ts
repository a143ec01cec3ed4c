// The record's frontmatter is what `runbook drills` reads, so whatever a value holds (a release
// named with quotes, a path with `: `, a line `---`, control characters, lone surrogates) the
// frontmatter must stay valid YAML and read back exactly what the context held.
import { join } from 'node:path';
import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseDrillRecord } from '../../src/drills/parse-drill-record.js';
import { buildRecordContext } from '../../src/record/build-record-context.js';
import type { RecordContext } from '../../src/record/record-context.js';
import { renderRecord } from '../../src/record/render-record.js';
import { yamlScalar } from '../../src/record/yaml-scalar.js';
import { readJournal } from './read-journal.js';

const passed = buildRecordContext(readJournal(join(import.meta.dirname, 'fixtures', 'passed', 'events.jsonl')));

/** The lines between the first two `---` lines. */
function frontmatterOf(record: string): string {
  const lines = record.split('\n');
  expect(lines[0]).toBe('---');
  const end = lines.indexOf('---', 1);
  expect(end).toBeGreaterThan(0);
  return lines.slice(1, end).join('\n');
}

// Any UTF-16 code unit (lone surrogates included), weighted towards what YAML and Markdown treat
// specially.
const hostileChar = fc.oneof(
  fc.constantFrom('-', ':', ' ', '"', "'", '\\', '#', '\n', '\r', '\t', '\u0085', '\u2028', '\u2029', '\ufeff', '\u007f', '\u0000', '{', '[', '|', '>', '&', '*', '!', '%', '@', '`'),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
const hostile = fc.oneof(fc.string({ unit: hostileChar, maxLength: 40 }), fc.constantFrom('---', '...', 'null', '~', 'true', '1.4', '0x10', '- a', 'a: b', '"', "'", ''));

describe('yamlScalar', () => {
  it('writes strings quoted, numbers and null plain', () => {
    expect(yamlScalar('v1.4.0')).toBe('"v1.4.0"');
    expect(yamlScalar('a "b"\nc')).toBe('"a \\"b\\"\\nc"');
    expect(yamlScalar(148000)).toBe('148000');
    expect(yamlScalar(null)).toBe('null');
    expect(yamlScalar(undefined)).toBe('null');
    expect(yamlScalar(Number.NaN)).toBe('null');
    expect(yamlScalar(true)).toBe('true');
    expect(yamlScalar(['a', 1])).toBe('["a", 1]');
  });

  it('escapes what YAML does not allow raw, or reads as a line break', () => {
    expect(yamlScalar('\u007f\u0085\u2028\u2029\ufeff\ufffe')).toBe('"\\u007f\\u0085\\u2028\\u2029\\ufeff\\ufffe"');
  });

  it('reads back as the same string, on one line, for any string', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const line = `key: ${yamlScalar(value)}`;
        expect(line).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
        expect(parse(line)).toEqual({ key: value });
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});

const none = { value: null, capture: null, given: null, conflict: false };

describe('the record frontmatter', () => {
  it('heads the record with the drill facts', () => {
    const record = renderRecord({ ...passed, versions: { ...passed.versions, lastKnownGood: { value: 'ga-2026-11-20', capture: { name: 'lkg-tag', stepId: 'A.2.1', value: 'ga-2026-11-20' }, given: null, conflict: false } } });
    expect(parse(frontmatterOf(record))).toEqual({
      'drill-id': '20261126T140000Z-a1b2c3',
      runbook: 'runbooks/rollback.md',
      title: 'Release Rollback Runbook',
      result: 'passed',
      mode: 'live',
      date: '2026-11-26',
      'started-at': '2026-11-26T14:00:00.000Z',
      environment: 'staging',
      release: 'v1.4.0',
      target: 'v1.3.2',
      from: 'v1.4.0',
      to: 'v1.3.2',
      'last-known-good': 'ga-2026-11-20',
      'time-to-rollback-ms': 148000,
    });
    expect(record.split('\n').indexOf('# Rollback drill record: Release Rollback Runbook')).toBe(frontmatterOf(record).split('\n').length + 3);
  });

  it('holds null for what the run did not establish', () => {
    const record = renderRecord({ ...passed, environment: null, releaseVersion: null, versions: { from: none, to: none, lastKnownGood: none }, totals: { ...passed.totals, timeToRollbackMs: null } });
    const data = parse(frontmatterOf(record)) as Record<string, unknown>;
    for (const key of ['environment', 'release', 'from', 'to', 'last-known-good', 'time-to-rollback-ms']) expect(data[key], key).toBeNull();
  });

  it('stays valid YAML and reads back as written, whatever the values hold', () => {
    const ref = (value: string) => ({ value, capture: { name: 'c', stepId: 'A.1', value }, given: null, conflict: false });
    fc.assert(
      fc.property(fc.record({ drillId: hostile.filter((s) => s !== ''), path: hostile, title: hostile, environment: hostile, release: hostile, target: hostile, from: hostile, to: hostile, lkg: hostile }), (v) => {
        const context: RecordContext = {
          ...passed,
          drillId: v.drillId,
          runbook: { ...passed.runbook, path: v.path, title: v.title },
          environment: v.environment,
          releaseVersion: v.release,
          rollbackTargetVersion: v.target,
          versions: { from: ref(v.from), to: ref(v.to), lastKnownGood: ref(v.lkg) },
        };
        const record = renderRecord(context);
        const data = parse(frontmatterOf(record)) as Record<string, unknown>;
        expect(data).toMatchObject({ 'drill-id': v.drillId, runbook: v.path, title: v.title, environment: v.environment, release: v.release, target: v.target, from: v.from, to: v.to, 'last-known-good': v.lkg });
        const read = parseDrillRecord(record, 'r.md');
        if (!read.ok) throw new Error(read.problem);
        // `runbook drills` reads an empty value as not recorded.
        const orNull = (s: string) => (s === '' ? null : s);
        expect(read.drill).toMatchObject({ drillId: v.drillId, runbook: orNull(v.path), release: orNull(v.release), target: orNull(v.target), from: orNull(v.from), to: orNull(v.to), lastKnownGood: orNull(v.lkg) });
      }),
      { numRuns: propertyRuns(60) },
    );
  });
});
