// Long runbooks are parsed in pieces cut before headings (src/parse/parse-markdown.ts). A cut must
// never change what the text says: over generated documents built from the lines that can carry a
// block past a heading (fences, raw HTML, comments, lists, quotes), the pieces give the tree that
// parsing the whole text at once gives, positions included.
import fc from 'fast-check';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/parse/parse-markdown.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { propertyRuns } from '../setup-properties.js';

const whole = unified().use(remarkParse);

const LINES = [
  '# Part', '## Step', '### 2. Restart the pods', '#### Note', '', '', '', 'Some prose.', 'echo not-a-command',
  '- an item', '  - nested', '1. first', '> quoted', '> # quoted heading', '    indented code',
  '```bash', '```', '~~~', '# a bash comment', 'kubectl rollout restart deploy/web',
  '<!--', '-->', '<!-- a comment on one line -->', '- <!-- in a list item', '> <!--',
  '<pre>', '</pre>', '<script>', '</script>', '<div>', '</div>', '<details>', '</details>',
  '<?php', '?>', '<!DOCTYPE html', '>', '<![CDATA[', ']]>', 'text <!-- inline', 'Title', '===', '***', '---',
  '  ```bash', '    ```', '````', '~~~~', '- ```bash', '> ```', '<div>text', 'Run `a <b`:', '    # indented hash', '```bash # x ```',
];

const documents = fc.array(fc.constantFrom(...LINES), { minLength: 60, maxLength: 160 }).map((lines) => ['# Runbook', '', ...lines].join('\n'));

describe('parsing in pieces', () => {
  it('gives the tree of the whole text, whatever blocks the headings sit among', () => {
    fc.assert(
      fc.property(documents, (text) => {
        expect(parseMarkdown(text).children).toEqual(whole.parse(text).children);
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('keeps a step commented out in a long runbook a comment, blank lines and headings inside it included', () => {
    const prose = Array.from({ length: 45 }, (_, i) => `Background, line ${i + 1}.`);
    const text = ['# Restore', '', ...prose, '', '## 1. Restore', '', '```bash', 'restore-db --latest', '```', '', '<!--', 'The old way, kept for reference:', '', '## 2. Drop the replica', '', '```bash', 'drop-replica --all', '```', '', '-->', '', '## 3. Check', '', '```bash', 'check-db', '```', ''].join('\n');
    const commands = parseRunbook(text).steps.flatMap((step) => step.commands.map((command) => command.text));
    expect(commands).toEqual(['restore-db --latest', 'check-db']);
  });

  it('cuts between headings that follow one another with no blank line, so such a file is parsed in pieces too', () => {
    const text = `# Headings\n${Array.from({ length: 200 }, (_, i) => `### Step ${i}\n`).join('')}`;
    expect(parseMarkdown(text).children).toEqual(whole.parse(text).children);
  });
});
