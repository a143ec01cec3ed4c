// Runs scripts in a real bash, as the executor will, so quoting is proven by the shell itself.
// Property tests check hundreds of scripts: starting a bash for each cost more than the checks
// (and timed out on a busy machine), so runBashBatch runs a whole batch in one bash.
import { execFileSync } from 'node:child_process';
import { CAT_FUNCTION } from '../shell/run-bash-batch.js';

export function runBash(script: string, cwd?: string, env: Readonly<Record<string, string>> = {}): string {
  return execFileSync('bash', ['-c', script], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
}

/** A script with the variables the engine would set for it (RUNBOOK_VALUE_n). */
export interface ScriptWithEnv {
  text: string;
  env: Readonly<Record<string, string>>;
}

export interface BatchOptions {
  cwd?: string;
  /**
   * Run each script in a subshell of its own, for scripts that may be malformed: one that
   * exits, fails an expansion or defines a function cannot reach the next. Without it the
   * scripts share the shell, which must then survive each of them.
   */
  isolate?: boolean;
}

// Each script comes on fd 3 as a NUL-terminated string and is run with eval, so a syntax error
// in one is that script's failure, not the batch's; its stdin is /dev/null. Each script's output
// is followed by a NUL (no value a test uses holds one). $1 is 1 to isolate. Before each script
// come the number of its variables and each as NAME=VALUE, NUL-terminated: they are exported
// for that script alone, as words (`export -- "$pair"`), never parsed as code, and unset after
// it (a subshell for each would double the forks, which are most of a batch's time).
// `cat` is the shell function of run-bash-batch.ts, which copies its files or stdin as cat does.
const HARNESS = `__batch_isolate=$1
${CAT_FUNCTION}
exec 3<&0 </dev/null
while IFS= read -r -d '' -u 3 __batch_count; do
  __batch_pairs=()
  for ((__batch_i = 0; __batch_i < __batch_count; __batch_i++)); do IFS= read -r -d '' -u 3 __batch_pair; __batch_pairs+=("$__batch_pair"); done
  IFS= read -r -d '' -u 3 __batch_script
  if [[ $__batch_isolate == 1 ]]; then (for __batch_pair in "\${__batch_pairs[@]}"; do export -- "$__batch_pair"; done; eval "$__batch_script")
  else
    for __batch_pair in "\${__batch_pairs[@]}"; do export -- "$__batch_pair"; done
    eval "$__batch_script"
    for __batch_pair in "\${__batch_pairs[@]}"; do unset -v "\${__batch_pair%%=*}"; done
  fi
  printf '\\0'
done`;

/**
 * The output of each script, in order, all run by one bash. Fewer outputs than scripts means the
 * shell itself died at the first script without one: the caller's comparison shows which.
 */
export function runBashBatch(scripts: readonly (string | ScriptWithEnv)[], options: BatchOptions = {}): string[] {
  const entries = scripts.map((script) => (typeof script === 'string' ? { text: script, env: {} } : script));
  for (const { text, env } of entries) if ([text, ...Object.values(env)].some((part) => part.includes('\0'))) throw new Error('a script cannot hold a NUL');
  const input = entries.map(({ text, env }) => [String(Object.keys(env).length), ...Object.entries(env).map(([name, value]) => `${name}=${value}`), text].map((part) => `${part}\0`).join('')).join('');
  let stdout: string;
  try {
    stdout = execFileSync('bash', ['-c', HARNESS, 'bash', options.isolate ? '1' : '0'], {
      cwd: options.cwd,
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
      // A safety net far above what a batch needs: a script that hangs fails its test with this.
      timeout: 90_000,
    });
  } catch (error) {
    const { stdout: partial, signal } = error as { stdout?: string; signal?: string };
    if (signal === 'SIGTERM') throw new Error(`bash did not finish the batch of ${scripts.length} scripts in 90 s`);
    stdout = partial ?? '';
  }
  return stdout.split('\0').slice(0, -1);
}
