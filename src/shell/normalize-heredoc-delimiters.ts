// tree-sitter-bash misreads two valid forms of heredoc delimiter, `<<$'EOF'` and a partly quoted
// word such as `<<E"O"F`: both are quoted delimiters to bash (the body is not expanded). Each is
// rewritten, before parsing, as the same delimiter in single quotes padded with blanks to the
// same length (`<<  'EOF'`), so offsets into the text do not move and the parser reads what bash
// reads. Words it already reads (`EOF`, `'EOF'`, `"EOF"`, `\EOF`) are left alone. The offsets of
// the rewritten words are returned so the caller can check the parser did see heredocs there (a
// `<<` inside a quoted string is not one) and parse the text as written otherwise.

const DELIMITER = /<<(-?)([ \t]*)((?:[^\s;&|()<>'"\\$]|\\.|'[^']*'|"(?:[^"\\]|\\.)*"|\$'[^'\\]*')+)/g;
const READ_AS_BASH_DOES = /^(?:[^'"\\$]+|'[^']*'|"[^"\\$`]*"|\\[^'"\\$]+)$/;

/** The word's value with its quotes removed, or undefined when it cannot be written as `'…'`. */
function unquote(word: string): string | undefined {
  let value = '';
  for (let i = 0; i < word.length; ) {
    const ch = word[i] ?? '';
    if (ch === '\\') {
      value += word[i + 1] ?? '';
      i += 2;
    } else if (ch === "'" || (ch === '$' && word[i + 1] === "'")) {
      const open = ch === '$' ? i + 1 : i;
      const close = word.indexOf("'", open + 1);
      value += word.slice(open + 1, close);
      i = close + 1;
    } else if (ch === '"') {
      const close = word.indexOf('"', i + 1);
      value += word.slice(i + 1, close).replace(/\\(.)/g, '$1');
      i = close + 1;
    } else {
      value += ch;
      i++;
    }
  }
  return value.includes("'") || value.includes('\n') ? undefined : value;
}

export function normalizeHeredocDelimiters(text: string): { text: string; rewritten: number[] } {
  const rewritten: number[] = [];
  if (!text.includes('<<')) return { text, rewritten };
  const normalized = text.replace(DELIMITER, (match, dash: string, blanks: string, word: string, offset: number) => {
    // `<<<` is a here-string, and `<<` inside a longer run of `<` is not a heredoc.
    if (text[offset - 1] === '<' || word.startsWith('<')) return match;
    if (READ_AS_BASH_DOES.test(word)) return match;
    const value = unquote(word);
    if (value === undefined) return match;
    const room = blanks.length + word.length - (value.length + 2);
    if (room < 0) return match;
    rewritten.push(offset + 2 + dash.length + room);
    return `<<${dash}${' '.repeat(room)}'${value}'`;
  });
  return { text: normalized, rewritten };
}
