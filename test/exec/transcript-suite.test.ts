// A transcript suite written the way doc-test tools write theirs (cram's `.t` files, shelldoc,
// clitest): each case a Markdown file in test/fixtures/transcripts/ holding `console` blocks and
// its expected verdict (`<!-- verdict: passed -->`), run for real. `<!-- needs: … -->` marks a
// case that waits on a part of the runner not here yet: it is run and must still fail, so the
// marker goes the day the case passes.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useSessions } from './session-harness.js';

const folder = new URL('../fixtures/transcripts/', import.meta.url);
const exitCodes = { passed: 0, failed: 1, incomplete: 3 } as const;
const cases = readdirSync(folder).filter((name) => name.endsWith('.md')).sort().map((name) => {
  const text = readFileSync(new URL(name, folder), 'utf8');
  const verdict = /<!-- verdict: (passed|failed|incomplete) -->/.exec(text)?.[1] as keyof typeof exitCodes | undefined;
  const needs = /<!-- needs: (.+?) -->/.exec(text)?.[1];
  return { name, text, verdict, needs };
});

const workspace = useSessions();

describe('the transcript suite', () => {
  it('every case says its verdict', () => {
    expect(cases.length).toBeGreaterThan(10);
    expect(cases.filter((c) => c.verdict === undefined).map((c) => c.name)).toEqual([]);
    expect(new Set(cases.map((c) => c.verdict))).toEqual(new Set(['passed', 'failed', 'incomplete']));
  });

  for (const { name, text, verdict, needs } of cases) {
    const run = async (): Promise<void> => {
      const ws = workspace();
      ws.write('case.md', text);
      const outcome = await ws.exec('case.md', { record: false });
      // Nothing typed into another session ever runs here, whatever else a case waits on.
      expect(ws.exists('remote-marker')).toBe(false);
      expect(outcome.code, `${outcome.stdout}\n${outcome.stderr}`).toBe(exitCodes[verdict ?? 'passed']);
    };
    if (needs === undefined) it(`${name}: ${verdict}`, run);
    else it.fails(`${name}: ${verdict} (needs ${needs})`, run);
  }
});
