import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPlaceholders } from '../../src/resolve/find-placeholders.js';

const names = (text: string): string[] => findPlaceholders(text).map((p) => p.name);

/** Index in `text` of a 1-based line/column, with the same line endings as findPlaceholders. */
function indexOf(text: string, line: number, column: number, base = { line: 1, column: 1 }): number {
  let current = base.line;
  let start = 0;
  for (let i = 0; i < text.length && current < line; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      current++;
      start = i + 1;
    }
  }
  return current === base.line ? column - base.column : start + column - 1;
}

describe('findPlaceholders', () => {
  it('finds the seed runbook placeholders', () => {
    expect(names('kubectl describe deployment <deployment-name> | grep Image')).toEqual(['deployment-name']);
    expect(names('helm rollback <release-name> <revision-number>')).toEqual(['release-name', 'revision-number']);
  });

  it.each([
    ['<N>', ['N']],
    ['<LOCK_ID>', ['LOCK_ID']],
    ['<pod name>', ['pod name']],
    ['<app.version2>', ['app.version2']],
    ['v<version>', ['version']],
    ['docker.io/<org>/<image>:<tag>', ['org', 'image', 'tag']],
    ['<x> and <x>', ['x', 'x']],
    ['<é>', ['é']],
  ])('takes %j', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it.each([
    'cat <<EOF',
    'cat <<EOF>',
    'cat <<-EOF>',
    'cat <<<word>',
    'sort <file',
    'a < b > c',
    '<br/>',
    'x <- y',
    'diff <(ls a) <(ls b)',
    '<1abc>',
    '<abc->',
    '<a  b>',
    '< a>',
    '<a >',
    '<>',
    '<a\nb>',
    '<-x>',
  ])('does not take %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('computes positions from the offset, across lines', () => {
    const text = 'echo <a>\r\nthen <b>\rand\n  <c>';
    expect(findPlaceholders(text, { line: 10, column: 5 })).toEqual([
      { name: 'a', raw: '<a>', position: { line: 10, column: 10 } },
      { name: 'b', raw: '<b>', position: { line: 11, column: 6 } },
      { name: 'c', raw: '<c>', position: { line: 13, column: 3 } },
    ]);
  });

  it('never throws, and every position points at its raw text', () => {
    const alphabet = fc.constantFrom('<', '>', 'a', 'Z', '1', '-', '.', '_', ' ', '\n', '\r', '/', 'é', '(');
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.array(alphabet).map((a) => a.join(''))),
        fc.record({ line: fc.integer({ min: 1, max: 1000 }), column: fc.integer({ min: 1, max: 200 }) }),
        (text, offset) => {
          for (const p of findPlaceholders(text, offset)) {
            const at = indexOf(text, p.position.line, p.position.column, offset);
            expect(at).toBeGreaterThanOrEqual(0);
            expect(at + p.raw.length).toBeLessThanOrEqual(text.length);
            expect(text.slice(at, at + p.raw.length)).toBe(p.raw);
            expect(p.raw).toBe(`<${p.name}>`);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  // Speed is measured by the bench; a quadratic scan would show here as a test timeout.
  it('handles long unclosed runs', () => {
    const text = '<a'.repeat(200_000) + '<' + 'a'.repeat(200_000) + '<b>';
    expect(names(text)).toEqual(['b']);
  });
});
