// Where a reader's values go in a command or a text (SPEC §2): the one finder, run on the text as
// written, since `<name>` is not valid shell (bash reads it as two redirections). Forms:
// - angle `<deployment-name>`: a letter, then letters, digits, `-`, `_`, `.` and single inner
//   spaces, ending in a letter or digit; or `<name>` for any name the frontmatter declares
//   (`<_ns>`). `<<EOF`, `<<<x`, `<file` and `2>&1` are not placeholders;
// - bracket `[NAMESPACE]`, `[Your name]`: candidates only, kept by analyzeShell when the parse
//   shows a plain unquoted word (a glob such as `[0-9]`, `[abc]` or `log[AB].txt`, `[[ … ]]`, an
//   array subscript or a case pattern is not one);
// - date `YYYYMMDD`, `YYYY-MM-DD` (and `YYYY-MM`, `YYYYMMDD-HHMM`…);
// - your `your_password`, `YOUR_TOKEN`, `your-api-key`;
// - template leftovers `{{name}}`, `${{ values.x }}` (not go templates such as `{{.Names}}`);
// - invalid: text that looks like `<…>` but is no valid placeholder (`<_x>`, `<br/>`); where bash
//   would read it as redirections it is a lint error, never left to bash.
// Names: angle and template forms as written; the others lower-cased (`[NAMESPACE]` →
// `namespace`, `[Your name]` → `your-name`, `YYYYMMDD` → `yyyymmdd`) unless the frontmatter
// declares the token itself as a name. One linear pass per form; never throws.
import { z } from 'zod';
import { CoveredRanges } from './covered-ranges.js';

export const PlaceholderFormSchema = z.enum(['angle', 'bracket', 'date', 'your', 'template', 'invalid']);
export type PlaceholderForm = z.infer<typeof PlaceholderFormSchema>;

export const PlaceholderSpanSchema = z.object({
  name: z.string(),
  /** As written: `<deployment-name>`, `[NAMESPACE]`, `YYYYMMDD`. */
  raw: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  form: PlaceholderFormSchema,
});
export type PlaceholderSpan = z.infer<typeof PlaceholderSpanSchema>;

export interface LocateOptions {
  /** Names the frontmatter declares: `<name>` is a placeholder for each, whatever it holds. */
  declared?: Iterable<string>;
  /**
   * `command` (the default) finds every form; `text` (expected output, matchers, `Env:` values)
   * only angle placeholders, since brackets and dates are ordinary in output (`[INFO]`).
   */
  kind?: 'command' | 'text';
}

const NAME_CHAR = String.raw`[\p{L}\p{Nd}_.-]`;
const ANGLE = new RegExp(String.raw`<(\p{L}(?:${NAME_CHAR}| (?=${NAME_CHAR}))*)>`, 'gu');
const ENDS_WELL = /[\p{L}\p{Nd}]$/u;
// Something between angle brackets that bash would read as redirections: no blanks at its ends,
// none of the characters that make it other syntax (`<(…)`, `<&3`, `<'x'`, `$`).
const ANGLE_LIKE = /<([^\s<>&|;()'"`$\\]+(?: [^\s<>&|;()'"`$\\]+)*)>/g;
// Upper-case names (`[NAMESPACE]`, `[DB_HOST]`) or a capitalised phrase (`[Your name]`).
const BRACKET = /\[([A-Z][A-Z0-9_]*[A-Z0-9]|[A-Z][a-z]+(?: [a-z]+)+)\]/g;
// A bracket token starts a word or follows a separator; `log[AB]` and `x[ABC]` are globs or subscripts.
const BEFORE_BRACKET = /[\p{L}\p{Nd}_\]*?[]$/u;
const DATE = /(?<![A-Za-z0-9])YYYY(?:[-_./]?MM(?:[-_./]?DD(?:[-_T]?HH(?::?MM(?::?SS)?)?)?)?)(?![A-Za-z0-9])/g;
// Not after `$` or `{` (a variable such as `$YOUR_TOKEN`), nor before `=` (an assignment's name).
const YOUR = /(?<![A-Za-z0-9_$/{-])(?:your|YOUR|Your)[_-][A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*(?![A-Za-z0-9_=-])/g;
const TEMPLATE = /(\$?)\{\{\s*([^{}]*?)\s*\}\}/g;
// `{{name}}`, `${{ values.x }}`: a name or a dotted path; `{{.Names}}` and `{{json .}}` are go templates.
const TEMPLATE_NAME = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*$/;

/** Every placeholder span of `text`, in order, never overlapping. */
export function locatePlaceholders(text: string, options: LocateOptions = {}): PlaceholderSpan[] {
  const declared = new Set(options.declared ?? []);
  const spans: PlaceholderSpan[] = [];
  // Overlap is checked over a span's own length, not against every earlier span.
  const covered = new CoveredRanges(text.length);
  const add = (span: PlaceholderSpan): void => {
    if (covered.overlaps(span.start, span.end)) return;
    spans.push(span);
    covered.add(span);
  };
  const nameOf = (raw: string, derived: string): string => (declared.has(raw) ? raw : derived);
  const afterLessThan = (index: number): boolean => text[index - 1] === '<';

  for (const name of declared) {
    const raw = `<${name}>`;
    for (let at = text.indexOf(raw); at !== -1; at = text.indexOf(raw, at + 1)) {
      if (!afterLessThan(at)) add({ name, raw, start: at, end: at + raw.length, form: 'angle' });
    }
  }
  // Each form needs a character or word of its own: text without it is not searched (nor is the
  // pattern compiled, on a start that never meets one).
  const angles = text.includes('<');
  if (angles) for (const match of text.matchAll(ANGLE)) {
    const name = match[1] ?? '';
    if (afterLessThan(match.index) || !ENDS_WELL.test(name)) continue;
    add({ name, raw: match[0], start: match.index, end: match.index + match[0].length, form: 'angle' });
  }
  if (options.kind !== 'text') {
    if (text.includes('{{')) for (const match of text.matchAll(TEMPLATE)) {
      const inner = match[2] ?? '';
      if (!TEMPLATE_NAME.test(inner)) continue;
      add({ name: inner, raw: match[0], start: match.index, end: match.index + match[0].length, form: 'template' });
    }
    if (text.includes('[')) for (const match of text.matchAll(BRACKET)) {
      const before = text.slice(Math.max(0, match.index - 1), match.index);
      if (BEFORE_BRACKET.test(before) || text[match.index + match[0].length] === ']') continue;
      const inner = match[1] ?? '';
      add({ name: nameOf(inner, inner.toLowerCase().replaceAll(' ', '-')), raw: match[0], start: match.index, end: match.index + match[0].length, form: 'bracket' });
    }
    if (text.includes('YYYY')) for (const match of text.matchAll(DATE)) add({ name: nameOf(match[0], match[0].toLowerCase()), raw: match[0], start: match.index, end: match.index + match[0].length, form: 'date' });
    if (/our/i.test(text)) for (const match of text.matchAll(YOUR)) add({ name: nameOf(match[0], match[0].toLowerCase()), raw: match[0], start: match.index, end: match.index + match[0].length, form: 'your' });
  }
  if (angles) for (const match of text.matchAll(ANGLE_LIKE)) {
    if (afterLessThan(match.index)) continue;
    add({ name: match[1] ?? '', raw: match[0], start: match.index, end: match.index + match[0].length, form: 'invalid' });
  }
  return spans.sort((a, b) => a.start - b.start);
}
