// Every rule of the registry by the examples of its page (docs/rules/<id>.md), as remark-lint
// runs its rules' documented examples: the failing one reports exactly what the page shows, the
// passing one lints clean. After a deliberate change to a message,
// `UPDATE_RULE_DOCS=1 npx vitest run test/lint/rule-docs.test.ts` rewrites the reported blocks;
// review the diff.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { lintRunbookReport } from '../../src/lint/lint-runbook.js';
import { lintRules } from '../../src/lint/rules/index.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';
import { lintLines } from './lint-lines.js';

beforeAll(() => loadShellParser());

const example = (page: string, heading: 'Fails' | 'Passes'): string => {
  const found = new RegExp(`^## ${heading}\\n[\\s\\S]*?^\`\`\`\`markdown\\n([\\s\\S]*?)^\`\`\`\`$`, 'm').exec(page)?.[1];
  if (found === undefined) throw new Error(`no ${heading} example`);
  return found;
};

const REPORTED = /(`runbook lint` reports:\n\n```text\n)([\s\S]*?)(```\n)/;

describe('each rule by the examples of its page', () => {
  for (const rule of lintRules) {
    describe(rule.id, () => {
      const path = rule.docs;
      const page = readFileSync(path, 'utf8');

      it('has its page, titled by its id, with its description', () => {
        expect(path).toBe(`docs/rules/${rule.id}.md`);
        expect(page.startsWith(`# ${rule.id}\n`)).toBe(true);
        expect(page).toContain(rule.description);
      });

      it('reports on the failing example exactly what the page shows', () => {
        const lines = lintLines(example(page, 'Fails'), { only: new Set([rule.id]) });
        expect(lines.length).toBeGreaterThan(0);
        if (process.env.UPDATE_RULE_DOCS) writeFileSync(path, page.replace(REPORTED, (_all, open: string, _old, close: string) => `${open}${lines.join('\n')}\n${close}`));
        else expect(REPORTED.exec(page)?.[2]).toBe(`${lines.join('\n')}\n`);
      });

      it('reports nothing, of any rule, on the passing example', () => {
        expect(lintLines(example(page, 'Passes'))).toEqual([]);
      });
    });
  }

  it('does not crash on the failing examples once their elements lost their positions', () => {
    const pages = lintRules.map((rule) => example(readFileSync(rule.docs, 'utf8'), 'Fails').replace(/^---\n[\s\S]*?\n---\n/, ''));
    const runbook = parseRunbook(pages.join('\n'));
    const stripped = JSON.parse(JSON.stringify(runbook, (key, value: unknown) => (key === 'position' ? undefined : value))) as typeof runbook;
    const report = lintRunbookReport(stripped, buildGraph(stripped).diagnostics, { readShell: true });
    const ids = lintRules.map((rule) => rule.id);
    expect(new Set(report.diagnostics.map((d) => d.ruleId).filter((id) => ids.includes(id)))).toEqual(new Set(ids.filter((id) => id !== 'no-steps')));
  });

  it('lists every rule, with its severity, in docs/rules/README.md', () => {
    const index = readFileSync('docs/rules/README.md', 'utf8');
    const rows = [...index.matchAll(/^\| \[([a-z-]+)\]\(\1\.md\) \| (error|warning) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual(lintRules.map((rule) => `${rule.id} ${rule.severity}`));
  });

  it('has a page for no rule that is not in the registry', () => {
    const pages = readdirSync('docs/rules').filter((name) => name.endsWith('.md') && name !== 'README.md');
    expect(pages.sort()).toEqual(lintRules.map((rule) => `${rule.id}.md`).sort());
  });
});

describe('every rule, with the shell parser, over every fixture runbook', () => {
  const fixtures = readdirSync('test/fixtures', { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md'));

  it.each(fixtures)('lints test/fixtures/%s without throwing, every finding inside the file', (name) => {
    const text = readFileSync(`test/fixtures/${name}`, 'utf8');
    const lines = text.split('\n');
    for (const d of lintRunbookReport(parseRunbook(text), [], { readShell: true }).diagnostics) {
      expect(d.position.line).toBeGreaterThanOrEqual(1);
      expect(d.position.line).toBeLessThanOrEqual(lines.length);
      expect(d.position.column).toBeGreaterThanOrEqual(1);
      expect(d.position.column, `${d.ruleId} at ${d.position.line}:${d.position.column}`).toBeLessThanOrEqual((lines[d.position.line - 1]?.length ?? 0) + 1);
    }
  });
});
