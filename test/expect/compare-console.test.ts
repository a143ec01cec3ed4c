import { describe, expect, it } from 'vitest';
import { compareConsole } from '../../src/expect/compare-console.js';

describe('compareConsole', () => {
  it('accepts identical output, ignoring trailing whitespace, CRLF and trailing blank lines', () => {
    expect(compareConsole('NAME   READY\r\nweb    1/1   \r\n\r\n', ['NAME   READY', 'web    1/1'])).toEqual({
      ok: true,
      evidence: 'output matches the transcript (2 lines)',
    });
    expect(compareConsole('one\n', ['one', '', ''])).toMatchObject({ ok: true });
  });

  it('shows the first mismatching line, expected vs actual, with its line number', () => {
    expect(compareConsole('a\nb\nc\n', ['a', 'x', 'c'])).toEqual({ ok: false, evidence: 'line 2: expected "x", got "b"' });
  });

  it('reports missing and extra output', () => {
    expect(compareConsole('a\n', ['a', 'b'])).toEqual({ ok: false, evidence: 'line 2: expected "b", got end of output' });
    expect(compareConsole('a\nb\n', ['a'])).toEqual({ ok: false, evidence: 'line 2: expected end of output, got "b"' });
    expect(compareConsole('', ['a'])).toEqual({ ok: false, evidence: 'line 1: expected "a", got end of output' });
  });

  it('lets `...` alone on a line match any number of lines, none included', () => {
    const expected = ['Rolling back web', '...', 'Rollback was a success!'];
    expect(compareConsole('Rolling back web\nRollback was a success!\n', expected).ok).toBe(true);
    expect(compareConsole('Rolling back web\nwait 1\nwait 2\nRollback was a success!\n', expected).ok).toBe(true);
    expect(compareConsole('Rolling back web\nwait 1\n', expected)).toEqual({
      ok: false,
      evidence: 'line 3: expected "Rollback was a success!", got end of output',
    });
  });

  it('lets a trailing `...` match whatever follows, and a leading one whatever comes first', () => {
    expect(compareConsole('header\nrow 1\nrow 2\n', ['header', '...']).ok).toBe(true);
    expect(compareConsole('noise\nnoise\nREADY\n', ['...', 'READY']).ok).toBe(true);
    expect(compareConsole('anything at all\n', ['...']).ok).toBe(true);
    expect(compareConsole('', ['...']).ok).toBe(true);
    expect(compareConsole('a\nb\n', ['...', '...', 'b']).ok).toBe(true);
  });

  it('backtracks when the first candidate after `...` is the wrong one', () => {
    const actual = 'start\nend\nmore\nend\nfinal\n';
    expect(compareConsole(actual, ['start', '...', 'end', 'final']).ok).toBe(true);
  });

  it('lets `...` inside a line match any text there, and still match itself', () => {
    expect(compareConsole('web-7d9f8-abc12   1/1   Running   0   5s\n', ['web-...   1/1   Running   ...']).ok).toBe(true);
    expect(compareConsole('Waiting for deployment spec update to be observed...\n', ['Waiting for deployment spec update to be observed...']).ok).toBe(true);
    expect(compareConsole('Waiting for rollout\n', ['Waiting...done']).ok).toBe(false);
    expect(compareConsole('ab\n', ['ab...b']).ok).toBe(false);
  });

  it('keeps leading whitespace significant', () => {
    expect(compareConsole('  indented\n', ['indented']).ok).toBe(false);
  });

  it('accepts expected lines given as one multi-line string', () => {
    expect(compareConsole('a\nb\n', ['a\nb']).ok).toBe(true);
  });
});
