import { describe, expect, it } from 'vitest';
import { renderRollbackChart } from '../../src/drills/render-rollback-chart.js';
import { makeDrill } from './make-drill.js';

describe('renderRollbackChart', () => {
  it('draws seconds while every drill is under two minutes, oldest first, unmeasured drills left out', () => {
    const chart = renderRollbackChart([
      makeDrill('b', '2026-11-02T10:00:00.000Z', { release: 'v1.1.0', timeToRollbackMs: 42_345 }),
      makeDrill('dry', '2026-11-03T10:00:00.000Z', { mode: 'dry-run', timeToRollbackMs: null }),
      makeDrill('a', '2026-11-01T10:00:00.000Z', { timeToRollbackMs: 61_000 }),
    ]);
    expect(chart).toBe(['```mermaid', 'xychart-beta', '  title "Time to roll back per drill (seconds)"', '  x-axis ["2026-11-01 10:00 a", "2026-11-02 10:00 v1.1.0"]', '  y-axis "seconds" 0 --> 61', '  bar [61, 42.3]', '```'].join('\n'));
  });

  it('keeps a label that holds quotes or line breaks on its line, inside its quotes', () => {
    const chart = renderRollbackChart([makeDrill('a', '2026-11-01T10:00:00.000Z', { release: 'v"1"\n]```', timeToRollbackMs: 1000 })]);
    expect(chart).toContain('  x-axis ["2026-11-01 10:00 v\'1\' ]```"]');
    expect(chart?.split('\n')).toHaveLength(7);
  });

  it('draws nothing when no drill has the measure', () => {
    expect(renderRollbackChart([makeDrill('dry', '2026-11-03T10:00:00.000Z', { timeToRollbackMs: null })])).toBeNull();
    expect(renderRollbackChart([])).toBeNull();
  });
});
