// POSIX single-quote quoting: inside '…' nothing is special, so the only character to handle is
// the quote itself, written as '\'' (close, escaped quote, reopen).

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** `value` as one shell word that the shell reads back as exactly `value`. */
export function shellQuote(value: string): string {
  if (value === '') return "''";
  if (SAFE_WORD.test(value)) return value;
  return `'${value.replaceAll("'", "'\\''")}'`;
}
