// Fixture: alternatives.md. Choices between steps, recognised on the title without its numbering.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/parse/parse-runbook.js';
import { parseFixture, stepOf } from '../parse-fixture.js';

describe('alternatives', () => {
  const rb = parseFixture('alternatives.md');

  it('marks numbered and unnumbered choices, steps and sub-steps', () => {
    expect(rb.steps.filter((s) => s.alternative).map((s) => s.id)).toEqual(['recover.2', 'recover.3', 'plan-b-fail-over-to-the-standby-queue', 'scenario-c-the-disk-is-full', 'recover.4.1']);
  });

  it('leaves the steps that run in turn', () => {
    expect(rb.steps.filter((s) => !s.alternative).map((s) => s.title)).toEqual(['Look at the backlog', 'Plan a maintenance window', 'Check the consumers']);
  });

  it('titles sub-steps without their numbering', () => {
    expect(stepOf(rb, 'recover.4.1')).toMatchObject({ title: 'Solution 1: wait', parent: { id: 'recover.4', title: 'Watch it drain' } });
  });

  it('lint says each choice runs only when picked', () => {
    const text = '# T\n\n### 1. Option A\n\n```sh\ntrue\n```\n';
    expect(parseRunbook(text).steps[0]?.alternative).toBe(true);
  });
});
