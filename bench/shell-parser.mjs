#!/usr/bin/env node
// The shell parser's cost (src/shell): loading it in a fresh process, and each parse after that.
// `runbook plan` must stay within 2× `node -e 0` (SPEC §5), so the load is what matters most.
// Usage: node bench/shell-parser.mjs [--quick]. Timing lives here, never in tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const runs = quick ? 7 : 21;
// Built as the CLI is (CommonJS, in dist/ so that node_modules is found the same way).
const dir = join(repo, 'dist', `bench-shell-${process.pid}`);
const bundle = join(dir, 'shell.cjs');
mkdirSync(dir, { recursive: true });

const COMMANDS = [
  'kubectl describe deployment <deployment-name> | grep Image',
  'git tag --list "v*.*.*" | sort -V | tail -n 2 | head -n 1',
  'helm rollback <release-name> <revision-number>',
  "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: <name>\nEOF",
  'ssh <host> "sudo systemctl restart <unit>" && curl -fsS "https://<host>/healthz" || exit 1',
];

await build({
  absWorkingDir: repo,
  stdin: {
    resolveDir: repo,
    loader: 'ts',
    contents: `
      import { loadShellParser } from './src/shell/load-shell-parser.ts';
      import { analyzeShell } from './src/shell/analyze-shell.ts';
      import { parseShell } from './src/shell/parse-shell.ts';
      const commands = ${JSON.stringify(COMMANDS)};
      const mode = process.argv[2];
      if (mode === 'cold') {
        loadShellParser().then(() => { for (const c of commands) if (!analyzeShell(c).ok) process.exit(1); });
      } else if (mode === 'phases') {
        const t0 = performance.now();
        loadShellParser().then(() => {
          const t1 = performance.now();
          analyzeShell(commands[0]);
          const t2 = performance.now();
          const n = 400;
          for (let i = 0; i < n; i++) for (const c of commands) analyzeShell(c);
          const t3 = performance.now();
          for (let i = 0; i < n; i++) for (const c of commands) parseShell(c);
          const t4 = performance.now();
          process.stdout.write(JSON.stringify({ load: t1 - t0, first: t2 - t1, analyze: (t3 - t2) / (n * commands.length), parse: (t4 - t3) / (n * commands.length) }));
        });
      }
    `,
  },
  outfile: bundle,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'error',
  define: { 'import.meta.url': '__runbookModuleUrl' },
  banner: { js: "const __runbookModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = (args) => {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return { ms: performance.now() - start, stdout: result.stdout };
};

try {
  // Interleaved, so a busy moment of the machine weighs on each the same.
  const samples = { node: [], idle: [], cold: [] };
  time([bundle, 'cold']);
  for (let i = 0; i < runs; i++) {
    samples.node.push(time(['-e', '0']).ms);
    samples.idle.push(time([bundle, 'idle']).ms);
    samples.cold.push(time([bundle, 'cold']).ms);
  }
  const node = median(samples.node);
  const idle = median(samples.idle);
  const cold = median(samples.cold);
  const phases = Array.from({ length: quick ? 3 : 7 }, () => JSON.parse(time([bundle, 'phases']).stdout));
  const phase = (key) => median(phases.map((p) => p[key]));
  const line = (metric, value) => process.stdout.write(`  shell parser: ${metric} = ${value}\n`);
  line('`node -e 0` (median)', `${node.toFixed(1)} ms`);
  line('bundle loaded, parser not used (median)', `${idle.toFixed(1)} ms`);
  line(`load + analyse ${COMMANDS.length} commands, fresh process (median)`, `${cold.toFixed(1)} ms (+${(cold - idle).toFixed(1)} ms, ${(cold / node).toFixed(2)}× node)`);
  line('in process: load (median)', `${phase('load').toFixed(1)} ms`);
  line('in process: first analysis after load (median)', `${phase('first').toFixed(2)} ms`);
  line('per command: analyzeShell (placeholders, contexts) (median)', `${(phase('analyze') * 1000).toFixed(0)} µs`);
  line('per command: parseShell (median)', `${(phase('parse') * 1000).toFixed(0)} µs`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
