import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { isShellParserLoaded, loadShellParser, parseTree, SHIPPED } from '../../src/shell/load-shell-parser.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository, so the bundle finds node_modules the way dist/cli.cjs does.
const work = mkdtempSync(join(repo, 'dist', 'shell-parser-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('loadShellParser', () => {
  it('loads once, however often it is asked', async () => {
    const first = loadShellParser();
    expect(loadShellParser()).toBe(first);
    await first;
    expect(isShellParserLoaded()).toBe(true);
    const tree = parseTree('echo hi');
    expect(tree.rootNode.type).toBe('program');
    tree.delete();
  });

  it('works from a CommonJS bundle built as the CLI is built, with no dynamic import left in it', async () => {
    mkdirSync(work, { recursive: true });
    const outfile = join(work, 'cli.cjs');
    const result = await build({
      absWorkingDir: repo,
      stdin: {
        contents: `import { loadShellParser, parseTree } from './src/shell/load-shell-parser.ts';
          import { analyzeShell } from './src/shell/analyze-shell.ts';
          try { parseTree('echo hi'); } catch (error) { process.stdout.write(error.message + '\\n'); }
          loadShellParser().then(() => { const a = analyzeShell('sudo systemctl restart <unit> | tee "<log>"'); process.stdout.write(JSON.stringify(a.ok && a.placeholders.map((p) => p.context.quoting))); });`,
        resolveDir: repo,
        loader: 'ts',
      },
      outfile,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      write: true,
      logLevel: 'error',
      define: { 'import.meta.url': '__runbookModuleUrl' },
      banner: { js: "const __runbookModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
      metafile: true,
    });
    expect(Object.keys(result.metafile.inputs).some((input) => input.includes('web-tree-sitter'))).toBe(false);
    const printed = 'the shell parser is not loaded: await loadShellParser() first\n["unquoted","double-quoted"]';
    expect(execFileSync(process.execPath, [outfile], { encoding: 'utf8' })).toBe(printed);

    // As published: no node_modules anywhere above, the parser's files beside the bundle, as the build copies them.
    const alone = mkdtempSync(join(tmpdir(), 'shell-parser-alone-'));
    try {
      copyFileSync(outfile, join(alone, 'cli.cjs'));
      for (const name of Object.values(SHIPPED)) copyFileSync(join(repo, 'dist', name), join(alone, name));
      expect(execFileSync(process.execPath, [join(alone, 'cli.cjs')], { encoding: 'utf8', cwd: alone })).toBe(printed);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});
