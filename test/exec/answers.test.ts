// Results and answers in-process: a run whose statements nobody confirmed is incomplete (exit 3)
// and says why; an answers file confirms or declines them by step or statement id, and the record
// says who and that it came from the file; --strict refuses before the first step when nobody
// here can answer; a resume with answers completes an incomplete run without running it again.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/model/events.js';
import { runbook, stepEnds, useSessions, type SessionWorkspace } from './session-harness.js';

const workspace = useSessions();

const checklist = runbook('Go/no-go', [
  ['Ready', '- [ ] The on-call channel was told', '- **Command:** `echo ready > ran.txt`', '- **Expected Outcome:** The dashboard is green.'],
  ['Announce', '- **Action:** Post in the channel.'],
]);

/** The checklist run with these answers, in a fresh workspace. */
async function runWith(answers: string, flags: Parameters<SessionWorkspace['exec']>[1] = {}) {
  const ws = workspace();
  ws.write('go.md', checklist);
  ws.write('answers.yaml', answers);
  return { ws, result: await ws.exec('go.md', { answers: 'answers.yaml', ...flags }) };
}

const attestations = (events: RunEvent[]) => events.filter((e): e is Extract<RunEvent, { type: 'attestation' }> => e.type === 'attestation');
const verdicts = (events: RunEvent[]) => events.filter((e): e is Extract<RunEvent, { type: 'verdict' }> => e.type === 'verdict');

describe('a run nobody could confirm', () => {
  it('is incomplete: exit 3, the closing line and the record say how many and why', async () => {
    const ws = workspace();
    ws.write('go.md', checklist);
    const result = await ws.exec('go.md');
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^run incomplete in \S+: 3 statements not confirmed \(no terminal\); give --answers$/m);
    const events = ws.journal();
    expect(Object.values(stepEnds(events))).toEqual(['passed', 'passed']);
    expect(events.find((e) => e.type === 'run-start')).toMatchObject({ unattended: 'no terminal' });
    expect(attestations(events).map((a) => [a.statementId, a.answer])).toEqual([['1#a1', 'unconfirmed'], ['2#a1', 'unconfirmed']]);
    const record = ws.read(`docs/releases/rollback-drills/${ws.records()[0]}`);
    expect(record.replace(/^---\n[\s\S]*?\n---\n\n/, '').split('\n')[2]).toBe('- **Result:** **INCOMPLETE** — Incomplete: 3 statements not confirmed (no terminal); give --answers; 2 of 2 steps passed.');
  });

  it('with --json or --yes, says that nobody was asked there either', async () => {
    const ws = workspace();
    ws.write('go.md', checklist);
    const json = await ws.exec('go.md', { json: true, record: false });
    expect(json.code).toBe(3);
    expect(json.stderr).toContain('3 statements not confirmed (--json); give --answers');
  });
});

describe('--answers', () => {
  it('confirms by step id and by statement id, with a note; the events and the record say who, and that the file said so', async () => {
    const { ws, result } = await runWith('by: Dana Reyes (drill lead)\nanswers:\n  "1": confirmed\n  1#e1:\n    answer: confirmed\n    note: green on the staging board\n  "2": confirmed\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^run passed in \S+$/m);
    const events = ws.journal();
    expect(events.find((e) => e.type === 'run-start')).toMatchObject({ answers: { file: 'answers.yaml', by: 'Dana Reyes (drill lead)' } });
    for (const a of attestations(events)) expect(a).toMatchObject({ answer: 'confirmed', by: 'Dana Reyes (drill lead)', via: 'answers' });
    expect(verdicts(events).find((v) => v.outcome.statementId === '1#e1')?.outcome).toMatchObject({ verdict: 'attested', by: 'Dana Reyes (drill lead)', via: 'answers', note: 'green on the staging board' });
    const record = ws.read(`docs/releases/rollback-drills/${ws.records()[0]}`);
    expect(record).toContain('Answers given ahead by Dana Reyes (drill lead), in the answers file `answers.yaml`.');
    expect(record).toContain('| 1 | The on-call channel was told | confirmed | Dana Reyes (drill lead) | answers file |');
    expect(record).toContain('**Expected:** The dashboard is green. — **attested** (attested by Dana Reyes (drill lead), answers file: green on the staging board)');
  });

  it('declined: the step fails, the run fails (exit 1), and the record names who declined', async () => {
    const { ws, result } = await runWith('by: Dana\nanswers:\n  1#a1: declined\n');
    expect(result.code).toBe(1);
    expect(stepEnds(ws.journal())).toEqual({ 1: 'failed', 2: 'not-run' });
    expect(ws.exists('ran.txt')).toBe(false);
  });

  it('a statement left out of the file stays unconfirmed, and the closing line says where to answer it', async () => {
    const { result } = await runWith('by: Dana\nanswers:\n  "1": confirmed\n');
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/: 1 statement not confirmed \(no terminal\); answer it in answers\.yaml$/m);
  });

  const refusals: [string, string, RegExp][] = [
    ['an unknown statement id, with the nearest', 'by: Dana\nanswers:\n  1#a2: confirmed\n', /^runbook: answers\.yaml:3:3: unknown statement id `1#a2`; did you mean `1#a1`\?$/m],
    ['an unknown step id', 'by: Dana\nanswers:\n  9.9.9: confirmed\n', /^runbook: answers\.yaml:3:3: unknown step id `9\.9\.9` \(see `runbook plan`\)$/m],
    ['an answer that is neither word', 'by: Dana\nanswers:\n  "1": yes\n', /^runbook: answers\.yaml:3:8: `answers\.1`: expected confirmed or declined/m],
    ['no one to answer', 'answers:\n  "1": confirmed\n', /^runbook: answers\.yaml: `by`: /m],
    ['broken YAML', 'by: [Dana\n', /^runbook: answers\.yaml:\d+:\d+: invalid YAML: /m],
  ];
  for (const [what, text, message] of refusals) {
    it(`refuses ${what}: exit 2, nothing run`, async () => {
      const { ws, result } = await runWith(text);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(ws.exists('ran.txt')).toBe(false);
      expect(ws.runIds()).toEqual([]);
    });
  }

  it('refuses an id a matcher checks: only what a person confirms takes an answer', async () => {
    const ws = workspace();
    ws.write('rb.md', runbook('C', [['Check', '- **Command:** `echo ok`', '- **Expected Outcome:** `stdout contains "ok"`']]));
    ws.write('answers.yaml', 'by: Dana\nanswers:\n  1#e1: confirmed\n');
    const result = await ws.exec('rb.md', { answers: 'answers.yaml' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`1#e1` is checked by the run itself');
  });

  it('reads a step id YAML would take for a number as written: 1.10 is not 1.1', async () => {
    const ws = workspace();
    const steps = Array.from({ length: 10 }, (_, i) => [`S${i + 1}`, '- [ ] Done']) as [string, ...string[]][];
    ws.write('rb.md', `# Many\n\n## 1. Group\n\n${steps.map(([t, l], i) => `### ${i + 1}. ${t}\n\n${l}\n`).join('\n')}`);
    ws.write('answers.yaml', 'by: Dana\nanswers:\n  1.10: confirmed\n');
    const result = await ws.exec('rb.md', { answers: 'answers.yaml', record: false });
    expect(result.code).toBe(3);
    expect(attestations(ws.journal()).filter((a) => a.answer === 'confirmed').map((a) => a.statementId)).toEqual(['1.10#a1']);
  });
});

describe('--strict', () => {
  it('refuses before the first step when a statement needs a person and nobody here can answer it', async () => {
    const ws = workspace();
    ws.write('go.md', checklist);
    const result = await ws.exec('go.md', { strict: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--strict: 3 statements need a person, and nobody can answer here (no terminal): 1#a1 (The on-call channel was told), 1#e1 (The dashboard is green.), 2#a1 (Action: Post in the channel.); give --answers FILE, or run at a terminal');
    expect(ws.exists('ran.txt')).toBe(false);
    expect(ws.runIds()).toEqual([]);
  });

  it('starts when the answers file covers every statement, and names the ones it does not', async () => {
    const ws = workspace();
    ws.write('go.md', checklist);
    ws.write('some.yaml', 'by: Dana\nanswers:\n  "1": confirmed\n');
    const partly = await ws.exec('go.md', { strict: true, answers: 'some.yaml' });
    expect(partly.code).toBe(2);
    expect(partly.stderr).toContain('--strict: 1 statement needs a person, and nobody can answer here (no terminal): 2#a1 (Action: Post in the channel.); answer it in some.yaml, or run at a terminal');
    ws.write('all.yaml', 'by: Dana\nanswers:\n  "1": confirmed\n  "2": confirmed\n');
    expect((await ws.exec('go.md', { strict: true, answers: 'all.yaml', record: false })).code).toBe(0);
  });
});

describe('resume of an incomplete run', () => {
  it('asks the statements left open of the steps that passed, runs none of them again, and passes', async () => {
    const ws = workspace();
    ws.write('go.md', checklist);
    expect((await ws.exec('go.md')).code).toBe(3);
    ws.write('ran.txt', '');
    ws.write('answers.yaml', 'by: Dana\nanswers:\n  "1": confirmed\n  "2": confirmed\n');
    const resumed = await ws.resume(ws.onlyRunId(), { answers: 'answers.yaml' });
    expect(resumed.code).toBe(0);
    // Not run again: the file the step writes is still empty.
    expect(ws.read('ran.txt')).toBe('');
    const events = ws.journal();
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'passed', exitCode: 0 });
    // The resume writes a record of its own beside the first one.
    const records = ws.records();
    expect(records).toHaveLength(2);
    const record = ws.read(`docs/releases/rollback-drills/${records.find((r) => r.endsWith('-2.md'))}`);
    expect(record).toContain('- **Result:** **PASSED** — 2 of 2 steps passed over 2 attempts.');
    expect(record).toContain('**Expected:** The dashboard is green. — **attested** (attested by Dana, answers file)');
  });
});
