// Runs many small scripts in one real bash, each sourced in its own subshell so a syntax error
// or an unterminated heredoc in one cannot spill into the next. Values reach bash only through
// the environment, as the engine will pass them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BatchResult {
  outputs: string[];
  /** The folder the scripts ran in: a PWNED file there means a payload ran. */
  cwd: string;
}

// `cat` is a shell function that copies its files or stdin as cat does (no test output holds a
// NUL): what is under test is how bash reads the quoting around it, and a fork and exec of
// /bin/cat for each heredoc was most of a batch's time. A `bash -c` child runs the real one.
export const CAT_FUNCTION = `cat() {
  local text file
  if (($# == 0)); then IFS= read -r -d '' text; printf %s "$text"; return 0; fi
  for file; do IFS= read -r -d '' text <"$file"; printf %s "$text"; done
  return 0
}`;

/** Each script's output, in order; a script given as undefined is not run and its output is empty. */
export function runBashBatch(scripts: readonly (string | undefined)[], env: Readonly<Record<string, string>>): BatchResult {
  const cwd = mkdtempSync(join(tmpdir(), 'shell-batch-'));
  scripts.forEach((script, index) => script !== undefined && writeFileSync(join(cwd, `case-${index}.sh`), `${script}\n`));
  // A canary a payload such as `find -delete` would remove.
  writeFileSync(join(cwd, 'canary'), '');
  const driver = [CAT_FUNCTION, ...scripts.map((script, index) => (script === undefined ? `printf '\\0'` : `( . ./case-${index}.sh ) </dev/null 2>/dev/null; printf '\\0'`))].join('\n');
  const stdout = execFileSync('bash', ['-c', driver], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const outputs = stdout.split('\0');
  outputs.pop();
  return { outputs, cwd };
}
