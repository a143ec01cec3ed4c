// Where a reader's values go in a command (SPEC §2), found in the text before it is parsed, since
// `<name>` is not valid shell (bash reads it as two redirections):
// - `<deployment-name>`: a letter, then letters, digits, `-`, `_`, `.` and single inner spaces,
//   ending in a letter or digit; `<<EOF`, `<<<x`, `<file` and `2>&1` are not placeholders;
// - bracket tokens `[NAMESPACE]`, `[Your name]`: candidates only, kept by analyzeShell when the
//   parse shows them as plain unquoted words (a glob such as `[0-9]`, `[abc]` or `log[AB].txt`,
//   `[[ … ]]`, an array subscript or a case pattern is not one).
import { z } from 'zod';

export const PlaceholderSpanSchema = z.object({
  name: z.string(),
  /** As written: `<deployment-name>`, `[NAMESPACE]`. */
  raw: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  form: z.enum(['angle', 'bracket']),
});
export type PlaceholderSpan = z.infer<typeof PlaceholderSpanSchema>;

const NAME_CHAR = String.raw`[\p{L}\p{Nd}_.-]`;
const ANGLE = new RegExp(String.raw`<(\p{L}(?:${NAME_CHAR}| (?=${NAME_CHAR}))*)>`, 'gu');
const ENDS_WELL = /[\p{L}\p{Nd}]$/u;
// Upper-case names (`[NAMESPACE]`, `[DB_HOST]`) or a capitalised phrase (`[Your name]`).
const BRACKET = /\[([A-Z][A-Z0-9_]*[A-Z0-9]|[A-Z][a-z]+(?: [a-z]+)+)\]/g;
// A bracket token starts a word or follows a separator; `log[AB]` and `x[ABC]` are globs or subscripts.
const BEFORE_BRACKET = /[\p{L}\p{Nd}_\]*?[]$/u;

export function locatePlaceholders(text: string): PlaceholderSpan[] {
  const spans: PlaceholderSpan[] = [];
  for (const match of text.matchAll(ANGLE)) {
    const name = match[1] ?? '';
    if (text[match.index - 1] === '<' || !ENDS_WELL.test(name)) continue;
    spans.push({ name, raw: match[0], start: match.index, end: match.index + match[0].length, form: 'angle' });
  }
  for (const match of text.matchAll(BRACKET)) {
    const before = text.slice(Math.max(0, match.index - 1), match.index);
    if (BEFORE_BRACKET.test(before) || text[match.index + match[0].length] === ']') continue;
    const start = match.index;
    const end = start + match[0].length;
    if (spans.some((span) => span.start < end && start < span.end)) continue;
    spans.push({ name: match[1] ?? '', raw: match[0], start, end, form: 'bracket' });
  }
  return spans.sort((a, b) => a.start - b.start);
}
