// Values are data, not text (issue 10, SPEC §2): each placeholder becomes a quoted reference to an
// environment variable the engine sets for the command, RUNBOOK_VALUE_1, _2… in order of first
// use, so bash expands it once, at run time, as one word, whatever it holds:
//   unquoted           <x>        →  "$RUNBOOK_VALUE_1"
//   "…<x>…"                       →  ${RUNBOOK_VALUE_1}
//   '…<x>…'                       →  '"$RUNBOOK_VALUE_1"'       (close, reference, reopen)
//   $'…<x>…'                      →  '"$RUNBOOK_VALUE_1"$'
//   heredoc body, EOF             →  ${RUNBOOK_VALUE_1}
//   heredoc body, 'EOF'           →  the value itself: nothing is expanded there; refused when a
//                                    line of the result would end the body
//   $(( )), arr[…]                →  ${RUNBOOK_VALUE_1}, integers only
// Where bash reads the text again (arithmetic, `bash -c`, `ssh`, `eval`, a heredoc fed to a
// shell…) the value still becomes code: it must be an integer (arithmetic), match its param's
// declared pattern, or hold only characters that cannot change a parse. A leading `-` where an
// option is read needs `allowDash`. Everything refused says where and why, and nothing is
// rendered then: the caller stops before the first step.
import type { PlaceholderContext, PlaceholderOccurrence, ShellAnalysis } from './shell-schema.js';

export interface RenderPolicy {
  /** Names whose value matched a `pattern` their param declares: the author vouches for them. */
  matchedPattern?: ReadonlySet<string>;
  /** Names whose param says `allowDash: true`. */
  allowDash?: ReadonlySet<string>;
  /** Names whose values are secret: `***` in the display. */
  secret?: ReadonlySet<string>;
}

export interface RenderProblem {
  /** `missing`: no value was given; `unsafe`: the value cannot go there; `syntax`: bash cannot parse the command. */
  kind: 'missing' | 'unsafe' | 'syntax';
  name: string;
  raw: string;
  /** Offset in the command text, and its line and column there. */
  start: number;
  line: number;
  column: number;
  reason: string;
  fix: string;
}

export type RenderedShellCommand =
  | {
      ok: true;
      /** What runs, with `env` set. */
      text: string;
      /** The variables to set for it: RUNBOOK_VALUE_n → value. */
      env: Record<string, string>;
      /** For people: the values filled in (secrets as `***`). */
      display: string;
    }
  | { ok: false; display: string; problems: RenderProblem[] };

export const VALUE_VARIABLE_PREFIX = 'RUNBOOK_VALUE_';
const SECRET = '***';
const INTEGER = /^[+-]?(?:0[xX][0-9a-fA-F]+|[0-9]+)$/;
// Cannot change how a shell parses the text around them (issue 10, item 3).
const PARSE_SAFE = /^[A-Za-z0-9._/:=@%+,-]+$/;
const BARE = /^[A-Za-z0-9._/:=@%+,-]+$/;

function reference(place: PlaceholderOccurrence, variable: string): string | undefined {
  switch (place.context.quoting) {
    case 'unquoted':
      return `"$${variable}"`;
    case 'double-quoted':
    case 'heredoc-body':
    case 'arithmetic':
    case 'subscript':
      return `\${${variable}}`;
    case 'single-quoted':
      return `'"$${variable}"'`;
    case 'ansi-c-quoted':
      return `'"$${variable}"$'`;
    default:
      return undefined;
  }
}

const REFUSED_QUOTING: Readonly<Record<string, { reason: string; fix: string }>> = {
  'parameter-expansion': { reason: 'it sits inside ${…}, where bash reads a value as part of the expansion', fix: 'set a variable to the value first, then use that variable in ${…}' },
  'variable-name': { reason: 'it sits where bash reads a variable name ($<x>, <x>=…)', fix: 'write the value where a word goes, e.g. "${NAME}<x>" instead of $NAME<x>' },
  syntax: { reason: 'it sits where bash reads syntax (a heredoc delimiter, a function name, a descriptor), not a value', fix: 'move the placeholder into an argument' },
};

/** The first problem with putting `value` at `place`, if any. */
function problemWith(place: PlaceholderOccurrence, value: string, line: LineAround, policy: RenderPolicy): { reason: string; fix: string } | undefined {
  const { context, name } = place;
  const refused = REFUSED_QUOTING[context.quoting];
  if (refused) return refused;
  if (value.includes('\0')) return { reason: 'the value holds a NUL byte, which no command can be given', fix: `give ${name} a value without one` };
  if (context.escaped) return { reason: 'a backslash right before it would apply to the value', fix: 'remove the backslash, or quote the text around the placeholder' };
  const vouched = policy.matchedPattern?.has(name) ?? false;
  if (context.arithmetic !== null && !vouched && !INTEGER.test(value)) {
    return { reason: `bash evaluates it as arithmetic (${context.arithmetic}), where a value that is not an integer runs as code`, fix: `give an integer, or declare a \`pattern\` for ${name}` };
  }
  if (context.evaluatedBy !== null && !vouched && (!PARSE_SAFE.test(value) || value.startsWith('-'))) {
    return { reason: `the text is run again as shell code (${context.evaluatedBy}), and the value holds characters that would change it`, fix: `use letters, digits and ._/:=@%+,- only, or declare a \`pattern\` for ${name}` };
  }
  const ended = context.evaluatedBy === null ? undefined : delimiterEndedBy(value, line, context.innerDelimiters);
  if (ended !== undefined) {
    return { reason: `the text is run again as shell code (${context.evaluatedBy}), and the value would end its heredoc (${ended})`, fix: 'use a heredoc delimiter the value cannot contain' };
  }
  const inner = context.evaluatedBy === null || vouched ? undefined : innerProblem(context, value);
  if (inner !== undefined) return { reason: `the text is run again as shell code (${context.evaluatedBy}), where ${inner}`, fix: `give a value that cannot be read that way, or declare a \`pattern\` for ${name}` };
  if (context.optionPosition && value.startsWith('-') && !(policy.allowDash?.has(name) ?? false)) {
    return { reason: 'the value starts with `-` where the command reads options', fix: `end the options with \`--\` before it, or set \`allowDash: true\` on ${name}` };
  }
  return undefined;
}

/**
 * Where a value spliced into text run again is read as more than a word, at any depth: arithmetic
 * evaluates a name as an expression (so `$((x))` runs what a variable named by the value holds),
 * a brace expansion splits at `,` and `..`. When the inner text is only known at run time, a value
 * that could split a brace expansion is refused as well.
 */
const SPLITS_BRACES = /,|\.\./;

function innerProblem(context: PlaceholderContext, value: string): string | undefined {
  const inner = context.inner;
  if (inner === null) return SPLITS_BRACES.test(value) ? 'a `,` or `..` could split a brace expansion in a text only known at run time' : undefined;
  const refused = REFUSED_QUOTING[inner.quoting];
  if (refused) return refused.reason;
  if (inner.arithmetic !== null && !INTEGER.test(value)) return `it is evaluated as arithmetic (${inner.arithmetic}), and a value that is not an integer is read as an expression`;
  if (inner.brace && SPLITS_BRACES.test(value)) return 'it sits in a brace expansion, which splits the value at `,` or `..`';
  if (inner.escaped) return 'a backslash right before it would apply to the value';
  return inner.evaluatedBy === null ? undefined : innerProblem(inner, value);
}

/** The text of the placeholder's line on either side of it. */
interface LineAround {
  before: string;
  after: string;
}

function lineAround(text: string, place: PlaceholderOccurrence): LineAround {
  const next = text.indexOf('\n', place.end);
  return { before: text.slice(text.lastIndexOf('\n', place.start - 1) + 1, place.start), after: text.slice(place.end, next === -1 ? text.length : next) };
}

/**
 * In text run again, the delimiter of a heredoc there that the value's line would start with:
 * the value with the text beside it (`E<x>` with `OF`), quotes and backslashes of the outer shell
 * dropped, any indentation ignored. Erring wide: a refusal is safe, a body ended early runs its rest.
 */
function delimiterEndedBy(value: string, line: LineAround, delimiters: readonly string[]): string | undefined {
  const lines = `${line.before}${value}${line.after}`.split('\n').map((text) => text.replace(/['"\\]/g, '').replace(/^\s+/, ''));
  return delimiters.find((delimiter) => lines.some((text) => text.startsWith(delimiter)));
}

/** Could the value, put into a quoted heredoc body, end the body early? */
function endsHeredoc(rendered: string, from: number, to: number, heredoc: NonNullable<PlaceholderOccurrence['context']['heredoc']>): boolean {
  const lineStart = rendered.lastIndexOf('\n', from - 1) + 1;
  const next = rendered.indexOf('\n', to);
  const lines = rendered.slice(lineStart, next === -1 ? rendered.length : next).split('\n');
  // Inside $(…) bash ends a body at a line that only starts with the delimiter, so any such line is refused.
  return lines.some((line) => (heredoc.stripTabs ? line.replace(/^\t+/, '') : line).startsWith(heredoc.delimiter));
}

/** With `<<-`, bash strips the tabs that start each body line, the value's own ones too. */
function losesTabs(rendered: string, from: number, value: string): boolean {
  const lineStart = rendered.lastIndexOf('\n', from - 1) + 1;
  return value.includes('\n\t') || (value.startsWith('\t') && /^\t*$/.test(rendered.slice(lineStart, from)));
}

/** Shown to people as the shell will take it: quoted where a plain word would not read back. */
function displayValue(place: PlaceholderOccurrence, value: string, policy: RenderPolicy): string {
  if (policy.secret?.has(place.name)) return SECRET;
  if (place.context.quoting !== 'unquoted' || BARE.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The command with every placeholder replaced; `values` are looked up as own properties only. */
export function renderShellCommand(analysis: ShellAnalysis, values: Readonly<Record<string, string>>, policy: RenderPolicy = {}): RenderedShellCommand {
  const { text } = analysis;
  const places = analysis.ok ? analysis.placeholders : [];
  const problems: RenderProblem[] = [];
  const variables = new Map<string, string>();
  const env: Record<string, string> = {};
  let run = '';
  let display = '';
  let cursor = 0;
  for (const place of places) {
    const between = text.slice(cursor, place.start);
    run += between;
    display += between;
    cursor = place.end;
    const problem = (reason: string, fix: string, kind: RenderProblem['kind'] = 'unsafe'): void => {
      problems.push({ kind, name: place.name, raw: place.raw, start: place.start, line: place.line, column: place.column, reason, fix });
    };
    const value = Object.hasOwn(values, place.name) ? values[place.name] : undefined;
    // A comment never runs: what it says needs no value, and none is put in it.
    if (value === undefined || place.context.quoting === 'comment' || place.form === 'invalid') {
      if (value === undefined && place.context.quoting !== 'comment') problem('it has no value', `give one with --set ${place.name}=…`, 'missing');
      run += place.raw;
      display += place.raw;
      continue;
    }
    display += displayValue(place, value, policy);
    const refused = problemWith(place, value, lineAround(text, place), policy);
    if (refused) {
      problem(refused.reason, refused.fix);
      continue;
    }
    if (place.context.quoting === 'quoted-heredoc-body' && place.context.heredoc) {
      const from = run.length;
      run += value;
      if (endsHeredoc(run + text.slice(cursor, text.indexOf('\n', cursor) === -1 ? text.length : text.indexOf('\n', cursor)), from, run.length, place.context.heredoc)) {
        problem(`a line of the value would end the heredoc (${place.context.heredoc.delimiter})`, 'use a delimiter that the value cannot contain');
      } else if (place.context.heredoc.stripTabs && losesTabs(run, from, value)) {
        problem('bash would remove tabs that start a line of the value (<<-)', 'use << instead of <<-, or a value without leading tabs');
      }
      continue;
    }
    let variable = variables.get(place.name);
    if (variable === undefined) {
      variable = `${VALUE_VARIABLE_PREFIX}${variables.size + 1}`;
      variables.set(place.name, variable);
      env[variable] = value;
    }
    run += reference(place, variable) ?? '';
  }
  run += text.slice(cursor);
  display += text.slice(cursor);
  if (!analysis.ok) {
    problems.push({ kind: 'syntax', name: '', raw: '', start: analysis.error.offset, line: analysis.error.line, column: analysis.error.column, reason: analysis.error.message, fix: 'correct the shell syntax' });
  }
  return problems.length > 0 ? { ok: false, display, problems } : { ok: true, text: run, env, display };
}
