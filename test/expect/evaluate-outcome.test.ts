import { describe, expect, it } from 'vitest';
import { outcomeResultSchema } from '../../src/model/events.js';
import type { Expectation, Matcher } from '../../src/model/runbook.js';
import { evaluateMatcher, type CommandSummary } from '../../src/expect/evaluate-matcher.js';
import { evaluateImplicitExit, evaluateOutcome, evaluateOutcomes } from '../../src/expect/evaluate-outcome.js';
import { parseMatcher } from '../../src/expect/parse-matcher.js';
import { DecodingWatch } from './decoding-watch.js';

interface Run {
  stdout?: string;
  stderr?: string;
  exitCode?: number | null;
  signal?: string | null;
  durationMs?: number;
  timedOut?: boolean;
  matchers?: readonly Matcher[];
  keep?: number;
}

/** A finished command whose streams were watched with the given matchers. */
function run(options: Run = {}): CommandSummary {
  const keep = options.keep === undefined ? {} : { headBytes: options.keep, tailBytes: options.keep };
  const stdout = new DecodingWatch({ stream: 'stdout', matchers: options.matchers ?? [], ...keep });
  const stderr = new DecodingWatch({ stream: 'stderr', matchers: options.matchers ?? [], ...keep });
  if (options.stdout) stdout.write(options.stdout);
  if (options.stderr) stderr.write(options.stderr);
  return {
    exitCode: options.exitCode === undefined ? 0 : options.exitCode,
    signal: options.signal ?? null,
    durationMs: options.durationMs ?? 1200,
    timedOut: options.timedOut ?? false,
    stdout,
    stderr,
  };
}

const m = (source: string): Matcher => {
  const parsed = parseMatcher(source);
  if (parsed.kind !== 'matcher') throw new Error(`not a matcher: ${source}`);
  return parsed.matcher;
};

/** Evaluate one matcher, watching the streams with it as the executor would. */
function judge(source: string, options: Run = {}) {
  const matcher = m(source);
  const result = evaluateMatcher(matcher, run({ ...options, matchers: [matcher] }));
  outcomeResultSchema.parse(result);
  return { verdict: result.verdict, evidence: result.evidence };
}

describe('evaluateMatcher: exit', () => {
  it('verifies and fails exit codes', () => {
    expect(judge('exit 0')).toEqual({ verdict: 'verified', evidence: 'exit code 0' });
    expect(judge('exit 0', { exitCode: 1 })).toEqual({ verdict: 'failed', evidence: 'exit code 1, expected 0' });
    expect(judge('exit 3', { exitCode: 3 })).toEqual({ verdict: 'verified', evidence: 'exit code 3' });
    expect(judge('exit nonzero', { exitCode: 2 })).toEqual({ verdict: 'verified', evidence: 'exit code 2 (nonzero)' });
    expect(judge('exit nonzero')).toEqual({ verdict: 'failed', evidence: 'exit code 0, expected nonzero' });
  });

  it('fails on a timeout or a signal, whatever was expected', () => {
    expect(judge('exit 0', { exitCode: null, timedOut: true, durationMs: 120_000 })).toEqual({
      verdict: 'failed',
      evidence: 'timed out after 2m 00s, expected exit code 0',
    });
    expect(judge('exit nonzero', { exitCode: null, signal: 'SIGKILL' })).toEqual({
      verdict: 'failed',
      evidence: 'killed by SIGKILL, expected a nonzero exit code',
    });
  });
});

describe('evaluateMatcher: contains and matches', () => {
  it('verifies with the matching line as evidence', () => {
    expect(judge('stdout contains "rolled out"', { stdout: 'Waiting\ndeployment "web" successfully rolled out\n' })).toEqual({
      verdict: 'verified',
      evidence: 'stdout line 2: deployment "web" successfully rolled out',
    });
    expect(judge('stderr matches /warn(ing)?:/i', { stderr: 'ok\nWARNING: deprecated flag\n' })).toEqual({
      verdict: 'verified',
      evidence: 'stderr line 2: WARNING: deprecated flag',
    });
  });

  it('says how much output it searched when nothing matched', () => {
    expect(judge('stdout contains "ready"', { stdout: 'starting\nwaiting\n' })).toEqual({
      verdict: 'failed',
      evidence: 'stdout (17 B, 2 lines) does not contain "ready"; last line: "waiting"',
    });
    expect(judge('stdout contains "ready"', { stdout: `${'x'.repeat(1_199_999)}\n` }).evidence).toMatch(
      /^stdout \(1\.2 MB, 1 line\) does not contain "ready"; last line: "x+…"$/,
    );
    expect(judge('stdout matches /^ok$/', { stdout: 'not ok\n' })).toEqual({
      verdict: 'failed',
      evidence: 'no line of stdout (7 B, 1 line) matches /^ok$/; last line: "not ok"',
    });
    expect(judge('stderr contains "x"')).toEqual({ verdict: 'failed', evidence: 'stderr is empty, expected it to contain "x"' });
  });

  it('says so when only the kept text could be searched', () => {
    const matcher = m('stdout contains "needle"');
    const summary = run({ stdout: `${'hay\n'.repeat(100)}needle\n${'hay\n'.repeat(100)}`, keep: 16 });
    const result = evaluateMatcher(matcher, summary);
    expect(result.verdict).toBe('failed');
    expect(result.evidence).toContain('(only the kept head and tail were searched)');
  });

  it('fails a regex that cannot be compiled instead of throwing', () => {
    const matcher: Matcher = { kind: 'matches', stream: 'stdout', source: '(', flags: '' };
    expect(evaluateMatcher(matcher, run({ stdout: '(\n' }))).toMatchObject({ verdict: 'failed', evidence: 'invalid regular expression /(/' });
  });
});

describe('evaluateMatcher: empty, lines, within', () => {
  it('checks emptiness', () => {
    expect(judge('stderr is empty')).toEqual({ verdict: 'verified', evidence: 'stderr is empty' });
    expect(judge('stdout is empty', { stdout: '\n' })).toEqual({ verdict: 'verified', evidence: 'stdout is empty (only whitespace, 1 B)' });
    expect(judge('stderr is empty', { stderr: 'Error: forbidden\n' })).toEqual({
      verdict: 'failed',
      evidence: 'stderr (17 B, 1 line) is not empty; last line: "Error: forbidden"',
    });
  });

  it('counts lines', () => {
    const three = { stdout: 'a\nb\nc\n' };
    expect(judge('lines >= 3', three)).toEqual({ verdict: 'verified', evidence: 'stdout has 3 lines (expected >= 3)' });
    expect(judge('lines > 3', three)).toEqual({ verdict: 'failed', evidence: 'stdout has 3 lines, expected > 3' });
    expect(judge('lines <= 2', three).verdict).toBe('failed');
    expect(judge('lines < 4', three).verdict).toBe('verified');
    expect(judge('lines == 3', three).verdict).toBe('verified');
    expect(judge('stderr lines == 0').verdict).toBe('verified');
    expect(judge('stderr lines == 1', { stderr: 'no final newline' })).toEqual({ verdict: 'verified', evidence: 'stderr has 1 line (expected == 1)' });
  });

  it('checks the duration', () => {
    expect(judge('within 2m', { durationMs: 61_500 })).toEqual({ verdict: 'verified', evidence: 'took 1m 02s (limit 2m)' });
    expect(judge('within 30s', { durationMs: 30_000 }).verdict).toBe('verified');
    expect(judge('within 2m', { durationMs: 125_000 })).toEqual({ verdict: 'failed', evidence: 'took 2m 05s, expected within 2m' });
    expect(judge('within 500ms', { durationMs: 80 })).toEqual({ verdict: 'verified', evidence: 'took 80ms (limit 500ms)' });
    expect(judge('within 1m30s', { durationMs: 10_000, timedOut: true }).verdict).toBe('failed');
  });
});

const located = (source: string) => ({ matcher: m(source), source, position: { line: 12, column: 5 } });

describe('evaluateOutcome', () => {
  it('gives one result per matcher, expected as written', () => {
    const expectation: Expectation = {
      id: 'A.1#e1',
      text: 'The rollback completes (`exit 0`, `stdout contains "success"`).',
      position: { line: 12, column: 1 },
      matchers: [located('exit 0'), located('stdout contains "success"')],
    };
    const results = evaluateOutcome(expectation, run({ stdout: 'Rollback was a success! Happy Helming!\n' }));
    expect(results).toEqual([
      { expected: 'exit 0', matcher: { kind: 'exit', code: 0 }, verdict: 'verified', evidence: 'exit code 0' },
      {
        expected: 'stdout contains "success"',
        matcher: { kind: 'contains', stream: 'stdout', text: 'success' },
        verdict: 'verified',
        evidence: 'stdout line 1: Rollback was a success! Happy Helming!',
      },
    ]);
    for (const result of results) outcomeResultSchema.parse(result);
  });

  it('leaves an outcome with no matcher unverified, for a person to attest', () => {
    const expectation = { text: 'All smoke tests pass, and the system is stable.', matchers: [] };
    expect(evaluateOutcome(expectation, run({ stdout: 'smoke: 12 passed\n' }))).toEqual([
      {
        expected: 'All smoke tests pass, and the system is stable.',
        verdict: 'unverified',
        evidence: 'no matcher to check automatically; stdout ended with "smoke: 12 passed"',
      },
    ]);
    expect(evaluateOutcome(expectation, run())[0]?.evidence).toBe('no matcher to check automatically; stdout was empty');
  });

  it('compares a console transcript, trying stderr too when stdout alone does not fit', () => {
    const expectation = { text: '', matchers: [], expectedOutput: ['Release "web" has been upgraded.', '...'] };
    expect(evaluateOutcome(expectation, run({ stdout: 'Release "web" has been upgraded.\nNAME: web\n' }))[0]).toMatchObject({
      verdict: 'verified',
      expected: 'Release "web" has been upgraded.\n...',
    });
    const both = { text: 'output', matchers: [], expectedOutput: ['ok', 'warning: slow'] };
    expect(evaluateOutcome(both, run({ stdout: 'ok\n', stderr: 'warning: slow\n' }))[0]?.verdict).toBe('verified');
    expect(evaluateOutcome(both, run({ stdout: 'nope\n' }))[0]).toMatchObject({
      verdict: 'failed',
      evidence: 'line 1: expected "ok", got "nope"',
    });
  });

  it('treats an empty transcript output as no expectation', () => {
    const expectation = { text: 'prose', matchers: [], expectedOutput: [] };
    expect(evaluateOutcome(expectation, run({ stdout: 'x\n' }))[0]?.verdict).toBe('unverified');
  });
});

describe('evaluateImplicitExit and evaluateOutcomes', () => {
  it('checks exit 0 unless an outcome has an exit matcher', () => {
    expect(evaluateImplicitExit([{ matchers: [] }], run({ exitCode: 1 }))).toEqual({
      expected: 'exit 0',
      matcher: { kind: 'exit', code: 0 },
      verdict: 'failed',
      evidence: 'exit code 1, expected 0',
    });
    expect(evaluateImplicitExit([], run())?.verdict).toBe('verified');
    expect(evaluateImplicitExit([{ matchers: [located('stdout is empty')] }, { matchers: [located('exit nonzero')] }], run({ exitCode: 1 }))).toBeUndefined();
  });

  it('puts the implicit check first, then every outcome', () => {
    const results = evaluateOutcomes(
      [
        { text: 'the old pod is gone', matchers: [] },
        { text: '`lines >= 1`', matchers: [located('lines >= 1')] },
      ],
      run({ stdout: 'web-1 Running\n' }),
    );
    expect(results.map((result) => [result.expected, result.verdict])).toEqual([
      ['exit 0', 'verified'],
      ['the old pod is gone', 'unverified'],
      ['lines >= 1', 'verified'],
    ]);
  });
});

describe('samples of output', () => {
  it('are never compared: output unlike the sample is left to a person, shown beside the sample', () => {
    const [result] = evaluateOutcome({ text: 'Expected output', matchers: [], sample: ['NAME     STATUS', 'node-1   Ready'] }, run({ stdout: 'NAME     STATUS\nnode-7   NotReady\n' }));
    expect(result?.verdict).toBe('unverified');
    expect(result?.expected).toBe('Expected output (a sample, not compared):\n  NAME     STATUS\n  node-1   Ready');
    expect(result?.evidence).toContain('node-7   NotReady');
  });

  it('show at most a dozen lines of a long sample', () => {
    const sample = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const [result] = evaluateOutcome({ text: 'Sample output', matchers: [], sample }, run({ stdout: 'x\n' }));
    expect(result?.expected.split('\n')).toHaveLength(14);
    expect(result?.expected).toContain('… (18 more lines)');
  });
});
