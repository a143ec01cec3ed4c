// What the shell module tells the rest of the engine about a command: data, so that plans,
// journals and tests can hold it. Offsets are UTF-16 indices into the command text; lines and
// columns count from 1.
import { z } from 'zod';
import { PlaceholderSpanSchema } from './locate-placeholders.js';

const offset = z.number().int().nonnegative();
const SourcePointSchema = z.object({ line: z.number().int().positive(), column: z.number().int().positive() });

export const SourceSpanSchema = SourcePointSchema.extend({ start: offset, end: offset });
export type SourceSpan = z.infer<typeof SourceSpanSchema>;

export const ShellSyntaxErrorSchema = SourcePointSchema.extend({ message: z.string(), offset });
export type ShellSyntaxError = z.infer<typeof ShellSyntaxErrorSchema>;

export const ShellWordSchema = SourceSpanSchema.extend({
  /** The word as written. */
  text: z.string(),
  /** What the shell passes for it when that is known without running anything; else null. */
  value: z.string().nullable(),
  /** For a word holding a placeholder: its value with each placeholder still masked, if known. */
  masked: z.string().nullable().optional(),
});
export type ShellWord = z.infer<typeof ShellWordSchema>;

export const HeredocSchema = z.object({
  delimiter: z.string(),
  /** A quoted delimiter (`'EOF'`, `"EOF"`, `\EOF`): the body is not expanded. */
  quoted: z.boolean(),
  /** `<<-`: leading tabs are removed from each body line. */
  stripTabs: z.boolean(),
  /** The body as written, without its closing delimiter line. */
  body: z.string(),
  bodyStart: offset,
});
export type Heredoc = z.infer<typeof HeredocSchema>;

export const RedirectSchema = SourceSpanSchema.extend({
  /** `>`, `>>`, `<`, `2>&1`'s `>&`, `<<`, `<<-`, `<<<`, `&>`… */
  operator: z.string(),
  descriptor: z.number().int().nullable(),
  target: ShellWordSchema.nullable(),
  heredoc: HeredocSchema.nullable(),
});
export type Redirect = z.infer<typeof RedirectSchema>;

export const AssignmentSchema = SourceSpanSchema.extend({
  name: z.string(),
  value: ShellWordSchema.nullable(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

/** Shell structures a command sits in, innermost last: what makes it conditional or nested. */
export const EnclosingSchema = z.enum([
  'pipeline',
  'and-or',
  'negated',
  'subshell',
  'group',
  'command-substitution',
  'process-substitution',
  'function',
  'if',
  'loop',
  'case',
  'background',
]);
export type Enclosing = z.infer<typeof EnclosingSchema>;

export const SimpleCommandSchema = SourceSpanSchema.extend({
  text: z.string(),
  /** Null for a line of assignments only (`X=1`). */
  name: ShellWordSchema.nullable(),
  args: z.array(ShellWordSchema),
  assignments: z.array(AssignmentSchema),
  redirects: z.array(RedirectSchema),
  within: z.array(EnclosingSchema),
  /** Index, in the script's command list, of the pipeline stage that reads this one's output. */
  pipesInto: z.number().int().nullable(),
});
export type SimpleCommand = z.infer<typeof SimpleCommandSchema>;

/** A use of a shell variable: `$NAME`, `${NAME}`, `${NAME:?…}`, `${#NAME}`… */
export const ExpansionSchema = SourceSpanSchema.extend({
  name: z.string(),
  /** As written: `${BACKUP_FILE}`. */
  text: z.string(),
  /** Has a value when unset: `${NAME:-x}`, `${NAME-x}`, `${NAME:=x}`, `${NAME:+x}`… */
  guarded: z.boolean(),
});
export type Expansion = z.infer<typeof ExpansionSchema>;

export const ShellScriptSchema = z.object({
  text: z.string(),
  /** Every simple command, in source order, at any depth. */
  commands: z.array(SimpleCommandSchema),
  comments: z.array(SourceSpanSchema),
  /** Every variable used by name, in source order (positional and special parameters left out). */
  expansions: z.array(ExpansionSchema),
  /** Variables that `for NAME in` and `select NAME in` set. */
  loopVariables: z.array(SourceSpanSchema.extend({ name: z.string() })),
});
export type ShellScript = z.infer<typeof ShellScriptSchema>;

export const ShellParseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), script: ShellScriptSchema }),
  z.object({ ok: z.literal(false), error: ShellSyntaxErrorSchema }),
]);
export type ShellParse = z.infer<typeof ShellParseSchema>;

/**
 * A command as it takes effect, looking through wrappers: `sudo -u x systemctl restart y` is
 * `systemctl restart y` via `sudo`; `ssh db 'psql -c …'` is `psql -c …` via `ssh`, remote on `db`.
 */
export const EffectiveCommandSchema = z.object({
  name: z.string().nullable(),
  /** Arguments after the name; null where a word is only known at run time. */
  args: z.array(z.string().nullable()),
  /** The wrappers looked through, outermost first (`sudo`, `bash -c`, `ssh`…). */
  via: z.array(z.string()),
  /** Host, pod or container for remote wrappers; null when it runs here. */
  remote: z.string().nullable(),
  /** The simple command of the parsed text it comes from. */
  source: SourceSpanSchema,
});
export type EffectiveCommand = z.infer<typeof EffectiveCommandSchema>;

/**
 * How bash reads the text at a placeholder, which decides how a value can go there:
 * - unquoted, double-quoted, single-quoted, ansi-c-quoted (`$'…'`): a quoted reference to a
 *   variable fits, closing and reopening quotes as needed;
 * - heredoc-body: an unquoted delimiter, the body is expanded; quoted-heredoc-body: it is not,
 *   so the value itself must go in, and must not end the body;
 * - arithmetic: inside `$(( ))`, `$[ ]`, `(( ))`, `for (( ))`; subscript: `arr[…]`;
 * - comment: never runs;
 * - parameter-expansion (`${x:-<v>}`), variable-name (`$<v>`, `<v>=1`), syntax (a heredoc
 *   delimiter, a function name): no value can go there safely.
 */
export const PlaceholderQuotingSchema = z.enum([
  'unquoted',
  'double-quoted',
  'single-quoted',
  'ansi-c-quoted',
  'heredoc-body',
  'quoted-heredoc-body',
  'arithmetic',
  'subscript',
  'comment',
  'parameter-expansion',
  'variable-name',
  'syntax',
]);
export type PlaceholderQuoting = z.infer<typeof PlaceholderQuotingSchema>;

export const PlaceholderContextSchema = z.object({
  quoting: PlaceholderQuotingSchema,
  /** The heredoc whose body holds the placeholder, at any depth. */
  heredoc: z.object({ delimiter: z.string(), quoted: z.boolean(), stripTabs: z.boolean() }).nullable(),
  /** Bash evaluates the value as arithmetic: `$(( ))`, `$[ ]`, `(( ))`, `let`, `declare -i`, `[[ -eq ]]`, `arr[…]`. */
  arithmetic: z.string().nullable(),
  /** The value becomes shell code again: `bash -c`, `eval`, `ssh`, a heredoc or pipe fed to a shell… */
  evaluatedBy: z.string().nullable(),
  /** Heredoc delimiters inside the text that is run again: a value there must not end one. */
  innerDelimiters: z.array(z.string()),
  /** Inside an unquoted brace expansion `{a,<x>}`. */
  brace: z.boolean(),
  /** At the start of an argument before any `--`, where a leading `-` reads as an option. */
  optionPosition: z.boolean(),
  /** Right after a backslash that escapes it. */
  escaped: z.boolean(),
  /**
   * Where the value lands in the text run again, read by the same parse (`{a,<x>}` or `$((<x>))`
   * inside `bash -c '…'`); null when that text is only known at run time, or not run again.
   */
  get inner() {
    return PlaceholderContextSchema.nullable();
  },
});
export type PlaceholderContext = z.infer<typeof PlaceholderContextSchema>;

export const PlaceholderOccurrenceSchema = PlaceholderSpanSchema.extend({ ...SourcePointSchema.shape, context: PlaceholderContextSchema });
export type PlaceholderOccurrence = z.infer<typeof PlaceholderOccurrenceSchema>;

export const ShellAnalysisSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), text: z.string(), script: ShellScriptSchema, placeholders: z.array(PlaceholderOccurrenceSchema) }),
  z.object({ ok: z.literal(false), text: z.string(), error: ShellSyntaxErrorSchema }),
]);
export type ShellAnalysis = z.infer<typeof ShellAnalysisSchema>;
