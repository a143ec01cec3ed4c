import { describe, expect, it } from 'vitest';
import { parseDrillRecord } from '../../src/drills/parse-drill-record.js';

const record = (frontmatter: string, eol = '\n'): string => `---${eol}${frontmatter.split('\n').join(eol)}${eol}---${eol}${eol}# Rollback drill record: X${eol}`;
const minimal = 'drill-id: "d-1"\nresult: "passed"\nmode: "live"\ndate: "2026-11-26"';

describe('parseDrillRecord', () => {
  it('reads the frontmatter the shipped template writes', () => {
    const text = record(`${minimal}\nstarted-at: "2026-11-26T14:00:00.000Z"\nrunbook: "runbooks/rollback.md"\nrelease: "v1.4.0"\ntarget: "v1.3.2"\nfrom: null\nto: "v1.3.2"\nlast-known-good: "ga-7"\ntime-to-rollback-ms: 148000\nenvironment: "staging"\ntitle: "Release Rollback Runbook"`);
    expect(parseDrillRecord(text, 'docs/r.md')).toEqual({
      ok: true,
      drill: { path: 'docs/r.md', drillId: 'd-1', runbook: 'runbooks/rollback.md', title: 'Release Rollback Runbook', result: 'passed', mode: 'live', date: '2026-11-26', startedAt: '2026-11-26T14:00:00.000Z', environment: 'staging', release: 'v1.4.0', target: 'v1.3.2', from: null, to: 'v1.3.2', lastKnownGood: 'ga-7', timeToRollbackMs: 148000 },
    });
  });

  it('reads a team template that writes the required keys only, unquoted, with CRLF line ends', () => {
    const parsed = parseDrillRecord(record('drill-id: d-2\nresult: failed\nmode: dry-run\ndate: 2026-11-27\nrelease: 1.4', '\r\n'), 'r.md');
    expect(parsed.ok && parsed.drill).toMatchObject({ drillId: 'd-2', result: 'failed', mode: 'dry-run', startedAt: '2026-11-27T00:00:00.000Z', release: '1.4', runbook: null, timeToRollbackMs: null });
  });

  it('says why a file is not a drill record, and never throws', () => {
    const problem = (text: string): string => {
      const parsed = parseDrillRecord(text, 'r.md');
      if (parsed.ok) throw new Error('expected a problem');
      return parsed.problem;
    };
    expect(problem('# Rollback drill record: X\n')).toMatch(/^no frontmatter/);
    expect(problem('')).toMatch(/^no frontmatter/);
    expect(problem('---\ndrill-id: "d\n')).toMatch(/^no frontmatter/);
    expect(problem(record('drill-id: "d\nresult: x'))).toMatch(/^malformed frontmatter: /);
    expect(problem(record('drill-id: a\ndrill-id: b'))).toMatch(/^malformed frontmatter: /);
    expect(problem(record('- a list'))).toBe('the frontmatter is not a mapping of keys to values');
    expect(problem('---\n---\n')).toBe('the frontmatter is not a mapping of keys to values');
    expect(problem(record('title: "a plan, not a record"'))).toMatch(/^not a drill record's frontmatter: `drill-id`: /);
    expect(problem(record(minimal.replace('"passed"', '"great"')))).toMatch(/^not a drill record's frontmatter: `result`: /);
    expect(problem(record(`${minimal}\ntime-to-rollback-ms: "soon"`))).toMatch(/`time-to-rollback-ms`/);
    expect(problem(record(minimal.replace('"2026-11-26"', '"last tuesday"')))).toMatch(/`date`: expected a date YYYY-MM-DD/);
  });
});
