// A command's text → our own small description of it (shell-schema.ts): every simple command at
// any depth with its words, assignments and redirects, or the first syntax error with its place.
// Synchronous once `loadShellParser()` has finished; the tree-sitter tree is freed before return.
import type { Node, Tree } from 'web-tree-sitter';
import { parseTree } from './load-shell-parser.js';
import { overlapsAnyOf } from './covered-ranges.js';
import { normalizeHeredocDelimiters } from './normalize-heredoc-delimiters.js';
import { parsePlainCommand } from './parse-plain-command.js';
import type { Assignment, Enclosing, Expansion, Heredoc, Redirect, ShellParse, ShellScript, ShellSyntaxError, ShellWord, SimpleCommand, SourceSpan } from './shell-schema.js';
import { createPositionOf, type PositionOf } from './source-positions.js';
import { type KnownVariables, shellWordValue } from './shell-word-value.js';

const ENCLOSING: Readonly<Record<string, Enclosing>> = {
  pipeline: 'pipeline',
  list: 'and-or',
  negated_command: 'negated',
  subshell: 'subshell',
  compound_statement: 'group',
  command_substitution: 'command-substitution',
  process_substitution: 'process-substitution',
  function_definition: 'function',
  if_statement: 'if',
  while_statement: 'loop',
  for_statement: 'loop',
  c_style_for_statement: 'loop',
  case_statement: 'case',
};

const COMMAND_NODES = new Set(['command', 'declaration_command', 'unset_command', 'variable_assignment', 'variable_assignments']);

/** Parses `text` as bash. `variables` fills in references to values the caller knows. */
export function parseShell(text: string, variables: KnownVariables = {}): ShellParse {
  const plain = parsePlainCommand(text, text, [], variables);
  return plain ? { ok: true, script: plain } : parseShellTree(text, variables);
}

/** The same, always through the grammar. */
export function parseShellTree(text: string, variables: KnownVariables = {}): ShellParse {
  const tree = parseAsBashReads(text);
  try {
    return readShellTree(tree.rootNode, text, variables);
  } finally {
    tree.delete();
  }
}

/**
 * Our description of a parsed tree. `text` is what the offsets point into (the command as
 * written); words overlapping an `opaque` range (a placeholder) have no known value.
 */
export function readShellTree(root: Node, text: string, variables: KnownVariables = {}, opaque: readonly { start: number; end: number }[] = []): ShellParse {
  const positionOf = createPositionOf(text);
  const error = findSyntaxError(root, text, positionOf) ?? checkHeredocs(root, text, positionOf);
  if (error) return { ok: false, error };
  return { ok: true, script: new ScriptReader(text, positionOf, variables, opaque).read(root) };
}

/** Heredoc delimiters the grammar misreads are rewritten first, if they really are delimiters. */
export function parseAsBashReads(text: string): Tree {
  const normalized = normalizeHeredocDelimiters(text);
  if (normalized.rewritten.length === 0) return parseTree(text);
  const tree = parseTree(normalized.text);
  const delimiters = new Set<number>();
  collect(tree.rootNode, (node) => node.type === 'heredoc_start', (node) => delimiters.add(node.startIndex));
  if (normalized.rewritten.every((offset) => delimiters.has(offset))) return tree;
  tree.delete();
  return parseTree(text);
}

function collect(node: Node, match: (node: Node) => boolean, found: (node: Node) => void): void {
  if (match(node)) found(node);
  for (const child of node.children) collect(child, match, found);
}

function firstError(node: Node): Node | undefined {
  if (!node.hasError) return undefined;
  if (node.isMissing || node.type === 'ERROR') return node;
  for (const child of node.children) {
    const found = firstError(child);
    if (found) return found;
  }
  return node;
}

// Tokens that open something; in a stretch the parser could not read, the last one of them is
// usually what was never closed (`echo "abc`, `if …; then` without `fi`).
const OPENERS = new Set(['"', "'", '$(', '`', '(', '{', '${', '$((', '((', '[[', 'if', 'then', 'do', 'case']);

function findSyntaxError(root: Node, text: string, positionOf: PositionOf): ShellSyntaxError | undefined {
  const node = firstError(root);
  if (!node) return undefined;
  if (node.isMissing) {
    return { message: `bash cannot parse this command: \`${node.type}\` expected here`, offset: node.startIndex, ...positionOf(node.startIndex) };
  }
  const opener = node.children.filter((child) => !child.isNamed && OPENERS.has(child.type)).pop();
  if (opener) {
    return { message: `bash cannot parse this command: the \`${opener.type}\` here is never closed`, offset: opener.startIndex, ...positionOf(opener.startIndex) };
  }
  const near = text.slice(node.startIndex, node.endIndex).trim().split('\n')[0]?.slice(0, 20) ?? '';
  const message = near === '' ? 'bash cannot parse this command: it ends too early' : `bash cannot parse this command near \`${near}\``;
  return { message, offset: node.startIndex, ...positionOf(node.startIndex) };
}

const UNREADABLE_HEREDOC = 'this heredoc cannot be read with certainty (the parser and bash may disagree on where its body is); put the heredoc on a line of its own';

/**
 * The grammar's heredoc handling has gaps (a body line starting with `\`, a `;` after a redirect
 * on the start line): check each body against bash's own rule, a line that is exactly the
 * delimiter, and refuse any heredoc whose body might not be where the parse says.
 */
function checkHeredocs(root: Node, text: string, positionOf: PositionOf): ShellSyntaxError | undefined {
  let problem: Node | undefined;
  collect(
    root,
    (node) => !problem && (node.type === 'heredoc_redirect' || (node.type === 'word' && /(?<!\\)\n/.test(node.text))),
    (node) => {
      if (node.type === 'word' || !heredocAsBashReadsIt(node, text)) problem = node.type === 'word' ? (node.parent ?? node) : node;
    },
  );
  if (!problem) return undefined;
  return { message: UNREADABLE_HEREDOC, offset: problem.startIndex, ...positionOf(problem.startIndex) };
}

/** A heredoc redirect's delimiter as bash compares it, and how its body is read. */
export function heredocStartOf(redirect: Node): { delimiter: string; quoted: boolean; stripTabs: boolean } | undefined {
  const start = redirect.children.find((child) => child.type === 'heredoc_start');
  if (!start) return undefined;
  return { delimiter: start.text.replace(/\\(.)|['"]/g, '$1'), quoted: /['"\\]/.test(start.text), stripTabs: redirect.children.some((child) => child.type === '<<-') };
}

function heredocAsBashReadsIt(redirect: Node, text: string): boolean {
  const start = heredocStartOf(redirect);
  const body = redirect.children.find((child) => child.type === 'heredoc_body');
  const end = redirect.children.find((child) => child.type === 'heredoc_end');
  if (!start || !end) return false;
  const { delimiter, stripTabs } = start;
  let bodyStart = body?.startIndex ?? end.startIndex;
  // With `<<-` the grammar starts the body after the first line's tabs.
  while (stripTabs && text[bodyStart - 1] === '\t') bodyStart--;
  const endLineStart = text.lastIndexOf('\n', end.startIndex - 1) + 1;
  if (text[bodyStart - 1] !== '\n' || endLineStart < bodyStart) return false;
  const indent = text.slice(endLineStart, end.startIndex);
  if (indent !== '' && !(stripTabs && /^\t+$/.test(indent))) return false;
  const after = text[end.endIndex];
  if (end.text !== delimiter || (after !== undefined && after !== '\n' && after !== ')')) return false;
  const lines = text.slice(bodyStart, endLineStart).split('\n').slice(0, -1);
  return !lines.some((line) => (stripTabs ? line.replace(/^\t+/, '') : line) === delimiter);
}

class ScriptReader {
  private readonly commands: SimpleCommand[] = [];
  private readonly comments: SourceSpan[] = [];
  private readonly expansions: Expansion[] = [];
  private readonly loopVariables: ShellScript['loopVariables'] = [];

  constructor(
    private readonly text: string,
    private readonly positionOf: PositionOf,
    private readonly variables: KnownVariables,
    opaque: readonly { start: number; end: number }[],
  ) {
    // Asked for every word: each placeholder against each word would cost their product.
    this.overlapsOpaque = overlapsAnyOf(opaque, text.length);
  }

  private readonly overlapsOpaque: (start: number, end: number) => boolean;

  read(root: Node) {
    this.visit(root, []);
    this.commands.sort((a, b) => a.start - b.start);
    this.linkPipelines(root);
    return { text: this.text, commands: this.commands, comments: this.comments, expansions: this.expansions, loopVariables: this.loopVariables };
  }

  private span(node: Node): SourceSpan {
    return { start: node.startIndex, end: node.endIndex, ...this.positionOf(node.startIndex) };
  }

  private word(node: Node): ShellWord {
    const { startIndex, endIndex } = node;
    const opaque = this.overlapsOpaque(startIndex, endIndex);
    const value = shellWordValue(node, this.variables);
    return { ...this.span(node), text: this.text.slice(startIndex, endIndex), value: opaque ? null : value, ...(opaque && { masked: value }) };
  }

  private visit(node: Node, within: Enclosing[]): void {
    if (node.type === 'comment') {
      this.comments.push(this.span(node));
      return;
    }
    if (node.type === 'simple_expansion' || node.type === 'expansion') this.expansion(node);
    if (node.type === 'for_statement' || node.type === 'select_statement') {
      const variable = node.childForFieldName('variable');
      if (variable) this.loopVariables.push({ ...this.span(variable), name: variable.text });
    }
    if (COMMAND_NODES.has(node.type) && !COMMAND_NODES.has(node.parent?.type ?? '')) {
      this.commands.push(this.command(node, within));
    }
    const enclosing = ENCLOSING[node.type];
    // `((…))` is a compound_statement too, but arithmetic, not a group of commands.
    const inner = enclosing && !(node.type === 'compound_statement' && node.firstChild?.type === '((') ? [...within, enclosing] : within;
    const children = node.children;
    children.forEach((child, index) => {
      const background = children[index + 1]?.type === '&';
      this.visit(child, background ? [...inner, 'background'] : inner);
    });
  }

  /** `$NAME`, `${NAME…}`, `${NAME[i]}`: the variable it reads, unless positional or special. */
  private expansion(node: Node): void {
    const named = node.namedChildren[0];
    const variable = named?.type === 'subscript' ? named.childForFieldName('name') : named;
    // Positional and special parameters (`$1`, `$?`) are the shell's own.
    if (variable?.type !== 'variable_name' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable.text)) return;
    // `${!NAME}` reads the variable NAME names, and `${!prefix*}` lists names: neither is NAME's value alone.
    if (node.children.some((child) => child.type === '!')) return;
    const operators = node.children.filter((child) => !child.isNamed).map((child) => child.type);
    const guarded = operators.some((op) => [':-', '-', ':=', '=', ':+', '+'].includes(op));
    this.expansions.push({ ...this.span(node), name: variable.text, text: node.text, guarded });
  }

  private command(node: Node, within: Enclosing[]): SimpleCommand {
    let name: ShellWord | null = null;
    const args: ShellWord[] = [];
    const assignments: Assignment[] = [];
    const nodes = node.type === 'variable_assignment' ? [node] : node.children;
    for (const child of nodes) {
      if (child.type === 'variable_assignment') {
        assignments.push(this.assignment(child));
      } else if (child.type === 'command_name') {
        name = this.word(child.firstChild ?? child);
      } else if (name === null && (child.type === 'declare' || child.type === 'export' || child.type === 'local' || child.type === 'readonly' || child.type === 'typeset' || child.type === 'unset' || child.type === 'unsetenv')) {
        name = this.word(child);
      } else if (child.isNamed && child.type !== 'comment' && !child.type.endsWith('_redirect')) {
        args.push(this.word(child));
      }
    }
    return {
      ...this.span(node),
      text: this.text.slice(node.startIndex, node.endIndex),
      name,
      args,
      assignments,
      redirects: this.redirects(node),
      within,
      pipesInto: null,
    };
  }

  private assignment(node: Node): Assignment {
    const target = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    return { ...this.span(node), name: target?.text ?? '', value: value ? this.word(value) : null };
  }

  /** The redirects of a simple command: its own, and those of the statement it is the body of. */
  private redirects(node: Node): Redirect[] {
    const found: Redirect[] = [];
    const statement = node.parent?.type === 'redirected_statement' && node.parent.childForFieldName('body')?.equals(node) ? node.parent : undefined;
    const candidates = [...node.children, ...(statement?.children ?? [])];
    const add = (redirect: Node): void => {
      found.push(this.redirect(redirect));
      // The grammar nests what follows a heredoc's start on its line inside the heredoc.
      for (const nested of redirect.children) if (nested.type.endsWith('_redirect')) add(nested);
    };
    for (const child of candidates) if (child.type.endsWith('_redirect')) add(child);
    return found.sort((a, b) => a.start - b.start);
  }

  private redirect(node: Node): Redirect {
    const descriptor = node.childForFieldName('descriptor');
    const operator = node.children.find((child) => !child.isNamed);
    const target = node.childForFieldName('destination') ?? node.namedChildren.find((child) => child.type !== 'file_descriptor' && !child.type.startsWith('heredoc'));
    return {
      ...this.span(node),
      operator: operator?.type ?? '',
      descriptor: descriptor ? Number(descriptor.text) : null,
      target: target && node.type !== 'heredoc_redirect' ? this.word(target) : null,
      heredoc: node.type === 'heredoc_redirect' ? this.heredoc(node) : null,
    };
  }

  private heredoc(node: Node): Heredoc | null {
    const start = heredocStartOf(node);
    const body = node.children.find((child) => child.type === 'heredoc_body');
    const end = node.children.find((child) => child.type === 'heredoc_end');
    if (!start) return null;
    const bodyStart = body?.startIndex ?? end?.startIndex ?? node.endIndex;
    return { ...start, body: this.text.slice(bodyStart, end?.startIndex ?? bodyStart), bodyStart };
  }

  /** `a | b`: a's output is b's input. The grammar may nest `| b` inside a heredoc of `a`. */
  private linkPipelines(root: Node): void {
    const byStart = new Map(this.commands.map((command, index) => [command.start, index]));
    const firstCommand = (node: Node): number | undefined => {
      if (byStart.has(node.startIndex) && COMMAND_NODES.has(node.type)) return byStart.get(node.startIndex);
      for (const child of node.namedChildren) {
        const found = firstCommand(child);
        if (found !== undefined) return found;
      }
      return undefined;
    };
    collect(
      root,
      (node) => node.type === 'pipeline',
      (pipeline) => {
        const stages = pipeline.namedChildren;
        const heredoc = pipeline.parent?.type === 'heredoc_redirect' && pipeline.firstChild?.type === '|' ? pipeline.parent.parent : null;
        const upstream = heredoc ? [heredoc, ...stages] : stages;
        for (let i = 0; i + 1 < upstream.length; i++) {
          const from = firstCommand(upstream[i] as Node);
          const to = firstCommand(upstream[i + 1] as Node);
          const command = from === undefined ? undefined : this.commands[from];
          if (command && to !== undefined) command.pipesInto = to;
        }
      },
    );
  }
}
