// The drill record as a real run writes it: for every way a run can end, where it goes (default
// folder, --record-dir, frontmatter, --record FILE, --record -, --no-record), never over an
// existing file, and a dry run that renders it as planned without running anything.
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultRecordName, Workspace, useWorkspace } from './runs-harness.js';

const runbook = `# Record Me

### 1. Prepare

- **Command:** \`touch ran.txt\`
- **Expected Outcome:** \`exit 0\`

### 2. Check

- **Command:** \`test -f needed.txt && echo ready\`
- **Expected Outcome:** \`stdout contains "ready"\`
`;

const slow = `# Slow One

### 1. Start

- **Command:** \`echo started\`

### 2. Wait

- **Command:** \`sleep 30\`

### 3. Finish

- **Command:** \`touch finished.txt\`
`;

let ws: Workspace;
useWorkspace((workspace) => (ws = workspace));

describe('a record for every way a run ends', () => {
  it('passed: written to docs/releases/rollback-drills/YYYY-MM-DD-<slug>-<run-id>.md', async () => {
    ws.write('rollback-web.md', runbook);
    ws.write('needed.txt', '');
    const result = await ws.run(['exec', 'rollback-web.md']);
    expect(result.code).toBe(0);
    const runId = ws.onlyRunId();
    const name = defaultRecordName(ws.journal(runId), 'rollback-web');
    expect(name).toMatch(/^\d{4}-\d{2}-\d{2}-rollback-web-[\w-]+\.md$/);
    expect(ws.records()).toEqual([name]);
    const record = ws.read(join('docs/releases/rollback-drills', name));
    expect(record).toContain(`- **Drill id:** \`${runId}\``);
    expect(record).toContain('- **Result:** **PASSED**');
    expect(record).toMatch(/\| \*\*2\*\* Check \| .* \| passed \|/);
    expect(result.stdout).toContain(`drill record: docs/releases/rollback-drills/${name}`);
  });

  it('failed: the failing step, its reason and the steps after it as not run', async () => {
    ws.write('rb.md', `${runbook}\n### 3. Later\n\n- **Command:** \`echo later\`\n`);
    const result = await ws.run(['exec', 'rb.md']);
    expect(result.code).toBe(1);
    const [name] = ws.records();
    const record = ws.read(join('docs/releases/rollback-drills', name as string));
    expect(record).toContain('- **Result:** **FAILED** — Failed at step 2 (Check)');
    expect(record).toMatch(/\| \*\*2\*\* Check \| .* \| failed \(1 not met\) \|/);
    expect(record).toMatch(/\| \*\*3\*\* Later \| .* \| not run \|/);
  });

  it('timed out: the step that ran out of time, and the run as timed out', async () => {
    ws.write('rb.md', slow.replace('- **Command:** `sleep 30`', '- **Command:** `sleep 30`\n- **Timeout:** 1s'));
    const result = await ws.run(['exec', 'rb.md']);
    expect(result.code).toBe(1);
    const [name] = ws.records();
    const record = ws.read(join('docs/releases/rollback-drills', name as string));
    expect(record).toContain('- **Result:** **TIMED-OUT**');
    expect(record).toMatch(/\| \*\*2\*\* Wait \| .* \| timed out \|/);
    expect(record).toMatch(/\| \*\*3\*\* Finish \| .* \| not run \|/);
  });

  it('aborted with Ctrl-C (SIGINT): exit 130, the journal ends the run, the record says aborted', async () => {
    ws.write('rb.md', slow);
    const started = ws.start(['exec', 'rb.md']);
    const runId = await ws.waitForStepStart('2', started);
    started.child.kill('SIGINT');
    const result = await started.done;
    expect(result.code).toBe(130);
    const end = ws.journal(runId).at(-1);
    expect(end).toMatchObject({ type: 'run-end', status: 'aborted', exitCode: 130 });
    const record = ws.read(join('docs/releases/rollback-drills', defaultRecordName(ws.journal(runId), 'rb')));
    expect(record).toContain('- **Result:** **ABORTED** — Aborted during step 2 (Wait)');
    expect(record).toMatch(/\| \*\*2\*\* Wait \| .* \| interrupted \|/);
    expect(record).toMatch(/\| \*\*3\*\* Finish \| .* \| not run \|/);
    expect(ws.exists('finished.txt')).toBe(false);
  });
});

describe('where the record goes', () => {
  beforeEach(() => {
    ws.write('rb.md', runbook);
    ws.write('needed.txt', '');
  });

  it('--record-dir DIR', async () => {
    expect((await ws.run(['exec', 'rb.md', '--record-dir', 'drills/2026'])).code).toBe(0);
    expect(ws.records('drills/2026')).toEqual([defaultRecordName(ws.journal(ws.onlyRunId()), 'rb')]);
    expect(ws.records()).toEqual([]);
  });

  it('frontmatter record: {dir: …}, and --record-dir over it', async () => {
    ws.write('rb.md', `---\nrecord:\n  dir: ops/drills\n---\n${runbook}`);
    expect((await ws.run(['exec', 'rb.md'])).code).toBe(0);
    expect(ws.records('ops/drills')).toHaveLength(1);
    expect((await ws.run(['exec', 'rb.md', '--record-dir', 'elsewhere'])).code).toBe(0);
    expect(ws.records('ops/drills')).toHaveLength(1);
    expect(ws.records('elsewhere')).toHaveLength(1);
    expect(ws.records()).toEqual([]);
  });

  it('--record FILE, and never over an existing file', async () => {
    ws.write('drill.md', 'an earlier record, kept\n');
    const result = await ws.run(['exec', 'rb.md', '--record', 'drill.md']);
    expect(result.code).toBe(0);
    expect(ws.read('drill.md')).toBe('an earlier record, kept\n');
    expect(ws.read('drill-2.md')).toContain('# Rollback drill record: Record Me');
    expect(result.stdout).toContain('drill record: drill-2.md');
  });

  it('--record FOLDER (an existing folder, or a name ending in /) puts the record there under its usual name', async () => {
    ws.write('drills/.keep', '');
    expect((await ws.run(['exec', 'rb.md', '--record', 'drills'])).code).toBe(0);
    const first = ws.onlyRunId();
    expect((await ws.run(['exec', 'rb.md', '--record', 'new-folder/'])).code).toBe(0);
    const second = ws.runIds().find((id) => id !== first) as string;
    expect(ws.records('drills')).toEqual([defaultRecordName(ws.journal(first), 'rb')]);
    expect(ws.records('new-folder')).toEqual([defaultRecordName(ws.journal(second), 'rb')]);
  });

  it('--record - prints the record alone on stdout; progress goes to stderr', async () => {
    const result = await ws.run(['exec', 'rb.md', '--record', '-']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^---\n[^]*?\n---\n\n# Rollback drill record: Record Me\n/);
    expect(result.stdout).toMatch(/## Sign-off[\s\S]*\| Service owner \| \| \| \|\n$/);
    expect(result.stderr).toContain('run passed');
    expect(ws.records()).toEqual([]);
  });

  it('--no-record writes none, but still keeps the journal', async () => {
    expect((await ws.run(['exec', 'rb.md', '--no-record'])).code).toBe(0);
    expect(ws.records()).toEqual([]);
    expect(ws.exists('docs')).toBe(false);
    expect(ws.journal(ws.onlyRunId()).at(-1)).toMatchObject({ type: 'run-end', status: 'passed' });
  });

  it('two runs, two records; re-rendering a run never replaces its record', async () => {
    await ws.run(['exec', 'rb.md']);
    await ws.run(['exec', 'rb.md']);
    expect(ws.records()).toHaveLength(2);
    const [first] = ws.runIds();
    const before = ws.read(join('docs/releases/rollback-drills', defaultRecordName(ws.journal(first as string), 'rb')));
    expect((await ws.run(['record', first as string])).code).toBe(0);
    expect(ws.records()).toHaveLength(3);
    expect(ws.read(join('docs/releases/rollback-drills', defaultRecordName(ws.journal(first as string), 'rb')))).toBe(before);
    expect(ws.records().filter((f) => f.endsWith('-2.md'))).toHaveLength(1);
  });
});

describe('exec --dry-run', () => {
  it('renders the record as planned and runs nothing', async () => {
    ws.write('rb.md', runbook);
    const result = await ws.run(['exec', 'rb.md', '--dry-run', '--record', '-']);
    expect(result.code).toBe(0);
    expect(ws.exists('ran.txt')).toBe(false);
    expect(ws.exists('.runbook/runs')).toBe(false);
    const record = result.stdout;
    expect(record).toContain('- **Mode:** dry-run');
    expect(record).toContain('- **Result:** **PLANNED** — Dry run: 2 steps planned, nothing executed.');
    expect(record).toMatch(/\| \*\*1\*\* Prepare \| .* \| planned \|/);
    expect(record).toMatch(/\| \*\*2\*\* Check \| .* \| planned \|/);
    expect(record).toContain('Command (planned):\n\n```sh\ntouch ran.txt\n```');
    expect(record).toContain('**Expected:** `stdout contains "ready"` — **planned**');
  });

  it('writes the planned record to the record folder like a live run', async () => {
    ws.write('rb.md', runbook);
    const result = await ws.run(['exec', 'rb.md', '--dry-run']);
    expect(result.code).toBe(0);
    expect(ws.exists('ran.txt')).toBe(false);
    const [name] = ws.records();
    expect(name).toMatch(/^\d{4}-\d{2}-\d{2}-rb-[\w-]+\.md$/);
    expect(ws.read(join('docs/releases/rollback-drills', name as string))).toContain('- **Result:** **PLANNED**');
  });
});

describe('--template FILE', () => {
  it("renders a team's own template", async () => {
    ws.write('rb.md', runbook);
    ws.write('needed.txt', '');
    ws.write('team-template.md', [
      '# {{runbook.title}}: {{upper totals.result}}',
      '',
      'Drill {{code drillId}} on {{date}}, run by {{default operator}}.',
      '',
      '{{#each steps}}',
      '- {{id}} {{title}}: {{verdict}}',
      '{{/each}}',
      '',
    ].join('\n'));
    const result = await ws.run(['exec', 'rb.md', '--template', 'team-template.md', '--operator', 'alice']);
    expect(result.code).toBe(0);
    const runId = ws.onlyRunId();
    expect(ws.read(join('docs/releases/rollback-drills', defaultRecordName(ws.journal(runId), 'rb')))).toBe(
      `# Record Me: PASSED\n\nDrill \`${runId}\` on ${ws.journal(runId)[0]?.time.slice(0, 10)}, run by alice.\n\n- 1 Prepare: passed\n- 2 Check: passed\n`,
    );
  });

  it('naming an unknown field fails before the run starts: exit 2, the field and its line:col, nothing ran', async () => {
    ws.write('rb.md', runbook);
    ws.write('team-template.md', '# {{runbook.title}}\n\nRun by {{default operator}}\n  on {{enviroment}}.\n');
    const result = await ws.run(['exec', 'rb.md', '--template', 'team-template.md']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/team-template\.md:4:8: Unknown field "enviroment" at line 4, column 8; did you mean "environment"\?/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(ws.exists('ran.txt')).toBe(false);
    expect(ws.exists('.runbook/runs')).toBe(false);
    expect(ws.exists('docs')).toBe(false);
  });

  it('a missing template file is bad input too', async () => {
    ws.write('rb.md', runbook);
    const result = await ws.run(['exec', 'rb.md', '--template', 'nope.md']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('runbook: nope.md: template not found\n');
    expect(ws.exists('ran.txt')).toBe(false);
  });
});
