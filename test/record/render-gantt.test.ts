import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import { describe, expect, it } from 'vitest';
import type { GateRecord, TimelineEntry } from '../../src/record/record-context.js';
import { ganttText, renderGantt } from '../../src/record/render-gantt.js';

const at = (s: number): string => new Date(Date.UTC(2026, 10, 26, 14, 0, s)).toISOString();
const entry = (stepId: string | null, event: string, s: number, until: number | null, status: string | null, attempt = 1): TimelineEntry => ({
  at: at(s), until: until === null ? null : at(until), stepId, event, status, durationMs: until === null ? null : (until - s) * 1000, attempt,
});
const gate = (stepId: string, s: number, by = 'alice (--yes)'): GateRecord => ({ stepId, stepTitle: stepId, reason: 'helm rollback changes production', approved: true, decision: 'approved', by, at: at(s) });

// What a task line may be: a name of plain characters starting with Step or Gate, then the tags,
// an id and two times. Nothing else Mermaid reads as syntax can appear in it.
const taskLine = /^ {4}(Step|Gate)(?: [\p{L}\p{N} .,_+\-/()[\]'!?&*@=…]+)? :(done|active|crit|crit, active|milestone), t\d+, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/u;

describe('renderGantt', () => {
  it('draws a bar per try, coloured by verdict, a section per attempt and gates as milestones', () => {
    const chart = renderGantt({
      title: 'Checkout: roll back #2',
      timeline: [
        entry(null, 'Run started (attempt 1, live by alice)', 0, null, null),
        entry('A.1', 'Identify', 1, 2, 'passed'),
        entry('A.2', 'Roll back', 3, 5, 'failed'),
        entry(null, 'Run ended', 6, null, 'failed'),
        entry(null, 'Run started (attempt 2, live by bob)', 60, null, null, 2),
        entry('A.1', 'Identify skipped: passed in an earlier attempt', 60, null, 'skipped', 2),
        entry('A.2', 'Roll back', 61, 64, 'passed', 2),
        entry('A.3', 'Verify', 65, 66, 'passed', 2),
      ],
      gates: [gate('A.2', 3), gate('A.2', 61, 'bob')],
      unconfirmedSteps: new Set(['A.3']),
    });
    expect(chart).toBe([
      'gantt',
      '    title Drill timeline (UTC) Checkout roll back 2',
      '    dateFormat YYYY-MM-DD HH:mm:ss.SSS',
      '    axisFormat %H:%M:%S',
      '    section Attempt 1',
      '    Step A.1 Identify :done, t1, 2026-11-26 14:00:01.000, 2026-11-26 14:00:02.000',
      '    Step A.2 Roll back :crit, t2, 2026-11-26 14:00:03.000, 2026-11-26 14:00:05.000',
      '    Gate A.2 approved by alice (--yes) :milestone, t3, 2026-11-26 14:00:03.000, 2026-11-26 14:00:03.000',
      '    section Attempt 2',
      '    Step A.2 Roll back :done, t4, 2026-11-26 14:01:01.000, 2026-11-26 14:01:04.000',
      '    Step A.3 Verify :active, t5, 2026-11-26 14:01:05.000, 2026-11-26 14:01:06.000',
      '    Gate A.2 approved by bob :milestone, t6, 2026-11-26 14:01:01.000, 2026-11-26 14:01:01.000',
    ].join('\n'));
  });

  it('is absent when nothing ran', () => {
    expect(renderGantt({ title: 'x', timeline: [entry(null, 'Run started', 0, null, null)], gates: [], unconfirmedSteps: new Set() })).toBeNull();
  });

  it('no title, step name or approver can break the chart: every line keeps its shape', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (title, step, by) => {
        const chart = renderGantt({ title, timeline: [entry(step, title, 1, 2, 'passed')], gates: [gate(step, 1, by)], unconfirmedSteps: new Set() }) ?? '';
        const [head, titleLine, dateFormat, axisFormat, ...tasks] = chart.split('\n');
        expect([head, dateFormat, axisFormat]).toEqual(['gantt', '    dateFormat YYYY-MM-DD HH:mm:ss.SSS', '    axisFormat %H:%M:%S']);
        expect(titleLine).toMatch(/^ {4}title Drill timeline \(UTC\)[\p{L}\p{N} .,_+\-/()[\]'!?&*@=…]*$/u);
        expect(tasks).toHaveLength(2);
        for (const line of tasks) expect(line).toMatch(taskLine);
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('keeps letters of any script and plain punctuation, and turns the rest into spaces', () => {
    expect(ganttText('Réplica: "primary" #1; 50% <done> `now` — ok')).toBe('Réplica primary 1 50 done now ok');
  });
});
