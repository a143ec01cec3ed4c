// Shared fast-check generators for values that travel through a shell.
import fc from 'fast-check';

const shellish = ["'", '"', '\\', '$', '`', '!', '\n', ' ', '\t', '*', ';', '&', '|', '(', ')', '#', '~', '-', '<', '>', '{', '}', 'x', 'EOF'];

/** Any string bash can hold in an argument: no NUL, and valid UTF-16 so it survives UTF-8. */
export const shellString = fc
  .oneof(
    fc.string({ unit: 'binary-ascii' }),
    fc.string({ unit: 'grapheme' }),
    fc.array(fc.constantFrom(...shellish)).map((parts) => parts.join('')),
  )
  .filter((s) => !s.includes('\0'));

/** Values built to break out of quoting and create a file named PWNED. */
export const hostileString = fc
  .array(
    fc.constantFrom(
      '; touch PWNED',
      '$(touch PWNED)',
      '`touch PWNED`',
      "'",
      '"',
      '\\',
      '\n',
      'EOF',
      '\nEOF\ntouch PWNED\n',
      "'; touch PWNED; '",
      '"; touch PWNED; "',
      '$((1))',
      'a[$(touch PWNED)]',
      '(touch PWNED)',
      '{PATH}',
      'EOF)"; touch PWNED; echo "(',
      ')',
      '#',
      ' ',
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

/** Command texts made of shell syntax and `<x>`, well-formed or not; none of them creates a file. */
export const shellTemplate = fc
  .array(
    fc.constantFrom('printf %s ', 'echo ', 'cat ', '<x>', '<x>', '<x>', "'", '"', '$(', ')', '`', '${', '}', '$((', '))', '<<EOF\n', "<<'EOF'\n", '<<-EOF\n', '\nEOF\n', 'EOF', '#', ' ', '\\', '$', "$'", ';', '\n', '|', 'a', '(', '{', '\t', '=', ':-', '[['),
    { maxLength: 25 },
  )
  .map((parts) => parts.join(''));
