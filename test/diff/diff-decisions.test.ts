// Branches in a diff: a reviewer sees a decision point appear or go, and an option added, dropped
// or pointed at other steps.
import { describe, expect, it } from 'vitest';
import { diffRunbooks, hasChanges, type FileDiff } from '../../src/diff/diff-runbooks.js';
import { renderDiffMarkdown } from '../../src/diff/render-diff-markdown.js';
import { renderDiffText } from '../../src/diff/render-diff-text.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';

const straight = `# Queue backlog

## Recover

### 1. Look at the backlog

\`\`\`sh
queue-stats
\`\`\`

### 2. Add consumers

\`\`\`sh
scale-consumers 10
\`\`\`
`;

const twoOptions = straight.replace('### 2. Add consumers', '### 2. Option A: add consumers') + `
### 3. Option B: drop the oldest messages

\`\`\`sh
queue-purge --older-than 1h
\`\`\`
`;

const threeOptions = `${twoOptions}
### 4. Option C: fail over

\`\`\`sh
fail-over standby
\`\`\`
`;

function diff(before: string, after: string) {
  return diffRunbooks(parseRunbook(before), parseRunbook(after));
}

describe('branches in a diff', () => {
  it('reports a decision point added, with each option and its steps', () => {
    const d = diff(straight, twoOptions);
    expect(d.decisions).toEqual([
      {
        id: 'recover.choice',
        title: 'One of: Option A / Option B',
        change: 'added',
        details: ['option added: a "Option A: add consumers" → recover.2', 'option added: b "Option B: drop the oldest messages" → recover.3'],
      },
    ]);
    expect(hasChanges(d)).toBe(true);
  });

  it('reports a decision point removed', () => {
    expect(diff(twoOptions, straight).decisions).toEqual([{ id: 'recover.choice', title: 'One of: Option A / Option B', change: 'removed', details: [] }]);
  });

  it('reports an option added to a decision point that stays', () => {
    const [change] = diff(twoOptions, threeOptions).decisions;
    expect(change?.change).toBe('changed');
    expect(change?.details).toContain('option added: c "Option C: fail over" → recover.4');
  });

  it('reports an option retitled, and one whose steps changed', () => {
    const retitled = twoOptions.replace('Option B: drop the oldest messages', 'Option B: purge the oldest messages');
    expect(diff(twoOptions, retitled).decisions.flatMap((d) => d.details)).toContain('option b title: "Option B: drop the oldest messages" → "Option B: purge the oldest messages"');
    const before = parseRunbook(twoOptions);
    const after = structuredClone(before);
    const option = after.decisions[0]?.options[1];
    if (option) option.steps = ['recover.3', 'recover.4'];
    expect(diffRunbooks(before, after).decisions.flatMap((d) => d.details)).toEqual(['option b steps: recover.3 → recover.3, recover.4']);
  });

  it('finds no branch change between a runbook and itself', () => {
    expect(diff(threeOptions, threeOptions).decisions).toEqual([]);
  });

  it('shows branch changes in text and Markdown', () => {
    const file: FileDiff = { path: 'runbooks/queue.md', status: 'modified', diff: diff(twoOptions, threeOptions) };
    const text = renderDiffText([file], 'main');
    expect(text).toContain('  decision point ~ recover.choice  One of: Option A / Option B / Option C');
    expect(text).toContain('      option added: c "Option C: fail over" → recover.4');
    const md = renderDiffMarkdown([file], 'main');
    expect(md).toContain('**Decision points (branches)**');
    expect(md).toContain('- ✏️ `recover.choice` One of: Option A / Option B / Option C changed');
    expect(md).toContain('  - option added: c "Option C: fail over" → recover.4');
  });
});
