// Fixture: alternatives.md. Choices between steps, recognised on the title without its numbering,
// grouped into decision points: options of one family in a row are one choice, a lone one is taken
// or skipped.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/parse/parse-runbook.js';
import { parseFixture, stepOf } from '../parse-fixture.js';

describe('alternatives', () => {
  const rb = parseFixture('alternatives.md');

  it('puts numbered and unnumbered choices, steps and sub-steps on branches', () => {
    expect(rb.steps.filter((s) => s.branch).map((s) => s.id)).toEqual(['recover.2', 'recover.3', 'plan-b-fail-over-to-the-standby-queue', 'scenario-c-the-disk-is-full', 'recover.4.1']);
  });

  it('groups "Option A" and "Option B" in a row into one choice, and makes a lone option a condition', () => {
    expect(rb.decisions.map((d) => [d.id, d.kind, d.options.map((o) => `${o.id}:${o.steps.join(',')}`)])).toEqual([
      ['recover.choice', 'choice', ['a:recover.2', 'b:recover.3']],
      ['plan-b-fail-over-to-the-standby-queue', 'condition', ['take:plan-b-fail-over-to-the-standby-queue', 'skip:']],
      ['scenario-c-the-disk-is-full', 'condition', ['take:scenario-c-the-disk-is-full', 'skip:']],
      ['solution-1-wait', 'condition', ['take:recover.4.1', 'skip:']],
    ]);
  });

  it('leaves the steps that run in turn', () => {
    expect(rb.steps.filter((s) => !s.branch).map((s) => s.title)).toEqual(['Look at the backlog', 'Plan a maintenance window', 'Check the consumers']);
  });

  it('titles sub-steps without their numbering, and keeps their written number', () => {
    expect(stepOf(rb, 'recover.4.1')).toMatchObject({ title: 'Solution 1: wait', parent: { id: 'recover.4', title: 'Watch it drain' } });
  });

  it('a numbered "Option A" heading alone is a condition on its step', () => {
    const text = '# T\n\n### 1. Option A\n\n```sh\ntrue\n```\n';
    expect(parseRunbook(text).steps[0]?.branch).toEqual({ decision: 'option-a', option: 'take' });
  });
});
