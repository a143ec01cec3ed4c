// The environment variable that can give a param its value, and the one a command reads it
// from: `RUNBOOK_` and the name upper-cased, with every character that is not A–Z, 0–9 or `_`
// replaced by `_` (one `_` per character, so `größe` → `RUNBOOK_GR_SSE`). Only such names can be
// set from a shell (`export RUNBOOK_…=`). Two params whose names give the same variable are a
// lint error (env-name-collision). Params are exported under these names only, never under
// their bare names: a param called `path` must not replace PATH (issue 10).

export function paramEnvName(name: string): string {
  return `RUNBOOK_${commandEnvName(name)}`;
}

/** The same rule without the prefix. */
export function commandEnvName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9_]/gu, '_');
}

/** The engine's references to values in the commands it runs: RUNBOOK_VALUE_1, _2… */
export const VALUE_VARIABLE_PATTERN = /^RUNBOOK_VALUE_/;

// Variables that change how a shell or the programs it starts behave, whatever the command
// says: never set from a value. (Variables already in the caller's environment are theirs too.)
const PROTECTED = new Set(['PATH', 'BASH_ENV', 'ENV', 'SHELLOPTS', 'BASHOPTS', 'IFS', 'CDPATH', 'GLOBIGNORE', 'PROMPT_COMMAND', 'PS4', 'BASH_XTRACEFD', 'HOME', 'SHELL', 'NODE_OPTIONS', 'PYTHONPATH', 'PERL5OPT', 'RUBYOPT']);
const PROTECTED_PREFIX = /^(?:LD_|DYLD_|BASH_FUNC_|RUNBOOK_)/;

/** A variable no value may set: the shell's own settings, the loader's, and the engine's. */
export function isProtectedEnvName(name: string): boolean {
  return PROTECTED.has(name) || PROTECTED_PREFIX.test(name);
}
