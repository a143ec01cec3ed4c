import { describe, expect, it } from 'vitest';
import { cell, code, defaultTo, duration, fence, NOT_RECORDED, utc } from '../../src/record/record-helpers.js';
import { createRecordHandlebars } from '../../src/record/render-record.js';

describe('cell', () => {
  it('escapes pipes so a value cannot add a column', () => {
    expect(cell('a | b')).toBe('a \\| b');
  });
  it('turns line breaks into <br> so a value cannot end the row', () => {
    expect(cell('one\r\ntwo\nthree')).toBe('one<br>two<br>three');
  });
  it('trims, and shows empty or absent values as a dash', () => {
    expect(cell('  x  ')).toBe('x');
    expect(cell('')).toBe('—');
    expect(cell('   \n ')).toBe('—');
    expect(cell(null)).toBe('—');
    expect(cell(undefined)).toBe('—');
    expect(cell([])).toBe('—');
  });
  it('joins lists one per line', () => {
    expect(cell(['first', 'second'])).toBe('first<br>second');
  });
  it('keeps a pipe escaped when the value already has a backslash before it', () => {
    // GFM reads any backslash-punctuation pair as one escape, so `\\|` would end the cell.
    const cellEnds = (text: string): number => {
      let ends = 0;
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '\\' && /[!-/:-@[-`{-~]/.test(text[i + 1] ?? '')) i++;
        else if (text[i] === '|') ends++;
      }
      return ends;
    };
    for (const value of ['a\\|b', 'a\\\\|b', '/x\\|y/ and | and \\\\\\|']) {
      expect(cellEnds(cell(value))).toBe(0);
    }
    // A cell holds Markdown and shows what it shows outside a table: `\|` is already an escaped pipe.
    expect(cell('a\\|b')).toBe('a\\|b');
    expect(cell('a\\\\|b')).toBe('a\\\\\\|b');
  });
  it('shows inline code with a backslash before a pipe, which no code span in a cell can hold', () => {
    expect(cell(code('a\\|b'))).toBe('<code>a&#92;&#124;b</code>');
  });
  it('escapes pipes inside a code span too (GFM reads cells before code spans)', () => {
    expect(cell(code('a|b'))).toBe('`a\\|b`');
  });
});

describe('code', () => {
  it('wraps plain text in single backticks', () => {
    expect(code('kubectl get pods')).toBe('`kubectl get pods`');
  });
  it('uses a fence longer than any backtick run inside', () => {
    expect(code('echo `date` now')).toBe('``echo `date` now``');
    expect(code('a ``b`` c')).toBe('```a ``b`` c```');
  });
  it('pads with spaces when the value starts or ends with a backtick', () => {
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('x`')).toBe('`` x` ``');
  });
  it('pads a value with outer spaces so they survive', () => {
    expect(code(' x ')).toBe('`  x  `');
  });
  it('renders line breaks as spaces, as a code span would', () => {
    expect(code('a\nb')).toBe('`a b`');
  });
  it('says when the value is absent', () => {
    expect(code(null)).toBe(NOT_RECORDED);
    expect(code('')).toBe('—');
  });
});

describe('fence', () => {
  it('fences with three backticks by default', () => {
    expect(fence('echo hi', 'sh')).toBe('```sh\necho hi\n```');
  });
  it('uses a longer fence than any fence inside (nested fences)', () => {
    const inner = '```\nsmoke: ok\n```';
    expect(fence(inner, 'text')).toBe(`\`\`\`\`text\n${inner}\n\`\`\`\``);
    expect(fence('`````', '')).toBe('``````\n`````\n``````');
  });
  it('drops trailing newlines and keeps inner blank lines', () => {
    expect(fence('a\n\n\nb\n\n')).toBe('```\na\n\n\nb\n```');
  });
  it('keeps backticks and spaces out of the info string', () => {
    expect(fence('x', 'sh `evil`')).toBe('```shevil\nx\n```');
  });
  it('ignores the Handlebars options object passed as the last argument', () => {
    const hbs = createRecordHandlebars();
    expect(hbs.compile('{{fence x}}', { noEscape: true, strict: true })({ x: 'y' })).toBe('```\ny\n```');
  });
});

describe('duration', () => {
  it.each([
    [0, '0ms'],
    [412, '412ms'],
    [12_400, '12.4s'],
    [59_999, '59.9s'],
    [62_000, '1m 02s'],
    [3_723_000, '1h 02m 03s'],
  ])('%d ms → %s', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
  it('says when there is no measure', () => {
    expect(duration(null)).toBe(NOT_RECORDED);
  });
});

describe('utc', () => {
  it('shows an instant in UTC to the second', () => {
    expect(utc('2026-11-26T14:03:05.123Z')).toBe('2026-11-26 14:03:05Z');
    expect(utc('2026-11-26T15:03:05+01:00')).toBe('2026-11-26 14:03:05Z');
  });
  it('leaves an unreadable value as it is and says when it is absent', () => {
    expect(utc('soon')).toBe('soon');
    expect(utc(null)).toBe(NOT_RECORDED);
  });
});

describe('default', () => {
  it('passes values through and marks absent ones as not recorded', () => {
    expect(defaultTo('staging')).toBe('staging');
    expect(defaultTo(0)).toBe(0);
    expect(defaultTo(null)).toBe(NOT_RECORDED);
    expect(defaultTo('')).toBe(NOT_RECORDED);
    expect(defaultTo([])).toBe(NOT_RECORDED);
    expect(defaultTo(undefined, 'n/a')).toBe('n/a');
  });
});

describe('template helpers in Handlebars', () => {
  const render = (template: string, data: object): string =>
    createRecordHandlebars().compile(template, { noEscape: true, strict: true })(data);
  it('does no HTML escaping', () => {
    expect(render('{{x}}', { x: '<b>&</b>' })).toBe('<b>&</b>');
  });
  it('offers or / eq / ne / not / gt / inc / upper / join', () => {
    expect(render('{{or a b}}|{{eq a "x"}}|{{ne a "x"}}|{{not c}}|{{gt n 1}}|{{inc n}}|{{upper a}}|{{join l "/"}}', { a: '', b: 'B', c: [], n: 2, l: ['p', 'q'] })).toBe(
      'B|false|true|true|true|3||p/q',
    );
  });
  it('fails on an unknown field (strict)', () => {
    expect(() => render('{{missing}}', {})).toThrow(/missing/);
  });
});
