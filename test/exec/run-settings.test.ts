// RunSettings: built once from exec's flags, or from a journal's run-start and resume's flags.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { journalOptionsOf, runSettingsSchema, settingsFromFlags, settingsFromJournal } from '../../src/exec/run-settings.js';
import type { RunEvent } from '../../src/model/events.js';

type RunStart = Extract<RunEvent, { type: 'run-start' }>;

const start = (options: Record<string, unknown>): RunStart => ({
  time: '2026-11-26T14:00:00.000Z', type: 'run-start', runId: 'r', runbookPath: 'rb.md', runbookTitle: 'R', sha256: 'x', gitCommit: null,
  engineVersion: '0', mode: 'live', operator: 'alice', params: {}, options, attempt: 1, steps: [], context: {},
});

describe('settingsFromFlags', () => {
  it('turns commander flags into checked settings, defaults included', () => {
    const settings = settingsFromFlags({ set: ['a=1', 'b=x=y', 'a=2'], concurrency: '3', timeout: '90s', record: true, participant: [], objective: ['Roll back'], env: 'staging' });
    expect(runSettingsSchema.parse(settings)).toEqual(settings);
    expect(settings).toMatchObject({ values: { a: '2', b: 'x=y' }, concurrency: 3, timeoutMs: 90_000, dryRun: false, yes: false, only: [], strict: false, json: false });
    expect(settings.record).toBeUndefined();
    expect(settings.facts).toEqual({ objectives: ['Roll back'], environment: 'staging', participants: undefined, releaseVersion: undefined, rollbackTargetVersion: undefined });
    expect(settingsFromFlags({ record: false }).record).toBe(false);
    expect(settingsFromFlags({ record: 'drill.md' }).record).toBe('drill.md');
  });

  it('refuses a malformed flag with one message that names it and what was expected', () => {
    const refused = (flags: Parameters<typeof settingsFromFlags>[0]): string => {
      try {
        settingsFromFlags(flags);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused({ set: ['novalue'] })).toBe('--set "novalue": expected name=value, got "novalue" (no "=")');
    expect(refused({ concurrency: '0' })).toBe('--concurrency "0": expected a whole number of at least 1');
    expect(refused({ concurrency: '1.5' })).toBe('--concurrency "1.5": expected a whole number of at least 1');
    expect(refused({ timeout: 'soon' })).toBe('--timeout "soon": expected a duration such as 90s, 10m or 1h');
    // No time at all, and more time than a timer holds (it would fire at once), are no limits either.
    expect(refused({ timeout: '0s' })).toBe('--timeout "0s": expected a duration longer than 0, such as 90s, 10m or 1h');
    expect(refused({ timeout: '1000h' })).toBe('--timeout "1000h": longer than the engine can wait (at most 24 days)');
    expect(settingsFromFlags({ timeout: '24d' }).timeoutMs).toBe(24 * 86_400_000);
    expect(refused({ json: true, record: '-' })).toMatch(/^--record - writes the drill record to stdout, where --json writes events/);
  });
});

describe('settingsFromJournal', () => {
  it('carries on as the run was told, with what resume is given now on top', () => {
    const run = settingsFromFlags({ only: ['A.2'], from: 'A.2', concurrency: '2', strict: true, template: 'team.md', recordDir: 'drills', yes: true });
    const options = journalOptionsOf(run, '/srv/ops/here', '/srv/ops/started');
    // Paths as a resume started anywhere can read them.
    expect(options).toEqual({ concurrency: 2, strict: true, only: ['A.2'], from: 'A.2', cwd: '/srv/ops/here', yes: true, template: '/srv/ops/started/team.md', recordDir: '/srv/ops/started/drills', answers: null, ticket: null });
    const resumed = settingsFromJournal(start(options), { name: 'web', tag: 'v1' }, { set: ['name=api'], json: true });
    expect(resumed).toMatchObject({ values: { name: 'api', tag: 'v1' }, only: ['A.2'], from: 'A.2', concurrency: 2, strict: true, cwd: '/srv/ops/here', template: '/srv/ops/started/team.md', recordDir: '/srv/ops/started/drills', json: true, dryRun: false });
    // --yes approves this attempt's gates only when given again.
    expect(resumed.yes).toBe(false);
    expect(settingsFromJournal(start(options), {}, { strict: false, recordDir: 'elsewhere', record: false })).toMatchObject({ strict: false, recordDir: 'elsewhere', record: false });
  });

  it('leaves out what an older or hand-edited journal spells otherwise', () => {
    const resumed = settingsFromJournal(start({ concurrency: 'two', strict: 'yes', only: 'A.2', from: null, template: null, recordDir: 7 }), {}, {});
    expect(resumed).toMatchObject({ concurrency: 1, strict: false, only: [] });
    expect([resumed.from, resumed.template, resumed.recordDir, resumed.cwd]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
