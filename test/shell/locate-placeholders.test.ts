// The one finder of placeholder candidates, on text as written (the parse then keeps or drops
// bracket, date and template candidates: test/shell/analyze-shell.test.ts).
import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import { describe, expect, it } from 'vitest';
import { locatePlaceholders } from '../../src/shell/locate-placeholders.js';

const valid = (text: string, declared: string[] = []) => locatePlaceholders(text, { declared }).filter((span) => span.form !== 'invalid');
const names = (text: string, declared: string[] = []): string[] => valid(text, declared).map((span) => span.name);

describe('locatePlaceholders', () => {
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

  it('takes any name the frontmatter declares, and marks what only looks like one', () => {
    expect(names('kubectl -n <_ns> get pods', ['_ns'])).toEqual(['_ns']);
    expect(locatePlaceholders('echo <_ns> <br/>').map((span) => [span.raw, span.form])).toEqual([['<_ns>', 'invalid'], ['<br/>', 'invalid']]);
  });

  it.each([
    ['kubectl -n [NAMESPACE] logs', 'namespace', 'bracket'],
    ['echo [Your name]', 'your-name', 'bracket'],
    ['pg_dump > dump-YYYYMMDD.sql', 'yyyymmdd', 'date'],
    ['mkdir YYYY-MM-DD', 'yyyy-mm-dd', 'date'],
    ['login -p your_password', 'your_password', 'your'],
    ['curl -H "X: YOUR_TOKEN"', 'your_token', 'your'],
    ['echo {{ image }}', 'image', 'template'],
    ['echo ${{ values.tag }}', 'values.tag', 'template'],
  ])('finds the form in %j', (text, name, form) => {
    expect(valid(text).map((span) => [span.name, span.form])).toEqual([[name, form]]);
  });

  it.each(['echo "$YOUR_TOKEN"', 'YOUR_TOKEN=1 run', "docker ps --format '{{.Names}}'", 'ls log[AB].txt', 'x[ABC]=1'])('takes no form from %j', (text) => {
    expect(valid(text)).toEqual([]);
  });

  it('finds angle placeholders only in text no shell reads', () => {
    expect(locatePlaceholders('[INFO] <node> ready YYYYMMDD', { kind: 'text' }).map((span) => span.name)).toEqual(['node']);
  });

  it('never throws, and every span points at its raw text', () => {
    const alphabet = fc.constantFrom('<', '>', 'a', 'Z', '1', '-', '.', '_', ' ', '\n', '[', ']', '{', '}', '$', 'Y', 'é', '(');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(alphabet).map((a) => a.join(''))), (text) => {
        let end = 0;
        for (const span of locatePlaceholders(text)) {
          expect(text.slice(span.start, span.end)).toBe(span.raw);
          expect(span.start).toBeGreaterThanOrEqual(end);
          end = span.end;
          if (span.form === 'angle') expect(span.raw).toBe(`<${span.name}>`);
        }
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  // Speed is measured by the bench; a quadratic scan would show here as a test timeout.
  it('handles long unclosed runs', () => {
    const text = '<a'.repeat(200_000) + '<' + 'a'.repeat(200_000) + '<b>';
    expect(names(text)).toEqual(['b']);
  });
});
