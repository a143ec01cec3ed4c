// The bash grammar (tree-sitter-bash) running in web-tree-sitter, both WebAssembly shipped inside
// their npm packages: nothing is fetched or compiled at install or run time. Loading is async and
// done once (`await loadShellParser()` at the command layer); every parse after it is synchronous,
// so the pure stages stay pure.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import type { Parser as TreeSitterParser, Tree } from 'web-tree-sitter';

type WebTreeSitter = typeof import('web-tree-sitter');

let parser: TreeSitterParser | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the parser once; later calls return the same promise. Cost on a two-core machine: about
 * 80 ms (bench/shell-parser.mjs), so only commands that parse shell should call it.
 */
export function loadShellParser(): Promise<void> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<void> {
  // V8 would otherwise recompile the grammar's 160 KB lexer function with its optimising tier in
  // the background, for about a second of CPU that the process then waits for at exit; the
  // baseline code parses a command in well under a millisecond.
  setFlagsFromString('--liftoff-only');
  // Required at run time, not bundled: web-tree-sitter finds its own .wasm beside its file.
  const require = createRequire(import.meta.url);
  const { Parser, Language } = require('web-tree-sitter') as WebTreeSitter;
  await Parser.init();
  const grammar = readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
  const bash = await Language.load(grammar);
  const ready = new Parser();
  ready.setLanguage(bash);
  parser = ready;
}

export function isShellParserLoaded(): boolean {
  return parser !== undefined;
}

/** The bash syntax tree of `text`. Synchronous; `loadShellParser()` must have finished. */
export function parseTree(text: string): Tree {
  if (parser === undefined) throw new Error('the shell parser is not loaded: await loadShellParser() first');
  const tree = parser.parse(text);
  if (tree === null) throw new Error('the shell parser returned no tree');
  return tree;
}
