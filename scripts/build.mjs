// Bundles src/ into one CommonJS file, dist/cli.cjs, and warms a V8 code cache for it, so that
// `runbook plan` costs little more than starting Node (SPEC §5). Commands stay lazy inside the
// bundle: `plan` never initialises listr2, execa or Handlebars. Runs on `npm install` (prepare)
// and before the tests. Files are replaced by rename, so a CLI started during a build never
// reads a half-written file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outdir = join(root, 'dist');
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile: join(outdir, 'cli.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  write: false,
  logLevel: 'warning',
  define: { RUNBOOK_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__runbookModuleUrl' },
  banner: { js: "const __runbookModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

for (const file of result.outputFiles) {
  // bin/runbook.js runs the bundle through vm.Script, which has no loader for import().
  if (file.path.endsWith('.cjs') && /\bimport\(/.test(file.text)) throw new Error('dist/cli.cjs must not contain a dynamic import()');
  mkdirSync(dirname(file.path), { recursive: true });
  const temp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temp, file.contents);
  renameSync(temp, file.path);
}
// Older layouts and caches of an older bundle.
for (const name of readdirSync(outdir)) {
  if (name === 'chunks' || name === 'cli.js' || name === 'cli.js.map' || name.endsWith('.cache')) rmSync(join(outdir, name), { recursive: true, force: true });
}
// The first run writes the code cache; make it a plan of the shipped runbook, so the parser's
// functions are in it too.
execFileSync(process.execPath, [join(root, 'bin', 'runbook.js'), 'plan', join(root, 'runbooks', 'rollback.md')], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
