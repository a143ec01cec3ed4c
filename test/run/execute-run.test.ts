// The executor in-process over real shells: one step (retries, captures, timeouts, masking,
// start failures, Ctrl-C between attempts) and the scheduler (stop at the first failure,
// continue on error, dependencies, concurrency, the run's time limit, interruption).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import type { RunEvent } from '../../src/model/events.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { EventBus } from '../../src/run/event-bus.js';
import { executeRun, type ExecuteRequest } from '../../src/run/execute-run.js';
import { createMask } from '../../src/run/mask-secrets.js';
import { runStep, type StepContext } from '../../src/run/run-step.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';

await loadShellParser();

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function setup(markdown: string, options: { values?: Record<string, string>; secrets?: string[] } = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'runbook-executor-'));
  dirs.push(cwd);
  const runbook = parseRunbook(markdown);
  const errors = runbook.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  const graph = buildGraph(runbook);
  const bus = new EventBus();
  const events: RunEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const secrets = options.secrets ?? [];
  const context: Omit<StepContext, 'ask' | 'signal' | 'deadline'> = {
    bus,
    shell: 'bash',
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    values: options.values ?? {},
    captures: {},
    captureNames: new Set(runbook.steps.flatMap((s) => s.captures)),
    secretNames: new Set(runbook.params.filter((p) => p.secret).map((p) => p.name)),
    mask: createMask(secrets),
    strict: false,
    operator: 'tester',
    includeExcluded: false,
  };
  const execute = (extra: Partial<ExecuteRequest> = {}) =>
    executeRun({
      steps: runbook.steps,
      order: graph.order,
      dependencies: graph.dependencies,
      selected: new Set(graph.order),
      concurrency: 1,
      ask: async () => undefined,
      context,
      signal: new AbortController().signal,
      ...extra,
    });
  const step = (id: string) => {
    const found = runbook.steps.find((s) => s.id === id);
    if (!found) throw new Error(`no step ${id}`);
    return found;
  };
  const ctx = (extra: Partial<StepContext> = {}): StepContext => ({ ...context, ask: async () => undefined, signal: new AbortController().signal, ...extra });
  return { cwd, events, execute, step, ctx, context };
}

const of = <T extends RunEvent['type']>(events: RunEvent[], type: T) => events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);
const ends = (events: RunEvent[]) => Object.fromEntries(of(events, 'step-end').map((e) => [e.stepId, e.status]));

describe('runStep', () => {
  it('retries until the command succeeds, waiting between attempts', async () => {
    const t = setup('# R\n\n## 1. Flaky\n\n- **Command:** `n=$(cat n 2>/dev/null || echo 0); echo $((n+1)) > n; [ $n -ge 2 ]`\n- **Retries:** 5, 50ms apart\n');
    const result = await runStep(t.step('1'), t.ctx());
    expect(result.status).toBe('passed');
    expect(of(t.events, 'command-end').map((e) => e.result.exitCode)).toEqual([1, 1, 0]);
    expect(readFileSync(join(t.cwd, 'n'), 'utf8')).toBe('3\n');
  });

  it('captures trimmed stdout for later commands, masking secrets it carries', async () => {
    const t = setup('# C\n\n## 1. Make\n\n- **Command:** `echo "  tag=v1.2.3 key=s3cr3t-token  "`\n- **Capture:** `tag`\n\n## 2. Use\n\n- **Command:** `echo <tag>`\n', { secrets: ['s3cr3t-token'] });
    const captures: Record<string, string> = {};
    await runStep(t.step('1'), t.ctx({ captures }));
    expect(captures).toEqual({ tag: 'tag=v1.2.3 key=s3cr3t-token' });
    await runStep(t.step('2'), t.ctx({ captures }));
    const use = of(t.events, 'command-end').at(-1)?.result;
    expect(use?.displayCommand).toBe("echo 'tag=v1.2.3 key=***'");
    expect(use?.command).toBe("echo 'tag=v1.2.3 key=***'");
    expect(JSON.stringify(t.events)).not.toContain('s3cr3t');
  });

  it('retries a step that hit its own Timeout', async () => {
    const t = setup('# T\n\n## 1. Hangs\n\n- **Command:** `echo try >> tries; sleep 1000`\n- **Timeout:** 1s\n- **Retries:** 1, 10ms apart\n');
    const result = await runStep(t.step('1'), t.ctx({ killGraceMs: 100 }));
    expect(result.status).toBe('timed-out');
    expect(result.reason).toBe('timed out after 1s (2 attempts)');
    expect(of(t.events, 'command-end').map((e) => e.result.timedOut)).toEqual([true, true]);
  });

  it('does not retry once the run is out of time, and says which limit ran out', async () => {
    const t = setup('# T\n\n## 1. Hangs\n\n- **Command:** `echo try >> tries; sleep 1000`\n- **Retries:** 3, 10ms apart\n');
    const result = await runStep(t.step('1'), t.ctx({ deadline: { at: performance.now() + 2000, limitMs: 2000 }, killGraceMs: 100 }));
    expect(result.status).toBe('timed-out');
    expect(result.reason).toBe("the run's time limit of 2s ran out");
    expect(of(t.events, 'command-end')).toHaveLength(1);
  });

  it('runs a step in its Cwd: relative to the runbook, absolute, or from home', async () => {
    const t = setup('# W\n\n## 1. Rel\n\n- **Cwd:** sub\n- **Command:** `pwd`\n\n## 2. Abs\n\n- **Cwd:** /\n- **Command:** `pwd`\n\n## 3. Home\n\n- **Cwd:** ~/\n- **Command:** `pwd`\n');
    mkdirSync(join(t.cwd, 'sub'));
    await runStep(t.step('1'), t.ctx());
    await runStep(t.step('2'), t.ctx());
    await runStep(t.step('3'), t.ctx({ env: { ...t.context.env, HOME: t.cwd } }));
    expect(of(t.events, 'step-output').map((e) => e.line)).toEqual([join(t.cwd, 'sub'), '/', t.cwd]);
    expect(of(t.events, 'command-end').map((e) => e.result.cwd)).toEqual([join(t.cwd, 'sub'), '/', t.cwd]);
  });

  it('a command that cannot start fails with one clear verdict and is not retried', async () => {
    const t = setup('# S\n\n## 1. Elsewhere\n\n- **Cwd:** does-not-exist\n- **Command:** `true`\n- **Retries:** 3\n');
    const result = await runStep(t.step('1'), t.ctx());
    expect(result.status).toBe('failed');
    expect(result.outcomes).toEqual([{ expected: 'the command starts', verdict: 'failed', evidence: expect.stringContaining('does not exist'), implicit: true }]);
    expect(of(t.events, 'command-end')).toHaveLength(1);
  });

  it('Ctrl-C while waiting to retry ends the step as interrupted', async () => {
    const t = setup('# I\n\n## 1. Flaky\n\n- **Command:** `exit 1`\n- **Retries:** 3, 10m apart\n');
    const controller = new AbortController();
    const running = runStep(t.step('1'), t.ctx({ signal: controller.signal }));
    await new Promise<void>((resolve) => t.context.bus.subscribe((e) => e.type === 'command-end' && resolve()));
    controller.abort();
    const result = await running;
    expect(result.status).toBe('interrupted');
    expect(of(t.events, 'command-end')).toHaveLength(1);
  });

  it('an outcome with no matcher is unverified without a person, and fails the step under --strict', async () => {
    const t = setup('# U\n\n## 1. Look\n\n- **Command:** `echo fine`\n- **Expected Outcome:** the service looks fine\n');
    expect((await runStep(t.step('1'), t.ctx())).status).toBe('passed');
    expect(of(t.events, 'verdict').map((e) => e.outcome.verdict)).toEqual(['verified', 'unverified']);
    expect((await runStep(t.step('1'), t.ctx({ strict: true }))).status).toBe('failed');
    const answered = await runStep(t.step('1'), t.ctx({ ask: async () => true }));
    expect(answered.outcomes.map((o) => o.verdict)).toEqual(['verified', 'attested']);
  });
});

describe('runStep: what it runs', () => {
  it("runs the plan's rendering of a command, and renders one that reads a capture when its turn comes", async () => {
    const t = setup('# P\n\n## 1. Make\n\n- **Command:** `echo v2`\n- **Capture:** `tag`\n\n## 2. Use\n\n- **Command:** `echo planned`\n- **Command:** `echo <tag>`\n');
    const [planned, reads] = t.step('2').commands;
    if (!planned || !reads) throw new Error('two commands expected');
    // Stand-ins for the preflight's rendering: only the one of the command without a capture is used.
    const rendered = new Map([
      [planned, { text: 'echo from-the-plan', display: 'echo from-the-plan', missing: [], unsafe: [] }],
      [reads, { text: 'echo stale', display: 'echo stale', missing: [], unsafe: [] }],
    ]);
    const captures: Record<string, string> = {};
    await runStep(t.step('1'), t.ctx({ captures, rendered }));
    expect((await runStep(t.step('2'), t.ctx({ captures, rendered }))).status).toBe('passed');
    expect(of(t.events, 'step-output').map((e) => e.line)).toEqual(['v2', 'from-the-plan', 'v2']);
  });

  it('a step whose capture is absent runs none of its commands', async () => {
    const t = setup('# A\n\n## 1. Make\n\n- **Command:** `false`\n- **Capture:** `tag`\n- **Continue on error:** yes\n\n## 2. Use\n\n- **Env:** `TAG=<tag>`\n- **Command:** `touch ran`\n- **Command:** `echo "$TAG"`\n');
    const result = await t.execute();
    expect(ends(t.events)).toEqual({ 1: 'failed', 2: 'failed' });
    expect(of(t.events, 'step-end').at(-1)).toMatchObject({ stepId: '2', reason: 'no value for <tag>' });
    expect(of(t.events, 'command-end').map((e) => e.stepId)).toEqual(['1']);
    expect(result.exitCode).toBe(1);
  });
});

describe('runStep: attestations', () => {
  const md = '# A\n\n## 1. Check\n\n- **Command:** `true`\n- [ ] Operator watched the dashboard\n';

  it('an unanswered attestation is recorded as unconfirmed, and fails the step under --strict with the reason', async () => {
    const t = setup(md);
    expect((await runStep(t.step('1'), t.ctx())).status).toBe('passed');
    const strict = await runStep(t.step('1'), t.ctx({ strict: true }));
    expect(strict).toMatchObject({ status: 'failed', reason: 'not confirmed by anyone (--strict): Operator watched the dashboard' });
    expect(of(t.events, 'attestation').map((e) => e.answer)).toEqual(['unconfirmed', 'unconfirmed']);
  });

  it('a declined attestation fails the step and says which one', async () => {
    const t = setup(md);
    const declined = await runStep(t.step('1'), t.ctx({ ask: async () => false }));
    expect(declined).toMatchObject({ status: 'failed', reason: 'declined: Operator watched the dashboard' });
    expect(of(t.events, 'attestation')[0]).toMatchObject({ answer: 'declined', by: 'tester' });
  });
});

describe('executeRun', () => {
  it('stops at the first failure and marks the rest not run', async () => {
    const t = setup('# F\n\n## 1. A\n\n- **Command:** `true`\n\n## 2. B\n\n- **Command:** `false`\n\n## 3. C\n\n- **Command:** `touch c`\n');
    const result = await t.execute();
    expect(result).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(ends(t.events)).toEqual({ 1: 'passed', 2: 'failed', 3: 'not-run' });
  });

  it('goes on after a step that may fail, and skips what was not selected', async () => {
    const t = setup('# F\n\n## 1. A\n\n- **Command:** `false`\n- **Continue on error:** yes\n\n## 2. B\n\n- **Command:** `touch b`\n\n## 3. C\n\n- **Command:** `touch c`\n');
    const result = await t.execute({ selected: new Set(['1', '2']) });
    expect(result.exitCode).toBe(1);
    expect(ends(t.events)).toEqual({ 1: 'failed', 2: 'passed', 3: 'skipped' });
  });

  it('runs independent steps at once with --concurrency 2, output kept apart', async () => {
    const wait = (me: string, other: string) => `touch ${me}; for i in $(seq 1 400); do [ -e ${other} ] && break; sleep 0.05; done; [ -e ${other} ] && echo ${me}-saw-${other}`;
    const t = setup(`# P\n\n## 1. Left\n\n- **Depends on:** none\n- **Command:** \`${wait('left', 'right')}\`\n\n## 2. Right\n\n- **Depends on:** none\n- **Command:** \`${wait('right', 'left')}\`\n`);
    const result = await t.execute({ concurrency: 2 });
    expect(result.status).toBe('passed');
    expect(of(t.events, 'step-output').map((e) => `${e.stepId}:${e.line}`).sort()).toEqual(['1:left-saw-right', '2:right-saw-left']);
  });

  it('waits for dependencies even with room to run more, and does not run a step whose dependency failed', async () => {
    const t = setup('# D\n\n## 1. A\n\n- **Depends on:** none\n- **Command:** `sleep 0.2; false`\n\n## 2. B\n\n- **Depends on:** 1\n- **Command:** `touch b`\n\n## 3. C\n\n- **Depends on:** none\n- **Command:** `touch c`\n');
    await t.execute({ concurrency: 3 });
    const status = ends(t.events);
    expect(status['1']).toBe('failed');
    expect(status['2']).toBe('not-run');
    expect(of(t.events, 'step-start').map((e) => e.stepId)).not.toContain('2');
  });

  it("the run's time limit ends the running step and leaves the rest not run", async () => {
    const t = setup('# L\n\n## 1. A\n\n- **Command:** `true`\n\n## 2. B\n\n- **Command:** `sleep 1000`\n\n## 3. C\n\n- **Command:** `touch c`\n');
    const result = await t.execute({ timeoutMs: 5000, context: { ...t.context, killGraceMs: 100 } });
    expect(result).toMatchObject({ status: 'timed-out', exitCode: 1 });
    expect(ends(t.events)).toEqual({ 1: 'passed', 2: 'timed-out', 3: 'not-run' });
  });

  it('a run whose time limit kept a step from starting fails, though no step ran out of time', async () => {
    const t = setup('# L\n\n## 1. A\n\n- [ ] The team is told\n\n## 2. B\n\n- **Command:** `touch b`\n');
    // The operator answers after the run's time is up: always later than 300ms after the start.
    const slowAnswer = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 1500));
    const result = await t.execute({ timeoutMs: 300, ask: slowAnswer });
    expect(result).toMatchObject({ status: 'timed-out', exitCode: 1 });
    expect(ends(t.events)).toEqual({ 1: 'passed', 2: 'not-run' });
    expect(of(t.events, 'step-end').find((e) => e.stepId === '2')?.reason).toBe("not run: the run's time limit ran out");
  });

  it('an abort ends the running step, leaves the rest not run and exits 130', async () => {
    const t = setup('# A\n\n## 1. Long\n\n- **Command:** `echo started; sleep 1000`\n\n## 2. After\n\n- **Command:** `touch after`\n');
    const controller = new AbortController();
    t.context.bus.subscribe((e) => {
      if (e.type === 'step-output') controller.abort();
    });
    const result = await t.execute({ signal: controller.signal });
    expect(result).toMatchObject({ status: 'aborted', exitCode: 130 });
    expect(ends(t.events)).toEqual({ 1: 'interrupted', 2: 'not-run' });
  });
});
