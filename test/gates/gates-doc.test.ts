// docs/GATES.md is the catalogue as it runs: regenerate it after a deliberate change with
// `UPDATE_GOLDENS=1 npx vitest run test/gates/gates-doc.test.ts`, and review the diff.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GATE_CATALOGUE } from '../../src/gates/catalogue.js';
import { renderGatesMarkdown } from '../../src/gates/render-gates-markdown.js';

const page = new URL('../../docs/GATES.md', import.meta.url);

describe('docs/GATES.md', () => {
  it('is the catalogue as the engine reads it', () => {
    const rendered = renderGatesMarkdown();
    if (process.env.UPDATE_GOLDENS === '1') writeFileSync(page, rendered);
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toBe(rendered);
  });

  it('lists every entry once, under a unique id', () => {
    const ids = GATE_CATALOGUE.flatMap((family) => family.entries.map((entry) => entry.id));
    expect(new Set(ids).size).toBe(ids.length);
    const text = renderGatesMarkdown();
    for (const id of ids) expect(text, id).toContain(`### \`${id}\``);
  });

  it('has a test file that runs each family', () => {
    const catalogue = readFileSync(new URL('../../src/gates/catalogue.ts', import.meta.url), 'utf8');
    const listed = /GATE_CATALOGUE[^=]*=\s*\[([^\]]*)\]/.exec(catalogue)?.[1]?.match(/\w+/g) ?? [];
    expect(listed).toHaveLength(GATE_CATALOGUE.length);
    const tests = readdirSync(new URL('.', import.meta.url)).filter((name) => name.endsWith('.test.ts')).map((name) => readFileSync(new URL(name, import.meta.url), 'utf8'));
    for (const family of listed) expect(tests.some((source) => source.includes(`testFamily(${family}`)), family).toBe(true);
  });
});
