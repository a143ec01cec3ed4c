// Bundles src/ into dist/ with code splitting, so each command loads only what it needs:
// `runbook plan` never loads listr2 or execa. Runs on `npm install` (prepare) and before tests.
// Files are replaced one by one (chunks first, the entry last, each by rename), so a CLI started
// while a build runs never finds a half-written dist/.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outdir = join(root, 'dist');
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  write: false,
  logLevel: 'warning',
  define: { RUNBOOK_VERSION: JSON.stringify(pkg.version) },
  // CommonJS dependencies bundled into ESM need a real `require`.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
});

const entry = join(outdir, 'cli.js');
const files = [...result.outputFiles].sort((a, b) => Number(a.path === entry) - Number(b.path === entry));
for (const file of files) {
  mkdirSync(dirname(file.path), { recursive: true });
  const temp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temp, file.contents);
  renameSync(temp, file.path);
}
const written = new Set(files.map((f) => relative(outdir, f.path)));
for (const name of readdirSync(join(outdir, 'chunks'))) {
  if (!written.has(join('chunks', name)) && !name.endsWith('.tmp')) rmSync(join(outdir, 'chunks', name), { force: true });
}
