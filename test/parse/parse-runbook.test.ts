import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import type { Runbook } from '../../src/model/runbook.js';

const fixture = (name: string): Runbook => parseRunbook(readFileSync(new URL(`../fixtures/styles/${name}`, import.meta.url), 'utf8'));
const ids = (runbook: Runbook) => runbook.steps.map((s) => s.id);
const step = (runbook: Runbook, id: string) => {
  const found = runbook.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id} in ${ids(runbook).join(', ')}`);
  return found;
};

describe('the seed runbook', () => {
  // The seed with its commands as written (runbooks/rollback.md has taken safer ones since).
  const seed = parseRunbook(readFileSync(new URL('../fixtures/rollback-as-written.md', import.meta.url), 'utf8'));

  it('finds every step of the seed, with sub-steps for the second Action', () => {
    expect(ids(seed)).toEqual(['A.1', 'A.2.1', 'A.2.2', 'A.3', 'B.1', 'B.2', 'B.3', 'C', 'D']);
    expect(step(seed, 'A.2.1').parent).toEqual({ id: 'A.2', title: 'Redeploy Previous RC/GA' });
    expect(seed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('keeps the commands as written, with their placeholders and positions', () => {
    expect(step(seed, 'A.1').commands[0]?.text).toBe('kubectl describe deployment <deployment-name> | grep Image');
    expect(step(seed, 'A.2.2').commands[0]?.placeholders.map((p) => p.name)).toEqual(['release-name', 'revision-number']);
    expect(seed.params.map((p) => p.name)).toEqual(['deployment-name', 'release-name', 'revision-number']);
    const source = readFileSync(new URL('../fixtures/rollback-as-written.md', import.meta.url), 'utf8').split('\n');
    for (const p of step(seed, 'A.2.2').commands[0]?.placeholders ?? []) {
      expect(source[p.position.line - 1]?.slice(p.position.column - 1).startsWith(p.raw)).toBe(true);
    }
  });

  it('gates the production-changing steps', () => {
    expect(step(seed, 'A.2.2').gate).toMatch(/helm rollback/);
    expect(step(seed, 'B.1').gate).toMatch(/migration/);
    expect(step(seed, 'A.1').gate).toBeUndefined();
  });

  it('turns the non-command labels into attestations, dropping nothing', () => {
    expect(step(seed, 'B.1').attestations.map((a) => a.label)).toEqual(['Status', 'Procedure']);
    expect(step(seed, 'B.2').attestations.map((a) => a.label)).toEqual(['Waiver']);
    expect(step(seed, 'B.3').attestations.map((a) => a.label)).toEqual(['Backup Policy', 'Restore Procedure']);
    expect(step(seed, 'C').attestations.map((a) => a.label)).toEqual(['Template', 'Expectation']);
    expect(step(seed, 'D').attestations.map((a) => a.label)).toEqual(['Policy', 'Identification']);
  });

  it('parses the added matchers and captures', () => {
    expect(step(seed, 'A.2.1').captures).toEqual(['previous-tag']);
    expect(step(seed, 'A.2.2').expectations[0]?.matchers[0]?.matcher).toEqual({ kind: 'contains', stream: 'stdout', text: 'Rollback was a success' });
  });

  it('plans the seed fixture the same way', () => {
    const original = parseRunbook(readFileSync(new URL('../fixtures/seed/release-rollback-runbook.md', import.meta.url), 'utf8'));
    expect(ids(original)).toEqual(ids(seed));
    expect(original.steps.map((s) => s.commands.map((c) => c.text))).toEqual(seed.steps.map((s) => s.commands.map((c) => c.text)));
  });
});

describe('styles people write', () => {
  it('headings with fenced blocks: slug ids, prose kept as notes', () => {
    const rb = fixture('headings-fences.md');
    expect(ids(rb)).toEqual(['drain-traffic', 'restart']);
    expect(step(rb, 'drain-traffic').notes[0]?.text).toMatch(/load balancer/);
    expect(step(rb, 'restart').expectations[0]?.matchers[0]?.matcher).toEqual({ kind: 'exit', code: 0 });
  });

  it('numbered lists with inline commands: one step per item', () => {
    const rb = fixture('numbered-inline.md');
    expect(ids(rb)).toEqual(['procedure.1', 'procedure.2', 'procedure.3']);
    expect(step(rb, 'procedure.1').title).toBe('Scale the workers to zero');
    expect(step(rb, 'procedure.1').commands[0]?.text).toBe('kubectl scale deployment/worker --replicas=0');
    expect(step(rb, 'procedure.2').expectations[0]?.matchers[0]?.matcher).toEqual({ kind: 'empty', stream: 'stdout' });
    expect(step(rb, 'procedure.3').commands).toEqual([]);
  });

  it('checklists: task items are attestations, ticked or not', () => {
    const rb = fixture('checklist.md');
    const attestations = rb.steps.flatMap((s) => s.attestations);
    expect(attestations.map((a) => [a.kind, a.checked])).toEqual([['task', false], ['task', true], ['task', false]]);
  });

  it('tables with a Command column: one step per row', () => {
    const rb = fixture('table.md');
    expect(rb.steps.map((s) => [s.title, s.commands[0]?.text])).toEqual([['Check memory', 'redis-cli info memory'], ['Flush', 'redis-cli flushall']]);
    expect(step(rb, 'steps.2').gate).toMatch(/flushall/);
  });

  it('heredocs and continuations stay one command', () => {
    expect(fixture('heredoc.md').steps[0]?.commands).toHaveLength(1);
    expect(fixture('heredoc.md').steps[0]?.commands[0]?.text).toContain('EOF\nkubectl apply');
    const continuation = fixture('continuation.md').steps[0];
    expect(continuation?.commands).toHaveLength(1);
    expect(continuation?.commands[0]?.placeholders.map((p) => [p.name, p.position.line])).toEqual([['release', 6], ['namespace', 7], ['tag', 8]]);
  });

  it('CRLF files parse like LF files, with no carriage return left in commands', () => {
    const rb = fixture('crlf.md');
    expect(ids(rb)).toEqual(['A.1']);
    expect(step(rb, 'A.1').commands[0]?.text).toBe('uptime');
    expect(step(rb, 'A.1').position).toEqual({ line: 5, column: 1 });
  });

  it('nested lists: labels and matchers found at any depth', () => {
    const s = fixture('nested-lists.md').steps[0];
    expect(s?.commands[0]?.text).toBe('npm run migrate:down');
    expect(s?.expectations[0]?.matchers.map((m) => m.source)).toEqual(['exit 0', 'stdout contains "reverted"']);
    expect(s?.timeoutMs).toBe(120_000);
    expect([s?.retries, s?.retryDelayMs]).toEqual([2, 5000]);
  });

  it('placeholders of every kind (template leftovers are values to give), and heredoc markers that are not', () => {
    const rb = fixture('placeholders.md');
    expect(rb.params.map((p) => p.name)).toEqual(['namespace', 'pod name', 'N', 'LOCK_ID', 'db.host', 'values.image', 'secrets.TOKEN']);
  });

  it('Runme attributes are honoured; untagged fences are not run and are reported', () => {
    const rb = fixture('runme.md');
    const commands = rb.steps.flatMap((s) => s.commands);
    expect(commands.map((c) => [c.name, c.excludeFromRunAll])).toEqual([['check-version', false], ['danger', true]]);
    expect(rb.diagnostics.map((d) => d.ruleId)).toContain('untagged-fence');
  });

  it('console transcripts: $ lines are commands, the rest their expected output', () => {
    const s = fixture('console.md').steps[0];
    expect(s?.commands.map((c) => c.text)).toEqual(['node --version', 'echo hello \\\nworld']);
    expect(s?.expectations.map((e) => [e.commandIndex, e.expectedOutput])).toEqual([[0, ['v20...']], [1, ['hello world']]]);
  });

  it('a bash block written as a transcript ($ prompts) is read as one', () => {
    const rb = parseRunbook('# T\n\n### 1. Pods\n\n```bash\n$ kubectl get pods\nNAME   READY\n$ kubectl get svc\n```\n');
    expect(rb.steps[0]?.commands.map((c) => [c.text, c.source])).toEqual([['kubectl get pods', 'console'], ['kubectl get svc', 'console']]);
    expect(rb.steps[0]?.expectations[0]?.expectedOutput).toEqual(['NAME   READY']);
  });

  it('"Expected output:" followed by a plain block: the block is that command\'s sample output, not code', () => {
    const rb = parseRunbook('# T\n\n### 1. Roll out\n\n```sh\nkubectl rollout status deploy/web\n```\n\nExpected output:\n\n```\ndeployment "web" successfully rolled out\n```\n\n### 2. Check\n\n- **Command:** `curl -s localhost/health`\n- **Expected Output:**\n\n```text\nok\n```\n');
    expect(rb.steps.map((s) => s.expectations.map((e) => [e.text, e.sample, e.commandIndex]))).toEqual([
      [['Expected output', ['deployment "web" successfully rolled out'], 0]],
      [['Expected Output', ['ok'], 0]],
    ]);
    expect(rb.diagnostics).toEqual([]);
  });

  it('YAML frontmatter: params with defaults, patterns, enums and secrets', () => {
    const rb = fixture('frontmatter-yaml.md');
    expect(rb.title).toBe('Rollback with params');
    expect(rb.timeoutMs).toBe(600_000);
    expect(rb.params.find((p) => p.name === 'release')).toMatchObject({ default: 'web', pattern: '^[a-z0-9-]+$', declared: true });
    expect(rb.params.find((p) => p.name === 'token')?.secret).toBe(true);
    expect(rb.steps[0]?.env).toEqual({ API_TOKEN: '<token>' });
  });

  it('TOML frontmatter (Hugo) is read like YAML', () => {
    const rb = fixture('frontmatter-toml.md');
    expect(rb.diagnostics).toEqual([]);
    expect(rb.frontmatter).toEqual({ title: 'TOML frontmatter' });
    expect(rb.steps).toHaveLength(1);
  });

  it('malformed YAML frontmatter is an error with its position', () => {
    const rb = fixture('frontmatter-malformed.md');
    expect(rb.diagnostics[0]?.ruleId).toBe('frontmatter-yaml');
    expect(rb.diagnostics[0]?.position.line).toBe(2);
  });

  it('fences indented in list items, with trailing spaces in the info string', () => {
    const rb = fixture('indented-fence.md');
    expect(rb.steps.map((s) => s.commands[0]?.text)).toEqual(['cat VERSION', 'git tag v<version>']);
    expect(rb.steps[1]?.commands[0]?.position).toEqual({ line: 14, column: 4 });
  });

  it('an unterminated last fence still yields its command', () => {
    expect(fixture('unterminated.md').steps[0]?.commands[0]?.text).toBe('echo the fence never closes');
  });

  it('bad step settings are errors at their position', () => {
    const rb = fixture('settings.md');
    expect(rb.diagnostics.map((d) => [d.ruleId, d.position.line])).toEqual([['invalid-timeout', 9], ['unknown-matcher', 18]]);
    const second = step(rb, 'A.2');
    expect(second).toMatchObject({ dependsOn: ['A.1'], confirm: true, continueOnError: true, cwd: '/tmp', gate: 'Confirm: yes' });
    expect(step(rb, 'A.1').captures).toEqual(['previous-tag']);
  });
});

describe('sub-headings and alternatives', () => {
  it('makes sub-steps of H4 headings, and puts "Option A/B" on the branches of one choice; prerequisites become attestations', () => {
    const rb = fixture('options-and-watch.md');
    expect(ids(rb)).toEqual(['prerequisites', 'rollback.1', 'rollback.2.1', 'rollback.2.2', 'rollback.3']);
    expect(step(rb, 'rollback.2.1')).toMatchObject({ title: 'Option A: undo the last rollout', branch: { decision: 'rollback.2.choice', option: 'a' }, parent: { id: 'rollback.2', title: 'Roll back' } });
    expect(step(rb, 'rollback.2.2').branch).toEqual({ decision: 'rollback.2.choice', option: 'b' });
    expect(step(rb, 'rollback.1').branch).toBeUndefined();
    expect(step(rb, 'prerequisites').attestations.map((a) => a.text)).toEqual(['Cluster credentials for prod loaded', 'Incident channel open']);
  });

  it('numbered items with bare commands nested under them: the commands belong to the item; manual items are confirmed', () => {
    const rb = fixture('numbered-nested.md');
    expect(ids(rb)).toEqual(['when-to-roll-back', 'rollback-steps.1', 'rollback-steps.2', 'rollback-steps.3', 'rollback-steps.4']);
    expect(step(rb, 'rollback-steps.2').commands.map((c) => c.text)).toEqual(['helm history <release>', 'helm rollback <release> <revision>']);
    expect(step(rb, 'rollback-steps.1').attestations).toMatchObject([{ label: 'Action', text: 'Freeze further deployments.' }]);
    expect(step(rb, 'rollback-steps.3').commands[0]?.text).toBe('curl -fsS https://shop.example/health');
  });

  it('keeps an Action with nothing else as a step of its own', () => {
    const rb = parseRunbook('# T\n\n### 1. Tell\n\n- **Action:** Tell the incident channel.\n- **Action:** Page the owner.\n');
    expect(rb.steps.map((s) => [s.id, s.title])).toEqual([['1.1', 'Tell the incident channel.'], ['1.2', 'Page the owner.']]);
  });
});

describe('an incident-style runbook', () => {
  const rb = fixture('incident-style.md');

  it('reads checklists nested under a label as attestations', () => {
    expect(step(rb, 'prerequisites').attestations.map((a) => [a.kind, a.text])).toEqual([['task', 'Kubernetes cluster access (kubectl)'], ['task', 'CI access'], ['task', 'kubectl CLI']]);
  });

  it('makes "### Option N:" steps the options of one choice', () => {
    expect(rb.steps.filter((s) => s.branch).map((s) => s.title)).toEqual(['Option 1: Kubernetes Rollback (Fastest)', 'Option 2: Redeploy a Known Good Image']);
    expect(rb.decisions.map((d) => [d.id, d.options.map((o) => o.id)])).toEqual([['resolution-steps.choice', ['1', '2']]]);
  });

  it('takes an expected result written as one code span as the output to look for', () => {
    expect(step(rb, 'option-1-kubernetes-rollback-fastest').expectations[0]?.matchers[0]?.matcher).toEqual({ kind: 'contains', stream: 'stdout', text: 'deployment "api-server" successfully rolled out' });
  });

  it('keeps the steps of a numbered list with nested fences', () => {
    expect(step(rb, 'verification.1').commands[0]?.text).toBe('curl -f http://api.internal/healthz');
    expect(step(rb, 'verification.2').attestations[0]?.label).toBe('Action');
  });
});

describe('numbered steps with bold titles and sample output', () => {
  const rb = fixture('numbered-bold-titles.md');

  it('names each numbered step by its bold title and keeps its command', () => {
    expect(rb.steps.slice(0, 3).map((s) => [s.id, s.title, s.commands[0]?.text])).toEqual([
      ['procedure.1', 'Cordon the node', 'kubectl cordon <node>'],
      ['procedure.2', 'Drain it (this evicts pods)', 'kubectl drain <node> --ignore-daemonsets'],
      ['procedure.3', 'Uncordon when done', 'kubectl uncordon <node>'],
    ]);
  });

  it('reads a "**Step 4:** …" paragraph as a step of its own, confirmed by hand', () => {
    expect(step(rb, 'procedure.4')).toMatchObject({ title: 'Tell the team in #ops', attestations: [{ label: 'Action', text: 'Tell the team in #ops.' }] });
  });

  it('reads "You should see:" and the block after it as sample output', () => {
    expect(step(rb, 'procedure.2').expectations).toMatchObject([{ text: 'You should see', sample: ['node/<node> drained'], commandIndex: 0 }]);
  });
});

describe('Runme JSON attributes', () => {
  it('reads names and excludeFromRunAll written as JSON', () => {
    const rb = fixture('runme-json-attributes.md');
    expect(rb.steps.flatMap((s) => s.commands.map((c) => [c.name ?? null, c.excludeFromRunAll]))).toEqual([['check-lag', false], ['promote', true], [null, false]]);
    expect(step(rb, 'point-the-app-at-it').gate).toMatch(/kubectl set/);
    expect(step(rb, 'point-the-app-at-it').expectations[0]?.sample).toEqual(['deployment.apps/app env updated']);
  });
});

describe('long runbooks', () => {
  it('parses a runbook of thousands of steps in pieces, with every position still right', () => {
    const lines = ['# Long', ''];
    for (let i = 1; i <= 1500; i += 1) {
      if (i % 100 === 1) lines.push(`## ${Math.ceil(i / 100)}. Part`, '');
      lines.push(`### ${i}. Step ${i}`, '', '```sh', `# not a heading ${i}`, `echo <value-${i}>`, '```', '', `- **Expected:** \`stdout contains "${i}"\``, '');
    }
    const text = lines.join('\n');
    const rb = parseRunbook(text);
    expect(rb.steps).toHaveLength(1500);
    const source = text.split('\n');
    for (const step of rb.steps) {
      expect(source[step.position.line - 1]).toBe(`### ${step.id.split('.')[1]}. ${step.title}`);
      const placeholder = step.commands[0]?.placeholders[0];
      expect(source[(placeholder?.position.line ?? 0) - 1]?.slice((placeholder?.position.column ?? 0) - 1)).toBe(`${placeholder?.raw}`);
    }
  });
});

describe('ids', () => {
  it('warns of a step number written twice in one section and keeps ids unique', () => {
    const rb = parseRunbook('# T\n\n## A. S\n\n### 1. One\n\n```sh\ntrue\n```\n\n### 1. Again\n\n```sh\ntrue\n```\n');
    expect(ids(rb)).toEqual(['A.1', 'A.1-2']);
    expect(rb.diagnostics[0]).toMatchObject({ severity: 'warning', ruleId: 'duplicate-step-id', position: { line: 11, column: 1 } });
  });

  it('qualifies a heading that repeats in several sections by its section, with no finding', () => {
    const rb = parseRunbook('# T\n\n## Staging\n\n### Verify\n\n```sh\ntrue\n```\n\n## Production\n\n### Verify\n\n```sh\ntrue\n```\n');
    expect(ids(rb)).toEqual(['staging.verify', 'production.verify']);
    expect(rb.diagnostics).toEqual([]);
  });

  it('still tells apart one heading written twice within one section', () => {
    const rb = parseRunbook('# T\n\n## Fix\n\n### Verify\n\n```sh\ntrue\n```\n\n### Verify\n\n```sh\ntrue\n```\n');
    expect(ids(rb)).toEqual(['verify', 'verify-2']);
    expect(rb.diagnostics.map((d) => [d.severity, d.ruleId])).toEqual([['warning', 'duplicate-step-id']]);
  });

  it('drops heading anchors from titles and ids', () => {
    const rb = parseRunbook('# T {#top}\n\n## Roll back {#rollback}\n\n### Undo the release {#undo}\n\n```sh\ntrue\n```\n');
    expect(rb.title).toBe('T');
    expect(rb.sections.map((s) => [s.id, s.title])).toEqual([['roll-back', 'Roll back']]);
    expect(rb.steps.map((s) => [s.id, s.title])).toEqual([['undo-the-release', 'Undo the release']]);
  });

  it('reads "Step 1 — Title" headings at section level as numbered steps', () => {
    const rb = parseRunbook('# D\n\n## Step 1 — Drain traffic\n\n```sh\necho drain\n```\n\n## Step 2: Restart\n\n```sh\necho restart\n```\n');
    expect(rb.steps.map((s) => [s.id, s.title])).toEqual([['1', 'Drain traffic'], ['2', 'Restart']]);
  });

  it('takes step numbers that already carry the section number as they are', () => {
    const rb = parseRunbook('# T\n\n## 2. Rollback\n\n### 2.1 Check\n\n```sh\ntrue\n```\n\n### Step 3: Verify\n\n```sh\ntrue\n```\n');
    expect(ids(rb)).toEqual(['2.1', '2.3']);
  });
});
