// Fixtures: headings-fences.md, options-and-watch.md. H1 title, H2 sections, H3 steps, deeper sub-steps.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/parse/parse-runbook.js';
import { parseFixture } from '../parse-fixture.js';

describe('headings', () => {
  it('give the title, the sections and the steps', () => {
    const rb = parseFixture('headings-fences.md');
    expect([rb.title, rb.sections.map((s) => [s.id, s.title]), rb.steps.map((s) => [s.id, s.section])]).toEqual([
      'Restart the API', [['steps', 'Steps']], [['drain-traffic', 'steps'], ['restart', 'steps']],
    ]);
  });

  it('number ids from the numbering, titles without it', () => {
    const rb = parseRunbook('# T\n\n## B. Data\n\n### 3. Back up\n\n```sh\ntrue\n```\n\n## IV. Later\n\n### Step 2 — Check\n\n```sh\ntrue\n```\n');
    expect(rb.sections.map((s) => [s.id, s.title])).toEqual([['B', 'Data'], ['IV', 'Later']]);
    expect(rb.steps.map((s) => [s.id, s.title])).toEqual([['B.3', 'Back up'], ['IV.2', 'Check']]);
  });

  it('make sub-steps of deeper headings in a step, and notes where there is no step to split', () => {
    const rb = parseRunbook('# T\n\n## S\n\n#### Aside\n\n### 1. Do\n\n#### 1.1 First\n\n```sh\ntrue\n```\n\n#### Second\n\n```sh\nfalse\n```\n');
    expect(rb.steps.map((s) => [s.id, s.title])).toEqual([['s', 'S'], ['s.1.1', 'First'], ['s.1.2', 'Second']]);
    expect(rb.steps[0]?.notes.map((n) => n.text)).toEqual(['Aside']);
  });
});
