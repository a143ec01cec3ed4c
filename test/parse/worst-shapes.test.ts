// The worst shapes of bench/worst-shapes.mjs, parsed in-process at a size a test can afford: what
// comes out must be whole and placed right. How long they take is measured by `npm run bench`.
import { describe, expect, it } from 'vitest';
import { nestedList, worstShapes } from '../../bench/worst-shapes.mjs';
import { findDeepNesting, MAX_NESTING } from '../../src/parse/find-deep-nesting.js';
import { findTooManyHeadings, MAX_HEADINGS } from '../../src/parse/find-too-many-headings.js';
import { MAX_FRONTMATTER_CHARS } from '../../src/parse/read-frontmatter.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { runCli } from '../cli/run-cli.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('deep nesting', () => {
  it('parses a list nested as deep as allowed, every level in place', () => {
    const text = nestedList(MAX_NESTING);
    const runbook = parseRunbook(text);
    expect(runbook.diagnostics).toEqual([]);
    expect(runbook.steps).toHaveLength(1);
    // Each level is a sentence with no command word: a note, on its line, at its indent.
    expect(runbook.steps[0]?.notes).toEqual(Array.from({ length: MAX_NESTING }, (_, i) => ({ text: `level ${i} \`echo ${i}\``, position: { line: 5 + i, column: 2 * i + 3 } })));
  });

  it('refuses a list one level deeper, at the marker that goes too deep, without parsing it', () => {
    const text = worstShapes.nestedList.make(worstShapes.nestedList.full);
    const runbook = parseRunbook(text);
    expect(runbook.steps).toEqual([]);
    expect(runbook.diagnostics).toEqual([{
      severity: 'error',
      ruleId: 'nesting-too-deep',
      message: `Lists and quotes nest more than ${MAX_NESTING} levels deep here; a runbook needs far fewer`,
      position: { line: lineOf(text, `- level ${MAX_NESTING} `), column: 2 * MAX_NESTING + 1 },
    }]);
  });

  it('counts quotes, and lists inside quotes and quotes inside lists', () => {
    expect(findDeepNesting(`${'>'.repeat(MAX_NESTING)} ok\n`)).toBeUndefined();
    expect(findDeepNesting(`${'>'.repeat(MAX_NESTING + 1)} deep\n`)).toEqual({ line: 1, column: MAX_NESTING + 1 });
    expect(findDeepNesting(worstShapes.nestedQuote.make(worstShapes.nestedQuote.full))).toEqual({ line: 5, column: MAX_NESTING + 1 });
    expect(findDeepNesting(`${'- '.repeat(MAX_NESTING + 1)}x\n`)).toEqual({ line: 1, column: 2 * MAX_NESTING + 1 });
    const quotedList = Array.from({ length: MAX_NESTING + 1 }, (_, i) => `> ${'  '.repeat(i)}- item ${i}\n`).join('');
    // The quote is one level, so the list's last level but one is one too many.
    expect(findDeepNesting(quotedList)).toEqual({ line: MAX_NESTING, column: 2 * MAX_NESTING + 1 });
    const tabbed = Array.from({ length: MAX_NESTING + 1 }, (_, i) => `${'\t'.repeat(i)}- item ${i}\n`).join('');
    expect(findDeepNesting(tabbed)).toEqual({ line: MAX_NESTING + 1, column: MAX_NESTING + 1 });
  });

  it('does not count markers in fenced code, indented code or thematic breaks', () => {
    const ladder = Array.from({ length: MAX_NESTING + 5 }, (_, i) => `${'  '.repeat(i)}- level ${i}\n`).join('');
    expect(findDeepNesting(`- item\n\n  \`\`\`sh\n${ladder.replace(/^/gm, '  ')}  \`\`\`\n`)).toBeUndefined();
    expect(findDeepNesting(`${'- '.repeat(200)}\n\n${'* '.repeat(200)}\n`)).toBeUndefined();
    expect(findDeepNesting(`para\n\n    ${'- '.repeat(MAX_NESTING + 1)}x\n`)).toBeUndefined();
    // A closed fence stops hiding markers.
    expect(findDeepNesting(`\`\`\`\n- a\n\`\`\`\n${'> '.repeat(MAX_NESTING + 1)}x\n`)).toEqual({ line: 4, column: 2 * MAX_NESTING + 1 });
  });

  it('is bad input on the command line: exit 2, one message with the file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-deep-'));
    const file = join(dir, 'deep.md');
    const text = nestedList(MAX_NESTING + 8);
    writeFileSync(file, text);
    const { code, stdout, stderr } = runCli(['plan', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`runbook: ${file}:${lineOf(text, `- level ${MAX_NESTING} `)}:${2 * MAX_NESTING + 1}: Lists and quotes nest more than ${MAX_NESTING} levels deep here; a runbook needs far fewer\n`);
  });
});

describe('many frontmatter keys', () => {
  it('reads every key', () => {
    const n = 10_000;
    const runbook = parseRunbook(worstShapes.frontmatterKeys.make(n));
    expect(runbook.diagnostics).toEqual([]);
    expect(Object.keys(runbook.frontmatter)).toHaveLength(n);
    expect(runbook.frontmatter[`key${n - 1}`]).toBe(`value ${n - 1}`);
    expect(runbook.steps.map((s) => s.commands[0]?.text)).toEqual(['echo keys']);
    expect(runbook.steps[0]?.position.line).toBe(n + 6);
  });

  it('places every declared param on its line', () => {
    const n = 5_000;
    const runbook = parseRunbook(worstShapes.frontmatterParams.make(n));
    expect(runbook.diagnostics).toEqual([]);
    const declared = runbook.params.filter((p) => p.declared);
    expect(declared).toHaveLength(n);
    // `  p<i>:` is on line 3 + 2i; its declaration (`default: …`) on the line after.
    declared.forEach((param, i) => {
      expect(param).toMatchObject({ name: `p${i}`, default: `v${i}`, position: { line: 4 + 2 * i, column: 5 } });
    });
  });

  it('refuses more frontmatter than a runbook\'s settings need, unread, with nothing else read', () => {
    const text = worstShapes.frontmatterKeys.make(worstShapes.frontmatterKeys.full);
    const runbook = parseRunbook(text);
    expect(runbook.diagnostics.map((d) => [d.ruleId, d.severity, d.position])).toEqual([['frontmatter-too-large', 'error', { line: 1, column: 1 }]]);
    expect(runbook.diagnostics[0]?.message).toMatch(/^Frontmatter of [\d,]+ characters, more than the 256 KiB a runbook's settings may take; keep long data in a --vars file$/);
    expect(Object.keys(runbook.frontmatter)).toEqual([]);
    expect(parseRunbook(`---\nnote: ${'x'.repeat(MAX_FRONTMATTER_CHARS - 7)}\n---\n# T\n`).diagnostics).toEqual([]);
  });

  it('still reports a repeated key, on the line it is repeated, in a map at any depth', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `key${i}: ${i}\n`).join('');
    const top = parseRunbook(`---\n${keys}key7: again\n---\n# T\n`);
    expect(top.diagnostics).toEqual([{ severity: 'error', ruleId: 'frontmatter-yaml', message: 'Malformed frontmatter: Map keys must be unique', position: { line: 1002, column: 1 } }]);
    const nested = parseRunbook('---\nenv:\n  A: 1\n  B: 2\n  A: 3\n---\n# T\n');
    expect(nested.diagnostics.map((d) => [d.ruleId, d.message, d.position])).toEqual([['frontmatter-yaml', 'Malformed frontmatter: Map keys must be unique', { line: 5, column: 3 }]]);
    // Keys of different types are different keys, as yaml has them.
    expect(parseRunbook('---\n1: a\n"1": b\n---\n# T\n').diagnostics).toEqual([]);
  });

  it('cuts frontmatter off only where remark-frontmatter would find it', () => {
    expect(parseRunbook('---\ntitle: Cut\n---\n---\ntitle: Not frontmatter\n---\n').title).toBe('Cut');
    // No closing fence: a thematic break and a paragraph, not frontmatter.
    const unclosed = parseRunbook('---\ntitle: Open\n\n# Heading\n');
    expect(unclosed.title).toBe('Heading');
    expect(unclosed.frontmatter).toEqual({});
    // Indented, or not on the first line: not frontmatter either.
    expect(parseRunbook(' ---\ntitle: Indented\n---\n# H\n').frontmatter).toEqual({});
    expect(parseRunbook('---  \ntitle: Spaces\n---\t\n# H\n').title).toBe('Spaces');
    expect(parseRunbook('---\n---\n# Empty\n').title).toBe('Empty');
    // TOML (`+++`) is cut off the same way, and read into the same fields.
    expect(parseRunbook('+++\ntitle = "x"\n+++\n# T\n')).toMatchObject({ title: 'x', diagnostics: [] });
  });
});

describe('many headings', () => {
  it('makes one step per heading, each placed on its line with the line under it', () => {
    const n = 2_000;
    const text = worstShapes.headings.make(n);
    const runbook = parseRunbook(text);
    expect(runbook.diagnostics).toEqual([]);
    expect(runbook.steps).toHaveLength(n);
    runbook.steps.forEach((step, i) => {
      expect(step).toMatchObject({ id: `step-${i}`, position: { line: 3 + 4 * i, column: 1 } });
      // Inline code alone, with no word saying to run it, is a note.
      expect(step.notes).toEqual([{ text: `\`echo ${i}\``, position: { line: 5 + 4 * i, column: 1 } }]);
    });
  });

  it('refuses more headings than a runbook needs, at the first one too many, without parsing it', () => {
    const text = worstShapes.bareHeadings.make(MAX_HEADINGS + 5);
    const runbook = parseRunbook(text);
    expect(runbook.steps).toEqual([]);
    expect(runbook.diagnostics).toEqual([{ severity: 'error', ruleId: 'too-many-headings', message: 'More than 12,000 headings: this is the next one; a runbook needs far fewer, split it into runbooks of its parts', position: { line: MAX_HEADINGS + 1, column: 1 } }]);
    // Setext headings count; `#` lines in fenced code and `---` after a blank line do not.
    expect(findTooManyHeadings('Title\n=====\n\nSub\n---\n', 1)).toEqual({ line: 5, column: 1 });
    expect(findTooManyHeadings('# A\n\n```sh\n# comment\n# comment\n```\n\n---\n', 1)).toBeUndefined();
    // The title and MAX_HEADINGS - 1 steps are as many as may be.
    expect(findTooManyHeadings(worstShapes.bareHeadings.make(MAX_HEADINGS - 1))).toBeUndefined();
  });

  it('keeps headings with no blank line between them apart', () => {
    const n = 2_000;
    const runbook = parseRunbook(worstShapes.bareHeadings.make(n));
    expect(runbook.steps.map((s) => s.position.line)).toEqual(Array.from({ length: n }, (_, i) => i + 2));
  });

  it('gives sections with one title ids of their own, in order', () => {
    const n = 2_000;
    const runbook = parseRunbook(worstShapes.sameSections.make(n));
    expect(runbook.steps.map((s) => s.section)).toEqual(Array.from({ length: n }, (_, i) => (i === 0 ? 'verify' : `verify-${i + 1}`)));
  });
});

describe('many placeholders in one command', () => {
  it('finds each, and asks for each name once', () => {
    const n = 2_000;
    const runbook = parseRunbook(worstShapes.placeholders.make(n));
    const command = runbook.steps[0]?.commands[0];
    expect(command?.placeholders).toHaveLength(n);
    expect(new Set(command?.placeholders.map((p) => p.name))).toEqual(new Set(Array.from({ length: 50 }, (_, i) => `p${i}`)));
  });
});

describe('a long block with a placeholder on every line', () => {
  it('places each, and reads the block without an error', () => {
    const n = 600;
    const runbook = parseRunbook(worstShapes.scriptLines.make(n));
    const command = runbook.steps[0]?.commands[0];
    expect(command?.placeholders).toHaveLength(n);
    expect(command?.placeholders.every((p) => p.name === 'ns')).toBe(true);
    expect(runbook.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(command?.placeholders.at(-1)?.position.line).toBe(lineOf(worstShapes.scriptLines.make(n), `web-${n - 1}`));
  });
});
