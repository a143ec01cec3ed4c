// The bash side of a run's one session. Each command's bash sources this file through BASH_ENV
// before the command (so the command's own text, its line numbers and `$0` stay as written): it
// reads the session the engine sends on file descriptor 3 (variables, functions, aliases as bash
// statements, NUL-terminated) and evaluates it, and when the shell exits (normally, by `exit`,
// by errexit, or on a signal it can handle) it reports the session back on the same descriptor,
// then waits for the engine's one-byte answer: until then the shell lives, so the engine can
// still see which processes it started left its session. The format is read by shell-session.ts.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const namePrefixes = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_'].map((c) => `"\${!${c}@}"`).join(' ');

export const SESSION_PRELUDE = `# runbook: restores the run's session before a command and reports it when the shell exits.
if [[ -n \${__RUNBOOK_BASH_ENV+set} ]]; then BASH_ENV=$__RUNBOOK_BASH_ENV; builtin unset __RUNBOOK_BASH_ENV; else builtin unset BASH_ENV; fi
builtin exec {__runbook_fd}>&3 3>&-
builtin shopt -s expand_aliases
if [[ -n \${BASH_ENV-} ]]; then builtin source "$BASH_ENV" || :; fi
IFS= builtin read -r -d '' __runbook_state <&"$__runbook_fd" || :
builtin eval "$__runbook_state" || :
builtin unset __runbook_state
__runbook_report() {
  builtin unset -f __runbook_report
  builtin set +e +u +v +x
  builtin local __runbook_n __runbook_a
  {
    builtin printf 'c\\0%s\\0' "$PWD"
    if [[ -n \${OLDPWD+set} ]]; then builtin printf 'o\\0%s\\0' "$OLDPWD"; fi
    for __runbook_n in ${namePrefixes}; do
      case $__runbook_n in __runbook*) continue ;; esac
      __runbook_a=\${!__runbook_n@a}
      if [[ -R $__runbook_n || $__runbook_a == *[aA]* || ! -v $__runbook_n ]]; then
        builtin printf 'd\\0%s\\0' "$__runbook_n"; builtin declare -p "$__runbook_n"; builtin printf '\\0'
      else
        builtin printf 'v\\0%s\\0%s\\0%s\\0' "$__runbook_n" "$__runbook_a" "\${!__runbook_n}"
      fi
    done
    for __runbook_n in "\${!BASH_ALIASES[@]}"; do builtin printf 'a\\0%s\\0%s\\0' "$__runbook_n" "\${BASH_ALIASES[$__runbook_n]}"; done
    builtin printf 'f\\0'; builtin declare -pf; builtin printf '\\0'
    builtin printf 'e\\0'
  } >&"$__runbook_fd"
  IFS= builtin read -r -n 1 -t 30 __runbook_n <&"$__runbook_fd" || :
}
builtin trap '{ __runbook_report; } 2>/dev/null' EXIT
`;

/**
 * Writes the prelude into `dir` (the run's folder), readable by its owner only; returns its path.
 * BASH_ENV's value is expanded by bash before use, so a path with `$`, a backtick or a backslash
 * in it could run code: such a folder gets no session (undefined).
 */
export function writeSessionPrelude(dir: string): string | undefined {
  const path = join(dir, 'prelude.bash');
  if (/[$`\\]/.test(path)) return undefined;
  writeFileSync(path, SESSION_PRELUDE, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}
