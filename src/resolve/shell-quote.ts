// POSIX single-quote quoting: inside '…' nothing is special, so the only character to handle is
// the quote itself, written as '\'' (close, escaped quote, reopen).

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Needs no quoting anywhere in shell code: `v1.2.3`, `web-1`, `a/b:c`. */
export function isBareWord(value: string): boolean {
  return SAFE_WORD.test(value);
}

/**
 * `value` as one shell word that the shell reads back as exactly `value`. A word that starts
 * with `-` is quoted even when its characters are safe: inside `[[ … ]]` bash reads a bare `-N`
 * or `-z` as an operator (a syntax error there), a quoted one always as a word.
 */
export function shellQuote(value: string): string {
  if (value === '') return "''";
  if (SAFE_WORD.test(value) && !value.startsWith('-')) return value;
  return `'${value.replaceAll("'", "'\\''")}'`;
}
