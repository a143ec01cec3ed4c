// Bundles src/ into CommonJS files in dist/ and warms a V8 code cache, so that `runbook plan`
// costs little more than starting Node (SPEC §5):
//   dist/read.cjs  plan, list and lint (and help): no executor, no record, no listr2, execa or
//                  Handlebars, so there is less to read and deserialise on every start;
//   dist/cli.cjs   every command.
// bin/runbook.js picks one by the command name (its FULL_COMMANDS are those not listed in
// READ_COMMANDS below). Runs on
// `npm install` (prepare), `npm pack` and before the tests. Files are replaced by rename, cli.cjs
// last, so a CLI started during a build never reads a half-written file, and a build whose
// cli.cjs is there is whole.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The commands dist/read.cjs can run; bin/runbook.js sends every other one to dist/cli.cjs. */
const READ_COMMANDS = ['plan', 'list', 'lint'];
/**
 * Files the bundles load at run time, copied beside them (the published package has no
 * node_modules): [module path such as 'pkg/dist/x.wasm', name in dist/]. The shell parser
 * (src/shell/load-shell-parser.ts, whose SHIPPED names these) is web-tree-sitter's CommonJS file
 * and its runtime, with the bash grammar; it is required only when a command needs it, so it
 * stays out of the bundles that every start reads.
 */
const WASM_FILES = [
  ['web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['tree-sitter-bash/tree-sitter-bash.wasm', 'tree-sitter-bash.wasm'],
];
const LIBRARY_FILES = [['web-tree-sitter', 'web-tree-sitter.cjs']];

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outdir = join(root, 'dist');

/** The commands of program.ts that dist/read.cjs leaves out: their lazy import throws instead. */
const leaveOutCommands = {
  name: 'leave-out-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\/[a-z-]+-command\.js$/ }, (args) => {
      const command = basename(args.path, '-command.js');
      if (!args.importer.endsWith(join('src', 'cli', 'program.ts')) || READ_COMMANDS.includes(command)) return undefined;
      return { path: command, namespace: 'left-out' };
    });
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: `throw new Error('runbook ${args.path} is not in dist/read.cjs: add it to FULL_COMMANDS in bin/runbook.js');`,
      loader: 'js',
    }));
  },
};

/**
 * zod's `z` namespace carries every locale's error messages (a quarter of a megabyte, a fifth of
 * the bundle), though only English is used: `z.locales` keeps English alone.
 */
const englishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: 'export { default as en } from "./en.js";', loader: 'js' }));
  },
};

/**
 * commander requires node:child_process when it loads, for subcommands that are executables of
 * their own, which runbook has none of; loading it (with net, stream and dgram) cost about a
 * tenth of `runbook plan`'s start. Required when commander first spawns, which it never does here.
 */
const lazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager) || /childProcess\.(?!spawn\()/.test(source)) throw new Error(`${args.path} no longer loads child_process as the build expects: update lazyChildProcess`);
      return { contents: source.replace(eager, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"), loader: 'js' };
    });
  },
};

/**
 * Escapes what esbuild leaves as non-ASCII (it keeps regular-expression literals as written):
 * an ASCII file is read into a one-byte string, half the memory and faster to read on every
 * start. Outside strings, a \\u escape means the same character in a regular expression, a
 * string, a template and a name; bundled code is minified, so there are no comments to change.
 */
function toAscii(text) {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const bundle = (entry, outfile, plugins) =>
  build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    minify: true,
    write: false,
    logLevel: 'warning',
    plugins: [englishOnly, lazyChildProcess, ...plugins],
    define: { RUNBOOK_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__runbookModuleUrl' },
    // The file is the module function itself (what Node's Module.wrap would make of it), so
    // bin/runbook.js compiles it as read, without copying half a megabyte into a wrapped string.
    banner: { js: "(function (exports, require, module, __filename, __dirname) {\nconst __runbookModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    footer: { js: '})' },
  });

const [read, full] = await Promise.all([
  bundle('src/cli/main.ts', join(outdir, 'read.cjs'), [leaveOutCommands]),
  bundle('src/cli/main.ts', join(outdir, 'cli.cjs'), []),
]);

/** Writes by rename, so no reader sees half a file. */
function replaceFile(path, contents) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, path);
}

mkdirSync(outdir, { recursive: true });
// Older layouts and the code caches of older bundles.
for (const name of readdirSync(outdir)) {
  if (name === 'chunks' || name === 'cli.js' || name === 'cli.js.map' || name.endsWith('.cache')) rmSync(join(outdir, name), { recursive: true, force: true });
}
const resolveModule = createRequire(import.meta.url).resolve;
for (const [from, name] of [...WASM_FILES, ...LIBRARY_FILES]) copyFileSync(resolveModule(from), join(outdir, name));
// Maps first and cli.cjs last: see the top.
const files = [...read.outputFiles, ...full.outputFiles].sort((a, b) => Number(a.path.endsWith('cli.cjs')) - Number(b.path.endsWith('cli.cjs')) || Number(a.path.endsWith('.cjs')) - Number(b.path.endsWith('.cjs')));
for (const file of files) {
  if (!file.path.endsWith('.cjs')) {
    replaceFile(file.path, file.contents);
    continue;
  }
  // bin/runbook.js runs a bundle through vm.Script, which has no loader for import().
  if (/\bimport\(/.test(file.text)) throw new Error(`dist/${basename(file.path)} must not contain a dynamic import()`);
  replaceFile(file.path, toAscii(file.text));
}

// The first run of a bundle writes its code cache, with the functions that run compiled: make it
// a plan of the shipped runbook for read.cjs, and for cli.cjs a real run of a one-step runbook
// (parse, shell, the run session, a command, its checks, the record), in a folder removed after.
const warm = (args, cwd = root) => execFileSync(process.execPath, [join(root, 'bin', 'runbook.js'), ...args], { cwd, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
warm(['plan', join(root, 'runbooks', 'rollback.md')]);
const warmDir = mkdtempSync(join(tmpdir(), 'runbook-build-'));
try {
  writeFileSync(join(warmDir, 'warm.md'), '# Warm up\n\n## 1. Say hello\n\n```bash\necho hello | grep hello\n```\n\nExpected: `stdout contains "hello"`\n');
  warm(['exec', 'warm.md', '--record', join(warmDir, 'record.md')], warmDir);
} catch {
  // A cache is an optimisation: a machine where the warm-up cannot run builds without one.
} finally {
  rmSync(warmDir, { recursive: true, force: true });
}
