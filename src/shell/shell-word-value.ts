// What bash passes for a word, when that is known without running anything: quotes removed,
// escapes applied, and references to variables whose values the caller knows (the engine's own
// RUNBOOK_VALUE_n) filled in. Anything that needs the shell (a substitution, `$HOME`, arithmetic)
// makes the value unknown: null.
import type { Node } from 'web-tree-sitter';

export type KnownVariables = Readonly<Record<string, string>>;

const C_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** An unquoted word: a backslash makes the next character literal; a backslash-newline vanishes. */
function unescapeBare(text: string): string {
  return text.replace(/\\(\n|.)/gs, (_, ch: string) => (ch === '\n' ? '' : ch));
}

/** Inside double quotes a backslash only escapes `$`, `` ` ``, `"`, `\` and newline. */
export function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\([$`"\\\n])/g, (_, ch: string) => (ch === '\n' ? '' : ch));
}

function unescapeAnsiC(body: string): string {
  return body.replace(/\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)/gs, (all, esc: string) => {
    if (esc.startsWith('x')) return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(Number.parseInt(esc, 8));
    return C_ESCAPES[esc] ?? all;
  });
}

function variableValue(node: Node, variables: KnownVariables): string | null {
  const named = node.namedChildren;
  const only = named.length === 1 ? named[0] : undefined;
  if (only?.type !== 'variable_name') return null;
  // `${NAME}` has only the name between its braces; `${NAME:-x}` and friends have more.
  if (node.type === 'expansion' && node.text !== `\${${only.text}}`) return null;
  return Object.hasOwn(variables, only.text) ? (variables[only.text] ?? null) : null;
}

/** A quoted string or a concatenation: its parts in order, and the text between them as written. */
function joinParts(node: Node, variables: KnownVariables): string | null {
  const quoted = node.type !== 'concatenation';
  const gap = quoted ? unescapeDoubleQuoted : unescapeBare;
  let value = '';
  let cursor = node.startIndex;
  for (const part of node.children) {
    if (part.startIndex > cursor) value += gap(node.text.slice(cursor - node.startIndex, part.startIndex - node.startIndex));
    cursor = part.endIndex;
    if (part.type === '"' || part.type === '$"' || part.type === '$') continue;
    const piece = part.type === 'string_content' ? unescapeDoubleQuoted(part.text) : shellWordValue(part, variables);
    if (piece === null) return null;
    value += piece;
  }
  return value;
}

export function shellWordValue(node: Node, variables: KnownVariables = {}): string | null {
  switch (node.type) {
    case 'word':
    case 'number':
    case 'extglob_pattern':
      return unescapeBare(node.text);
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return unescapeAnsiC(node.text.slice(2, -1));
    case 'string':
    case 'translated_string':
    case 'concatenation':
      return joinParts(node, variables);
    case 'simple_expansion':
    case 'expansion':
      return variableValue(node, variables);
    default:
      return null;
  }
}
