// Every style fixture has a golden of its `plan --format json`, so a change to how Markdown is
// read shows, fixture by fixture, what it changes. Update them only on purpose, and review the diff:
//   UPDATE_GOLDENS=1 npx vitest run test/parse/plan-goldens.test.ts
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planSchema } from '../../src/plan/plan-schema.js';
import { planFixture, renderPlanJson } from './plan-fixture.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';

await loadShellParser();

const folder = 'test/fixtures/styles';
const directory = new URL(`../../${folder}/`, import.meta.url);
const fixtures = readdirSync(directory).filter((name) => name.endsWith('.md')).sort();
const update = process.env.UPDATE_GOLDENS === '1';

describe('plan goldens of the style fixtures', () => {
  it('finds the fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(10);
  });

  for (const name of fixtures) {
    it(name, () => {
      const plan = planFixture(`${folder}/${name}`);
      expect(() => planSchema.parse(plan)).not.toThrow();
      const actual = renderPlanJson(plan);
      const golden = new URL(name.replace(/\.md$/, '.plan.json'), directory);
      if (update) writeFileSync(golden, actual);
      expect(existsSync(golden), `no golden for ${name}: run UPDATE_GOLDENS=1 npx vitest run test/parse/plan-goldens.test.ts`).toBe(true);
      expect(actual).toBe(readFileSync(golden, 'utf8'));
    });
  }

  it('has no golden left without its fixture', () => {
    const goldens = readdirSync(directory).filter((name) => name.endsWith('.plan.json'));
    expect(goldens.map((name) => name.replace(/\.plan\.json$/, '.md')).filter((name) => !fixtures.includes(name))).toEqual([]);
  });
});
