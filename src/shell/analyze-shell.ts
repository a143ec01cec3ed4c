// A command with its placeholders: where each one sits in bash's grammar (schema:
// PlaceholderContext), from a real parse. Placeholders are not valid shell (`<x>` is two
// redirections), so each is first replaced by a plain word of the same length: offsets stay
// those of the text as written, and the parse is the one bash makes once values are in.
import type { Node } from 'web-tree-sitter';
import { commandsHolding } from './commands-holding.js';
import { argvOf } from './list-effective-commands.js';
import { locatePlaceholders, type PlaceholderSpan } from './locate-placeholders.js';
import { heredocStartOf, parseAsBashReads, readShellTree } from './parse-shell.js';
import { parsePlainCommand, plainQuotedRanges } from './parse-plain-command.js';
import type { PlaceholderContext, PlaceholderOccurrence, PlaceholderQuoting, ShellAnalysis, ShellScript, ShellWord, SimpleCommand } from './shell-schema.js';
import { createPositionOf } from './source-positions.js';
import { unwrapArgv } from './unwrap-command.js';

const ARITHMETIC_TESTS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/**
 * Every placeholder of `text` with its context; `spans` defaults to locatePlaceholders(text).
 * `invalid` spans are kept with their context, for lint to say where bash would misread them.
 */
export function analyzeShell(text: string, spans: readonly PlaceholderSpan[] = locatePlaceholders(text)): ShellAnalysis {
  return analyzeKept(text, spans, false);
}

/** The same, always through the grammar (for tests that prove the plain path equal). */
export function analyzeShellTree(text: string, spans: readonly PlaceholderSpan[] = locatePlaceholders(text)): ShellAnalysis {
  return analyzeKept(text, spans, true);
}

function analyzeKept(text: string, spans: readonly PlaceholderSpan[], tree: boolean): ShellAnalysis {
  const first = analyzeWith(text, spans, tree);
  // A candidate the parse does not keep (a glob, a subscript, a go template given to --format)
  // is shell as written.
  const kept = spans.filter((span) => !CANDIDATES.has(span.form) || first.kept.has(span.start));
  return kept.length === spans.length ? first.analysis : analyzeWith(text, kept, tree).analysis;
}

/** Forms that are placeholders only where the parse says so. */
const CANDIDATES = new Set<PlaceholderSpan['form']>(['bracket', 'date', 'template']);

/**
 * Does analysing `text` need the parser loaded? Not for a plain one-line command, so a runbook
 * of plain commands never pays for loading it.
 */
export function commandNeedsShellParser(text: string, spans: readonly PlaceholderSpan[] = locatePlaceholders(text)): boolean {
  const plain = parsePlainCommand(maskPlaceholders(text, spans));
  return !plain || scriptsRunAgain(plain).some((inner) => commandNeedsShellParser(inner, []));
}

/** The strings a plain command gives a shell to run (`bash -c '…'`, `ssh host '…'`): gates read them too. */
function scriptsRunAgain(script: ShellScript): string[] {
  return script.commands.flatMap((command) =>
    unwrapArgv(argvOf(command)).flatMap((layer) => (layer.kind === 'script' ? [layer.words.map((word) => word.value ?? '').join(' ')] : [])),
  );
}

// A placeholder is masked with a letter the text does not hold, so a string run again can be read
// back with its placeholders in place (innerContextOf).
const MASK_LETTERS = 'PQXZJKVWYBFGHMNRTUCDLOSIEAqxzjkvwybfghmnrtucdlosiea';
const maskLetterOf = (text: string): string | undefined => [...MASK_LETTERS].find((letter) => !text.includes(letter));

/** Each placeholder replaced by a plain word of the same length: the command as bash will parse it. */
export function maskPlaceholders(text: string, spans: readonly PlaceholderSpan[]): string {
  const letter = maskLetterOf(text) ?? 'P';
  let masked = '';
  let cursor = 0;
  for (const span of spans) {
    masked += text.slice(cursor, span.start) + letter.repeat(span.end - span.start);
    cursor = span.end;
  }
  return masked + text.slice(cursor);
}

interface Analysed {
  analysis: ShellAnalysis;
  /** Starts of the candidate spans the parse keeps as placeholders. */
  kept: Set<number>;
}

function analyzeWith(text: string, spans: readonly PlaceholderSpan[], tree: boolean): Analysed {
  const masked = maskPlaceholders(text, spans);
  const plain = tree ? undefined : parsePlainCommand(masked, text, spans);
  if (plain) {
    const quoted = plainQuotedRanges(masked);
    return placeAll(text, spans, plain, () => null, (span) => {
      const range = quoted.find((q) => q.start <= span.start && span.end <= q.end);
      return range === undefined ? 'unquoted' : range.quote === '"' ? 'double-quoted' : 'single-quoted';
    });
  }
  const parsedTree = parseAsBashReads(masked);
  try {
    const parsed = readShellTree(parsedTree.rootNode, text, {}, spans);
    if (!parsed.ok) return { analysis: { ok: false, text, error: parsed.error }, kept: new Set() };
    return placeAll(text, spans, parsed.script, (span) => parsedTree.rootNode.descendantForIndex(span.start, Math.max(span.start, span.end - 1)));
  } finally {
    parsedTree.delete();
  }
}

/**
 * Each span's context; `nodeAt` gives the syntax node at a span (none for a plain command, whose
 * only quoting is that of its quoted words, given by `plainQuoting`).
 */
function placeAll(text: string, spans: readonly PlaceholderSpan[], script: ShellScript, nodeAt: (span: PlaceholderSpan) => Node | null, plainQuoting?: (span: PlaceholderSpan) => PlaceholderQuoting): Analysed {
  const positionOf = createPositionOf(text);
  const kept = new Set<number>();
  const placeholders: PlaceholderOccurrence[] = [];
  for (const span of spans) {
    const node = nodeAt(span);
    const context = classify(node, span, text, script, spans, plainQuoting?.(span));
    if (span.form === 'bracket' && !isBracketToken(node, context, script, span)) continue;
    if ((span.form === 'date' || span.form === 'template') && isOptionValue(script, span, text)) continue;
    if (CANDIDATES.has(span.form)) kept.add(span.start);
    placeholders.push({ name: span.name, raw: span.raw, form: span.form, start: span.start, end: span.end, ...positionOf(span.start), context });
  }
  return { analysis: { ok: true, text, script, placeholders }, kept };
}

// Options that take a format or a template: `--format '{{.Names}}'`, `-o go-template='{{…}}'`,
// `--date-format YYYY-MM-DD`. What they are given is the tool's own language, not a value to fill.
const FORMAT_OPTION = /^(?:-[fo]|--[\w-]*(?:format|template|output|jsonpath)[\w-]*)$/;
const FORMAT_WORD = /^(?:--?[\w-]*(?:format|template|output|jsonpath)[\w-]*=|[\w-]*(?:template|jsonpath)=)/;

function isOptionValue(script: ShellScript, span: PlaceholderSpan, text: string): boolean {
  for (const command of commandsHolding(script, span)) {
    const words = command.name ? [command.name, ...command.args] : [];
    const at = words.findIndex((word) => contains(word, span));
    if (at === -1) continue;
    const word = words[at] as (typeof words)[number];
    const written = text.slice(word.start, word.end).replace(/^["']/, '');
    if (FORMAT_WORD.test(written)) return true;
    const before = words[at - 1];
    return before !== undefined && FORMAT_OPTION.test(before.value ?? before.text);
  }
  return false;
}

function ancestors(node: Node | null): Node[] {
  const chain: Node[] = [];
  for (let at: Node | null = node; at !== null; at = at.parent) chain.push(at);
  return chain;
}

const within = (node: Node | null | undefined, span: { start: number; end: number }): boolean => !!node && node.startIndex <= span.start && span.end <= node.endIndex;

function heredocOf(body: Node): PlaceholderContext['heredoc'] {
  return (body.parent && heredocStartOf(body.parent)) ?? null;
}

/** The quoting at the span: decided by the innermost construct that has a say. */
function quotingOf(chain: readonly Node[], span: PlaceholderSpan): PlaceholderQuoting {
  for (const [index, node] of chain.entries()) {
    const parent = chain[index + 1];
    switch (node.type) {
      case 'comment':
        return 'comment';
      case 'heredoc_start':
      case 'file_descriptor':
        return 'syntax';
      case 'raw_string':
        return 'single-quoted';
      case 'ansi_c_string':
        return 'ansi-c-quoted';
      case 'string':
      case 'translated_string':
        return 'double-quoted';
      case 'heredoc_body':
        return heredocOf(node)?.quoted ? 'quoted-heredoc-body' : 'heredoc-body';
      case 'arithmetic_expansion':
      case 'c_style_for_statement':
        return 'arithmetic';
      case 'compound_statement':
        if (node.firstChild?.type === '((') return 'arithmetic';
        break;
      case 'subscript':
        return within(node.childForFieldName('index'), span) ? 'subscript' : 'variable-name';
      case 'variable_name':
        if (parent?.type === 'simple_expansion' || parent?.type === 'variable_assignment' || parent?.type === 'for_statement') return 'variable-name';
        break;
      case 'simple_expansion':
        return 'variable-name';
      case 'expansion':
        return 'parameter-expansion';
      case 'function_definition':
        if (within(node.childForFieldName('name'), span)) return 'syntax';
        break;
      case 'command_substitution':
      case 'process_substitution':
        return 'unquoted';
    }
  }
  return 'unquoted';
}

/** Why bash would evaluate the text at the span as arithmetic, at any depth. */
function arithmeticOf(chain: readonly Node[], span: PlaceholderSpan, integerNames: ReadonlySet<string>): string | null {
  for (const node of chain) {
    if (node.type === 'arithmetic_expansion') return node.firstChild?.type === '$[' ? '$[ ]' : '$(( ))';
    if (node.type === 'c_style_for_statement') return 'for (( ))';
    if (node.type === 'compound_statement' && node.firstChild?.type === '((') return '(( ))';
    if (node.type === 'subscript' && within(node.childForFieldName('index'), span)) return 'an array subscript';
    if (node.type === 'binary_expression' && ARITHMETIC_TESTS.has(node.childForFieldName('operator')?.text ?? '') && chain.some((n) => n.type === 'test_command' && n.firstChild?.type === '[[')) return `[[ ${node.childForFieldName('operator')?.text} ]]`;
    if (node.type === 'command' && node.childForFieldName('name')?.text === 'let') return 'let';
    if (node.type === 'declaration_command' && node.namedChildren.some((child) => child.type === 'word' && /^-[a-zA-Z]*i/.test(child.text))) return `${node.firstChild?.text ?? 'declare'} -i`;
    if (node.type === 'variable_assignment' && within(node.childForFieldName('value'), span) && integerNames.has(node.childForFieldName('name')?.text ?? '')) return `an integer variable (declare -i ${node.childForFieldName('name')?.text})`;
  }
  return null;
}

/** Names given the integer attribute (`declare -i n`) by a command ended before `offset`: assigning to them is arithmetic. */
function integerNamesBefore(script: ShellScript, offset: number): ReadonlySet<string> {
  let names = integerNames.get(script);
  if (!names) integerNames.set(script, (names = new IntegerNames(script)));
  return names.before(offset);
}

// Placeholders are analysed in the order of the text, so the names are gathered once a script, in
// one pass: gathering them for each placeholder cost the product of the two.
const integerNames = new WeakMap<ShellScript, IntegerNames>();

class IntegerNames {
  /** The script's `declare -i`, `typeset -i` and `local -i` commands, by where they end. */
  readonly #declarations: SimpleCommand[];
  #taken = 0;
  #offset = -1;
  #names = new Set<string>();

  constructor(script: ShellScript) {
    this.#declarations = script.commands
      .filter((command) => ['declare', 'typeset', 'local'].includes(command.name?.text ?? '') && command.args.some((arg) => /^-[a-zA-Z]*i/.test(arg.text)))
      .sort((a, b) => a.end - b.end);
  }

  /** The names declared by the commands ended before `offset`; valid until the next call. */
  before(offset: number): ReadonlySet<string> {
    if (offset < this.#offset) {
      this.#taken = 0;
      this.#names = new Set();
    }
    this.#offset = offset;
    for (; this.#taken < this.#declarations.length && (this.#declarations[this.#taken] as SimpleCommand).end <= offset; this.#taken++) {
      const command = this.#declarations[this.#taken] as SimpleCommand;
      for (const assignment of command.assignments) this.#names.add(assignment.name);
      for (const arg of command.args) if (/^[A-Za-z_]\w*$/.test(arg.text)) this.#names.add(arg.text);
    }
    return this.#names;
  }
}

const contains = (outer: { start: number; end: number }, span: { start: number; end: number }): boolean => outer.start <= span.start && span.end <= outer.end;

/**
 * Words that follow `<<` in text run again: delimiters of heredocs a value could end. The text is
 * still quoted for the outer shell (`'\''EOF'\''` inside `bash -c '…'`), so every quote, backslash
 * and `$` before a quote is dropped: what is left is the word the inner shell ends the body at.
 */
function delimitersIn(text: string): string[] {
  return [...text.matchAll(/<<-?[ \t]*([^\s;&|()<>]+)/g)]
    .map((match) => (match[1] ?? '').replace(/\$(?=['"])/g, '').replace(/['"\\]/g, ''))
    .filter((word) => word !== '');
}

/** The shell or tool that would read the span's text as shell code again, if any. */
function evaluatedByOf(script: ShellScript, span: PlaceholderSpan, text: string, spans: readonly PlaceholderSpan[]): { by: string; delimiters: string[]; inner: PlaceholderContext | null } | null {
  const found = evaluatedWhere(script, span);
  return found && { by: found.by, delimiters: delimitersIn(text.slice(found.start, found.end)), inner: found.script ? innerContextOf(text, span, spans, found.script) : null };
}

/**
 * The span's context in the string run again, read as the inner shell will: the words' values
 * (quotes of the outer shell removed) with each placeholder put back in its mask's place, then
 * analysed like any command. Null when that is not certain: a word known only at run time, masks
 * that run together, an inner text that does not parse or keeps other placeholders.
 */
function innerContextOf(text: string, span: PlaceholderSpan, spans: readonly PlaceholderSpan[], words: readonly ShellWord[]): PlaceholderContext | null {
  const letter = maskLetterOf(text);
  const values = words.map((word) => word.value ?? word.masked ?? null);
  if (letter === undefined || values.some((value) => value === null)) return null;
  const within = spans.filter((s) => words.some((word) => contains(word, s)));
  let next = 0;
  let lengthsAgree = true;
  const inner = values
    .join(' ')
    .replace(new RegExp(`${letter}+`, 'g'), (run) => {
      const place = within[next++];
      if (place === undefined || place.end - place.start !== run.length) lengthsAgree = false;
      return place?.raw ?? run;
    });
  if (!lengthsAgree || next !== within.length) return null;
  const analysis = analyzeShell(inner);
  if (!analysis.ok || analysis.placeholders.length !== within.length || analysis.placeholders.some((place, i) => place.name !== within[i]?.name)) return null;
  return analysis.placeholders[within.indexOf(span)]?.context ?? null;
}

// Each command's words and layers are read once, not once per placeholder: a command with
// thousands of placeholders would otherwise cost their square.
const wordsCache = new WeakMap<SimpleCommand, ShellWord[]>();
const layersCache = new WeakMap<SimpleCommand, ReturnType<typeof unwrapArgv>>();

function wordsOf(command: SimpleCommand): ShellWord[] {
  let words = wordsCache.get(command);
  if (!words) wordsCache.set(command, (words = command.name ? [command.name, ...command.args] : []));
  return words;
}

function layersOf(command: SimpleCommand): ReturnType<typeof unwrapArgv> {
  let layers = layersCache.get(command);
  if (!layers) layersCache.set(command, (layers = unwrapArgv(argvOf(command))));
  return layers;
}

/** The first word, in the order of the script's commands, that holds the span. */
function wordAt(script: ShellScript, span: PlaceholderSpan): ShellWord | undefined {
  for (const command of commandsHolding(script, span)) {
    if (command.name && contains(command.name, span)) return command.name;
    const arg = command.args[argumentAt(command, span)];
    if (arg) return arg;
  }
  return undefined;
}

function evaluatedWhere(script: ShellScript, span: PlaceholderSpan): { by: string; start: number; end: number; script?: ShellWord[] } | null {
  const readsStdin = (command: SimpleCommand): string | null => {
    for (const layer of layersOf(command)) if (layer.kind === 'stdin-shell') return layer.by;
    return null;
  };
  for (const command of commandsHolding(script, span)) {
    if (!contains(command, span) && !command.redirects.some((redirect) => contains(redirect, span))) continue;
    const words = wordsOf(command);
    for (const layer of layersOf(command)) {
      if (layer.kind !== 'script') continue;
      const at = layer.words.find((w) => { const candidate = words[w.index]; return candidate !== undefined && contains(candidate, span); });
      const word = at && words[at.index];
      if (word) {
        const script = layer.words.map((w) => words[w.index]).filter((w) => w !== undefined);
        return { by: layer.by, start: word.start, end: word.end, script: script.length === layer.words.length ? script : undefined };
      }
    }
    const shell = readsStdin(command);
    const input = command.redirects.find((redirect) => (redirect.heredoc || redirect.operator === '<<<') && contains(redirect, span));
    if (shell && input) return { by: `${shell} reading a ${input.heredoc ? 'heredoc' : 'here-string'}`, start: input.start, end: input.end };
    // Output piped into a shell becomes its script, however many stages it goes through.
    const seen = new Set<number>();
    for (let next = command.pipesInto; next !== null && !seen.has(next); next = script.commands[next]?.pipesInto ?? null) {
      seen.add(next);
      const reader = script.commands[next];
      const by = reader ? readsStdin(reader) : null;
      if (by) return { by: `a pipe into ${by}`, start: command.start, end: command.end };
    }
  }
  return null;
}

const endOfOptionsCache = new WeakMap<SimpleCommand, number>();

/** The index of the command's first `--` argument, or its number of arguments. */
function endOfOptions(command: SimpleCommand): number {
  let at = endOfOptionsCache.get(command);
  if (at === undefined) {
    at = command.args.findIndex((arg) => arg.value === '--');
    if (at === -1) at = command.args.length;
    endOfOptionsCache.set(command, at);
  }
  return at;
}

/** The index of the argument that holds the span (arguments are in the text's order), or -1. */
function argumentAt(command: SimpleCommand, span: PlaceholderSpan): number {
  let low = 0;
  let high = command.args.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const arg = command.args[middle] as ShellWord;
    if (arg.end <= span.start) low = middle + 1;
    else if (arg.start > span.start) high = middle - 1;
    else return contains(arg, span) ? middle : -1;
  }
  return -1;
}

/** Is the span at the start of an argument (quotes aside), with no `--` before it? */
function optionPositionOf(script: ShellScript, span: PlaceholderSpan, text: string): boolean {
  let innermost: SimpleCommand | undefined;
  for (const command of commandsHolding(script, span)) if (contains(command, span) && (!innermost || command.start >= innermost.start)) innermost = command;
  if (!innermost) return false;
  const at = argumentAt(innermost, span);
  const arg = innermost.args[at];
  if (!arg) return false;
  const lead = text.slice(arg.start, span.start);
  if (!/^["']*$/.test(lead)) return false;
  return at < endOfOptions(innermost);
}

/** Inside `{…,…}` or `{a..b}` written unquoted around the span, within its word. */
function insideBraceExpansion(script: ShellScript, span: PlaceholderSpan, text: string): boolean {
  const word = wordAt(script, span);
  if (!word) return false;
  const opens: { at: number; list: boolean }[] = [];
  let quote: string | null = null;
  for (let i = word.start; i < word.end; i++) {
    const ch = text[i];
    if (i >= span.start && i < span.end) continue;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '\\') i++;
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '{') opens.push({ at: i, list: false });
    else if ((ch === ',' || (ch === '.' && text[i + 1] === '.')) && opens.length > 0) (opens[opens.length - 1] as { list: boolean }).list = true;
    else if (ch === '}') {
      const open = opens.pop();
      if (open && open.list && open.at < span.start && i >= span.end) return true;
    }
  }
  return false;
}

/**
 * The grammar reads `$(( … ))` in an expanded heredoc body as a command substitution and `$[ … ]`
 * as text, while bash evaluates both: an opener before the span, not closed before it, makes it
 * arithmetic.
 */
function arithmeticInBody(text: string, bodyStart: number, span: PlaceholderSpan): string | null {
  const before = text.slice(bodyStart, span.start);
  const dollarParen = before.lastIndexOf('$((');
  const dollarBracket = before.lastIndexOf('$[');
  if (dollarParen !== -1 && !before.slice(dollarParen + 3).includes('))')) return '$(( ))';
  if (dollarBracket !== -1 && !before.slice(dollarBracket + 2).includes(']')) return '$[ ]';
  return null;
}

function classify(node: Node | null, span: PlaceholderSpan, text: string, script: ShellScript, spans: readonly PlaceholderSpan[], plainQuoting?: PlaceholderQuoting): PlaceholderContext {
  const chain = ancestors(node);
  const quoting = plainQuoting ?? quotingOf(chain, span);
  const body = chain.find((n) => n.type === 'heredoc_body');
  const expandedBody = body && !heredocOf(body)?.quoted ? body : undefined;
  let backslashes = 0;
  while (text[span.start - 1 - backslashes] === '\\') backslashes++;
  const backslashActive = !['single-quoted', 'quoted-heredoc-body', 'comment'].includes(quoting);
  const evaluated = evaluatedByOf(script, span, text, spans);
  return {
    quoting,
    heredoc: body ? heredocOf(body) : null,
    arithmetic: arithmeticOf(chain, span, integerNamesBefore(script, span.start)) ?? (expandedBody ? arithmeticInBody(text, expandedBody.startIndex, span) : null),
    evaluatedBy: evaluated?.by ?? null,
    innerDelimiters: evaluated?.delimiters ?? [],
    brace: insideBraceExpansion(script, span, text),
    optionPosition: optionPositionOf(script, span, text),
    escaped: backslashActive && backslashes % 2 === 1,
    inner: evaluated?.inner ?? null,
  };
}

/** A bracket candidate is a placeholder only as a plain word: not a test, pattern or subscript. */
function isBracketToken(node: Node | null, context: PlaceholderContext, script: ShellScript, span: PlaceholderSpan): boolean {
  if (context.quoting !== 'unquoted' && context.quoting !== 'comment') return false;
  if (context.arithmetic !== null) return false;
  const tested = commandsHolding(script, span).some((command) => contains(command, span) && ['[', 'test'].includes(command.name?.value ?? ''));
  return !tested && !ancestors(node).some((n) => n.type === 'test_command' || n.type === 'case_item');
}
