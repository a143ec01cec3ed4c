import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { runbookSchema, type Position } from '../../src/model/runbook.js';

/** Every position the model holds, wherever it sits. */
function positions(value: unknown, found: Position[] = []): Position[] {
  if (Array.isArray(value)) for (const item of value) positions(item, found);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.line === 'number' && typeof record.column === 'number' && Object.keys(record).length === 2) found.push(record as unknown as Position);
    else for (const child of Object.values(record)) positions(child, found);
  }
  return found;
}

function inside(text: string, p: Position): boolean {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const line = lines[p.line - 1];
  return line !== undefined && p.column >= 1 && p.column <= line.length + 1;
}

const markdownPieces = fc.constantFrom(
  '# Title\n', '## A. Section\n', '### 1. Step\n', '### Step\n', '- **Action:** do it\n', '- **Command:** `echo <name>`\n',
  '- **Expected Outcome:** `exit 0`\n', '- **Expected:** `stdout contains "x"`\n', '- **Capture:** `tag`\n', '- **Depends on:** A.1\n',
  '- **Timeout:** 5m\n', '- **Retries:** 2\n', '- [ ] check\n', '- [x] done\n', '```sh\necho <a> <<EOF\nx\nEOF\n```\n', '~~~bash\nls \\\n  -la\n~~~\n',
  '```console\n$ echo hi\nhi\n```\n', '```\nuntagged\n```\n', '```sh {name=x excludeFromRunAll=true}\nrm -rf x\n```\n', '---\nparams:\n  a: b\n---\n',
  '+++\nx = 1\n+++\n', '| Step | Command |\n| --- | --- |\n| a | `ls -la` |\n', '1. Run `kubectl get pods`\n', '   ```sh\n   true\n   ```\n', '\r\n', '\n', 'text `{{ x }}`\n',
  '- **Status:** ok\n', '  - nested `stdout is empty`\n', '- **Env:** `A=1`\n', '- **Confirm:** maybe\n',
  '### 2. Option B\n', '#### Plan a window\n', 'Output:\n', 'You should see:\n', '- **Expected Output:**\n', '**Step 4:** Tell the team.\n', '> quoted\n',
  'Use one of these:\n', '- On RDS:\n', '1. Run `a-cmd x` or `b-cmd y`, then `c-cmd z`.\n', 'Do not run `rm -rf /x`.\n', '<details><summary>Old way</summary>\n', '</details>\n',
  'If it fails, go to [Rollback](#rollback).\n', '1. If it is fine, skip to step 3.\n', '## Rollback plan\n', 'On the database host, run:\n', '### Production only: warm\n',
  '```sh\n# us-east-1\naws x\n# eu-west-1\naws y\n```\n', 'Rolling back now, expect errors\n', '- **Command:** `a-cmd` (or `b-cmd`)\n',
);

describe('parser properties', () => {
  it('never throws on arbitrary text, and every position lies inside the file', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
      const runbook = parseRunbook(text);
      for (const p of positions(runbook)) expect(inside(text, p), `${p.line}:${p.column}`).toBe(true);
    }), { numRuns: propertyRuns(300) });
  });

  it('never throws on runbook-shaped Markdown, and every position lies inside the file', () => {
    fc.assert(fc.property(fc.array(markdownPieces, { maxLength: 25 }), (pieces) => {
      const text = pieces.join('');
      const runbook = parseRunbook(text);
      for (const p of positions(runbook)) expect(inside(text, p), `${p.line}:${p.column} in ${JSON.stringify(text)}`).toBe(true);
      expect(new Set(runbook.steps.map((s) => s.id)).size).toBe(runbook.steps.length);
    }), { numRuns: propertyRuns(300) });
  });

  it('parses runbook-shaped Markdown into a model the runbook schema accepts as it is, outcome ids unique', () => {
    fc.assert(fc.property(fc.array(markdownPieces, { maxLength: 25 }), (pieces) => {
      const runbook = parseRunbook(pieces.join(''));
      expect(runbookSchema.parse(runbook)).toEqual(runbook);
      const outcomes = runbook.steps.flatMap((s) => [...s.expectations, ...s.attestations].map((o) => o.id));
      expect(new Set(outcomes).size).toBe(outcomes.length);
    }), { numRuns: propertyRuns(200) });
  });

  it('never throws on arbitrary bytes decoded as UTF-8', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const text = new TextDecoder().decode(bytes);
      const runbook = parseRunbook(text);
      for (const p of positions(runbook)) expect(inside(text, p)).toBe(true);
    }), { numRuns: propertyRuns(300) });
  });
});
