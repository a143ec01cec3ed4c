// The pure preflight: settings, the runbook, the environment and the --vars values in; problems,
// the values and gates to ask, and the run plan out. No process, no file, no terminal.
import { afterEach, describe, expect, it } from 'vitest';
import { readRunbook } from '../../src/cli/load-runbook.js';
import { plannedSteps, preflight, type PreflightInput } from '../../src/exec/preflight.js';
import { settingsFromFlags, type ExecFlags } from '../../src/exec/run-settings.js';
import { createMask } from '../../src/run/mask-secrets.js';
import { greetRunbook as twoSteps } from '../cli/runbooks.js';

const check = (text: string, flags: ExecFlags = {}, extra: Partial<PreflightInput> = {}) =>
  preflight({ loaded: readRunbook('rb.md', text), settings: settingsFromFlags(flags), vars: {}, env: {}, workspace: '/srv/ops', ...extra });

describe('preflight: problems', () => {
  it('names each problem once, in a fixed order: selection, missing, invalid, unsafe, captures', () => {
    const text = `---
params:
  size:
    pattern: '^[0-9]+$'
---
# P

## 1. Tag

- **Command:** \`echo v1\`
- **Capture:** \`tag\`

## 2. Use

- **Command:** \`echo <tag> <size> <where> $<size>\`
`;
    // (Unsafe values are checked once the values are valid, below.)
    expect(check(text, { only: ['2', '9'], set: ['size=big'] }).problems).toEqual([
      'unknown step id `9` (see `runbook list`)',
      'no value for <where> (used at rb.md:15:35); give it with --set where=…, --vars FILE or RUNBOOK_WHERE',
      'invalid value for <size>: <size> must be a value matching /^[0-9]+$/; got "big" (from --set)',
      '<tag> is captured by 1, which will not run; give it with --set tag=…',
    ]);
    const unsafe = check(text, { only: ['2'], set: ['size=12', 'where=here', 'tag=v1'] }).problems;
    expect(unsafe).toEqual(['the value of <size> cannot be used at rb.md:15:44: it sits where bash reads a variable name ($<x>, <x>=…); write the value where a word goes, e.g. "${NAME}<x>" instead of $NAME<x>']);
  });

  it('reads values from the environment it is given, never from the process', () => {
    process.env.RUNBOOK_WHO = 'from-the-process';
    const fromNowhere = check(twoSteps, { yes: true });
    expect(fromNowhere.problems.map((p) => p.split(' (')[0])).toEqual(['no value for <who>', 'no value for <token>']);
    const fromEnv = check(twoSteps, { set: ['token=t0ken-value'] }, { env: { RUNBOOK_WHO: 'web' } });
    expect(fromEnv.problems).toEqual([]);
    expect(fromEnv.plan.values).toMatchObject({ who: 'web', token: 't0ken-value' });
    // --set wins over the environment, and --vars sits between them.
    expect(check(twoSteps, { set: ['who=api', 'token=x'] }, { env: { RUNBOOK_WHO: 'web' } }).plan.values.who).toBe('api');
    expect(check(twoSteps, { set: ['token=x'] }, { env: { RUNBOOK_WHO: 'web' }, vars: { who: 'db' } }).plan.values.who).toBe('db');
  });
  afterEach(() => {
    delete process.env.RUNBOOK_WHO;
  });
});

describe('preflight: what to ask', () => {
  it('lists the values nobody gave, with description and secrecy, and takes the answers', () => {
    const first = check(twoSteps);
    expect(first.unanswered).toEqual([{ name: 'who', description: 'whom to greet', secret: false }, { name: 'token', secret: true }]);
    const answered = check(twoSteps, {}, { answers: { who: 'web', token: 's3cret-token' } });
    expect(answered.unanswered).toEqual([]);
    expect(answered.problems).toEqual([]);
    // A given value wins over an answer.
    expect(check(twoSteps, { set: ['who=api'] }, { answers: { who: 'web' } }).plan.values.who).toBe('api');
  });

  it('shows each gate with its commands as they will run, secrets masked', () => {
    const { gates } = check(twoSteps, { set: ['who=web', 'token=s3cret-token'] });
    expect(gates).toEqual([{ stepId: '2', title: 'Log in', reason: 'Confirm: yes', commands: ['login --token *** --as web'] }]);
  });

  it('asks nothing for the steps a resume will not run again', () => {
    const resumed = check(twoSteps, { set: ['token=x'] }, { alreadyPassed: new Set(['1', '2']) });
    expect(resumed).toMatchObject({ problems: [], unanswered: [], gates: [] });
    expect(check(twoSteps, { set: ['token=x'] }, { alreadyPassed: new Set(['2']) }).unanswered.map((q) => q.name)).toEqual(['who']);
  });
});

describe('preflight: the run plan', () => {
  it('renders each command once: the plan, the planned steps and the run share one rendering', () => {
    const { plan } = check(twoSteps, { set: ['who=web', 'token=s3cret-token'] });
    const login = readRunbook('rb.md', twoSteps).runbook.steps[1]?.commands[0];
    expect(login).toBeDefined();
    const [, step] = plan.plan.steps;
    expect(step?.commands[0]?.display).toBe('login --token *** --as web');
    // What runs holds references; the values come with it as variables, never as its text.
    const rendered = [...plan.rendered.values()].map((r) => [r.text, r.env]);
    expect(rendered).toEqual([
      ['echo hello "$RUNBOOK_VALUE_1"', { RUNBOOK_VALUE_1: 'web' }],
      ['login --token "$RUNBOOK_VALUE_1" --as "$RUNBOOK_VALUE_2"', { RUNBOOK_VALUE_1: 's3cret-token', RUNBOOK_VALUE_2: 'web' }],
    ]);
    // The run-start's steps come from the plan, masked once more (a value that holds a secret).
    const steps = plannedSteps(plan.plan, createMask(['web']), readRunbook('rb.md', twoSteps).runbook.steps, false);
    expect(steps.map((s) => s.commands)).toEqual([['echo hello ***'], ['login --token *** --as ***']]);
    expect(steps[1]).toMatchObject({ id: '2', title: 'Log in', gate: 'Confirm: yes', dependsOn: ['1'] });
  });

  it('runs commands in --cwd (from the workspace), else in the runbook folder or its frontmatter cwd', () => {
    expect(check('# C\n\n## 1. A\n\n- **Command:** `pwd`\n', { cwd: 'sub' }).plan.cwd).toBe('/srv/ops/sub');
    expect(check('# C\n\n## 1. A\n\n- **Command:** `pwd`\n').plan.cwd).toBe('/srv/ops');
    expect(check('---\ncwd: deploy\n---\n# C\n\n## 1. A\n\n- **Command:** `pwd`\n').plan.cwd).toBe('/srv/ops/deploy');
  });
});
