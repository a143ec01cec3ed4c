// Step boundaries as a reader sees them (SPEC §2 Structure): `Step N.` / `Step N:` / `**Step N**`
// paragraphs, numbered items with nested bullets and blocks, headings under a step, and heading
// anchors that are not part of titles or ids.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/parse/parse-runbook.js';

const runbook = parseRunbook(`# Boundaries

## Procedure {#procedure}

Step 1. Drain the node.

\`\`\`sh
kubectl drain node-1
\`\`\`

Step 2: Check the pods.

\`\`\`sh
kubectl get pods
\`\`\`

**Step 3** Uncordon.

\`\`\`sh
kubectl uncordon node-1
\`\`\`

## Numbered {#numbered}

1. Scale down
   - first check the deployment
   \`\`\`sh
   kubectl get deploy
   \`\`\`
2. Scale up
   \`\`\`sh
   kubectl scale deploy/web --replicas=3
   \`\`\`

### Deep step {#deep}

#### Sub heading

\`\`\`sh
echo sub
\`\`\`
`);

describe('step boundaries', () => {
  it('reads each written form of "Step N" as a step of its own', () => {
    expect(runbook.steps.filter((s) => s.section === 'procedure').map((s) => [s.id, s.title, s.commands.map((c) => c.text)])).toEqual([
      ['procedure.1', 'Drain the node', ['kubectl drain node-1']],
      ['procedure.2', 'Check the pods', ['kubectl get pods']],
      ['procedure.3', 'Uncordon', ['kubectl uncordon node-1']],
    ]);
  });

  it('keeps nested bullets and blocks with their numbered item', () => {
    expect(runbook.steps.filter((s) => s.section === 'numbered' && /^numbered\.\d$/.test(s.id)).map((s) => [s.id, s.title, s.commands.map((c) => c.text)])).toEqual([
      ['numbered.1', 'Scale down', ['kubectl get deploy']],
      ['numbered.2', 'Scale up', ['kubectl scale deploy/web --replicas=3']],
    ]);
  });

  it('drops heading anchors from titles and ids, and reads a heading under a step as part of it', () => {
    expect(runbook.sections.map((s) => [s.id, s.title])).toEqual([
      ['procedure', 'Procedure'],
      ['numbered', 'Numbered'],
    ]);
    const deep = runbook.steps.find((s) => s.title === 'Deep step');
    expect(deep?.id).toBe('deep-step');
    expect(deep?.commands.map((c) => c.text)).toEqual(['echo sub']);
    expect(runbook.steps.every((s) => !s.title.includes('{#') && !s.id.includes('{'))).toBe(true);
  });

  it('lists a parent before its children', () => {
    const rb = parseRunbook('# T\n\n### 1. Parent\n\n- **Action:** First half\n- **Command:** `echo one`\n- **Action:** Second half\n- **Command:** `echo two`\n');
    const ids = rb.steps.map((s) => s.id);
    expect(ids.length).toBeGreaterThan(1);
    for (const step of rb.steps) if (step.parent) expect(ids.indexOf(step.parent.id)).toBeLessThanOrEqual(ids.indexOf(step.id));
  });
});
