// The command line run in this process (src/cli/program.ts), for the many cases that check what a
// command prints and its exit code: the code the built CLI runs, without starting a process for
// each. Its environment, working folder and output are the test's for the call, then restored.
// The spawned CLI (run-cli.ts) keeps a few cases per command, for the process as users run it.
import { runCommandLine } from '../../src/cli/program.js';
import { type CliResult, repoRoot } from './run-cli.js';

type Write = typeof process.stdout.write;

export async function runCliInProcess(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  const saved = { env: { ...process.env }, cwd: process.cwd(), exitCode: process.exitCode, stdout: process.stdout.write, stderr: process.stderr.write };
  const output = { stdout: '', stderr: '' };
  const capture = (stream: keyof typeof output): Write =>
    ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
      output[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as Write;
  try {
    for (const [name, value] of Object.entries({ NO_COLOR: '1', CI: '1', ...options.env })) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    process.chdir(options.cwd ?? repoRoot);
    process.stdout.write = capture('stdout');
    process.stderr.write = capture('stderr');
    const code = await runCommandLine([process.execPath, 'runbook', ...args]);
    return { code, ...output };
  } finally {
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    process.chdir(saved.cwd);
    process.exitCode = saved.exitCode;
    for (const name of Object.keys(process.env)) if (!(name in saved.env)) delete process.env[name];
    Object.assign(process.env, saved.env);
  }
}
