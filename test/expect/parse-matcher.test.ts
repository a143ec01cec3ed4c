import { describe, expect, it } from 'vitest';
import { matcherSchema } from '../../src/model/runbook.js';
import { parseMatcher } from '../../src/expect/parse-matcher.js';

const matcherOf = (source: string) => {
  const parsed = parseMatcher(source);
  if (parsed.kind !== 'matcher') throw new Error(`expected a matcher for ${source}, got ${JSON.stringify(parsed)}`);
  return matcherSchema.parse(parsed.matcher);
};

const reasonOf = (source: string) => {
  const parsed = parseMatcher(source);
  if (parsed.kind !== 'invalid') throw new Error(`expected invalid for ${source}, got ${JSON.stringify(parsed)}`);
  return parsed.reason;
};

describe('parseMatcher: exit', () => {
  it.each([
    ['exit 0', 0],
    ['exit 3', 3],
    ['EXIT 255', 255],
    ['exit code 1', 1],
    ['  exit   2  ', 2],
  ])('%s', (source, code) => {
    expect(matcherOf(source)).toEqual({ kind: 'exit', code });
  });

  it.each(['exit nonzero', 'exit non-zero', 'Exit NonZero', 'exit != 0', 'exit code nonzero'])('%s is nonzero', (source) => {
    expect(matcherOf(source)).toEqual({ kind: 'exit', code: 'nonzero' });
  });

  it('explains a bad exit code', () => {
    expect(reasonOf('exit banana')).toBe('Unexpected `banana`, expected an exit code from 0 to 255 or `nonzero`');
    expect(reasonOf('exit 256')).toMatch(/^Unexpected `256`, expected an exit code from 0 to 255/);
    expect(reasonOf('exit 0 or 1')).toBe('Unexpected `or`, expected the end of the matcher');
  });
});

describe('parseMatcher: stream text', () => {
  it('reads contains with either quote, escapes, and output as stdout', () => {
    expect(matcherOf('stdout contains "ready"')).toEqual({ kind: 'contains', stream: 'stdout', text: 'ready' });
    expect(matcherOf("stderr contains 'no such host'")).toEqual({ kind: 'contains', stream: 'stderr', text: 'no such host' });
    expect(matcherOf('output contains "a \\"quoted\\" word\\n"')).toEqual({ kind: 'contains', stream: 'stdout', text: 'a "quoted" word\n' });
    expect(matcherOf("stdout contains 'it\\'s'")).toEqual({ kind: 'contains', stream: 'stdout', text: "it's" });
    expect(matcherOf('STDOUT CONTAINS "Ready"')).toEqual({ kind: 'contains', stream: 'stdout', text: 'Ready' });
    expect(matcherOf('stdout contains “smart quotes”')).toEqual({ kind: 'contains', stream: 'stdout', text: 'smart quotes' });
    expect(matcherOf('stdout contains "\\u00e9\\x41\\u{1F600}"')).toEqual({ kind: 'contains', stream: 'stdout', text: 'éA😀' });
  });

  it('reads matches with flags', () => {
    expect(matcherOf('stdout matches /rolled back to v\\d+/')).toEqual({ kind: 'matches', stream: 'stdout', source: 'rolled back to v\\d+', flags: '' });
    expect(matcherOf('stderr matches /warn[/]ing/im')).toEqual({ kind: 'matches', stream: 'stderr', source: 'warn[/]ing', flags: 'im' });
    expect(matcherOf('stdout matches /a\\/b/')).toEqual({ kind: 'matches', stream: 'stdout', source: 'a\\/b', flags: '' });
  });

  it('reads is empty and lines', () => {
    expect(matcherOf('stderr is empty')).toEqual({ kind: 'empty', stream: 'stderr' });
    expect(matcherOf('output is EMPTY')).toEqual({ kind: 'empty', stream: 'stdout' });
    expect(matcherOf('lines >= 3')).toEqual({ kind: 'lines', stream: 'stdout', op: '>=', count: 3 });
    expect(matcherOf('lines>=3')).toEqual({ kind: 'lines', stream: 'stdout', op: '>=', count: 3 });
    expect(matcherOf('stderr lines == 0')).toEqual({ kind: 'lines', stream: 'stderr', op: '==', count: 0 });
    expect(matcherOf('stdout lines = 2')).toEqual({ kind: 'lines', stream: 'stdout', op: '==', count: 2 });
    for (const op of ['<=', '>', '<'] as const) expect(matcherOf(`lines ${op} 7`)).toEqual({ kind: 'lines', stream: 'stdout', op, count: 7 });
  });

  it('explains mistakes in the "Unexpected X, expected Y" style', () => {
    expect(reasonOf('stdout containz "x"')).toBe('Unexpected `containz`, expected `contains`, `matches`, `is empty` or `lines`');
    expect(reasonOf('stdout contains ready')).toBe('Unexpected `ready`, expected quoted text such as `"ready"`');
    expect(reasonOf('stdout contains "ready')).toMatch(/^Unexpected end of matcher, expected a closing "/);
    expect(reasonOf('stdout contains ""')).toBe('Unexpected empty text, expected something to look for');
    expect(reasonOf('stdout contains')).toBe('Unexpected end of matcher, expected quoted text such as `"ready"`');
    expect(reasonOf('stdout is full')).toBe('Unexpected `full`, expected `empty`');
    expect(reasonOf('lines 3')).toBe('Unexpected `3`, expected a comparison (`>=`, `<=`, `==`, `>` or `<`)');
    expect(reasonOf('lines >= many')).toBe('Unexpected `many`, expected a whole number of lines');
    expect(reasonOf('lines != 3')).toMatch(/^Unexpected `!=`, expected a comparison/);
  });

  it('validates regular expressions and their flags', () => {
    expect(reasonOf('stdout matches /[/')).toMatch(/^Unexpected end of matcher, expected a closing `\/`/);
    expect(reasonOf('stdout matches /(/')).toBe(
      'Unexpected regular expression `/(/` (Unterminated group), expected a valid JavaScript regular expression',
    );
    expect(reasonOf('stdout matches /a/g')).toMatch(/^Unexpected flag `g` in `\/a\/g`, expected flags from/);
    expect(reasonOf('stdout matches /a/ii')).toMatch(/^Unexpected regular expression `\/a\/ii`/);
    expect(reasonOf('stdout matches //')).toMatch(/^Unexpected empty regular expression/);
    expect(reasonOf('stdout matches ready')).toBe('Unexpected `ready`, expected a regular expression such as `/ready|done/i`');
  });

  it('gives the offset of the unexpected part', () => {
    const parsed = parseMatcher('stdout containz "x"');
    expect(parsed).toMatchObject({ kind: 'invalid', offset: 7 });
    expect(parseMatcher('  exit banana')).toMatchObject({ kind: 'invalid', offset: 7 });
  });
});

describe('parseMatcher: within', () => {
  it.each([
    ['within 2m', 120_000],
    ['within 30s', 30_000],
    ['within 500ms', 500],
    ['within 1h', 3_600_000],
    ['within 1m30s', 90_000],
    ['WITHIN 5 minutes', 300_000],
  ])('%s', (source, ms) => {
    expect(matcherOf(source)).toEqual({ kind: 'within', ms });
  });

  it('explains a bad duration', () => {
    expect(reasonOf('within soon')).toBe('Unexpected `soon`, expected a positive duration such as `30s`, `2m` or `1m30s`');
    expect(reasonOf('within 0s')).toMatch(/^Unexpected `0s`/);
    expect(reasonOf('within 2m of the deploy')).toMatch(/^Unexpected `2m of the deploy`/);
  });
});

describe('parseMatcher: prose', () => {
  it.each(['Image:', 'kubectl', 'helm rollback web 3', 'stdout', 'exit', 'output', 'lines', 'exit;', 'output.json', 'stdout.log', 'stderr:', 'outputs 3', '', '   ', 'Exit'])(
    '%j stays prose',
    (source) => {
      expect(parseMatcher(source)).toEqual({ kind: 'prose' });
    },
  );
});
