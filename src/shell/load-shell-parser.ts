// The bash grammar (tree-sitter-bash) running in web-tree-sitter, both WebAssembly shipped inside
// their npm packages: nothing is fetched or compiled at install or run time. Loading is async and
// done once (`await loadShellParser()` at the command layer); every parse after it is synchronous,
// so the pure stages stay pure. The published package has no node_modules: the build copies
// web-tree-sitter's CommonJS file and both .wasm files beside the bundles (scripts/build.mjs),
// and they are found there first; from the sources they come from node_modules.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type { Parser as TreeSitterParser, Tree } from 'web-tree-sitter';

type WebTreeSitter = typeof import('web-tree-sitter');

/** The files scripts/build.mjs puts beside the bundles in dist/. */
export const SHIPPED = { library: 'web-tree-sitter.cjs', runtime: 'web-tree-sitter.wasm', grammar: 'tree-sitter-bash.wasm' } as const;

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
  // Required at run time, not bundled, so a start that needs no parser does not read it.
  const require = createRequire(import.meta.url);
  const beside = dirname(fileURLToPath(import.meta.url));
  const shipped = existsSync(join(beside, SHIPPED.library));
  const { Parser, Language } = require(shipped ? join(beside, SHIPPED.library) : 'web-tree-sitter') as WebTreeSitter;
  const runtime = shipped ? join(beside, SHIPPED.runtime) : require.resolve('web-tree-sitter/web-tree-sitter.wasm');
  await Parser.init({ locateFile: () => runtime });
  const grammar = readFileSync(shipped ? join(beside, SHIPPED.grammar) : require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
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
