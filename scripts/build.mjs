// Bundles src/ into dist/ with code splitting, so each command loads only what it needs:
// `runbook plan` never loads listr2 or execa. Runs on `npm install` (prepare) and before tests.
import { build } from 'esbuild';
import { rmSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
rmSync(new URL('dist', root), { recursive: true, force: true });
await build({
  absWorkingDir: root.pathname,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  logLevel: 'warning',
  define: { RUNBOOK_VERSION: JSON.stringify(pkg.version) },
  // CommonJS dependencies bundled into ESM need a real `require`.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
});
