// The environment variable that can give a param its value: `RUNBOOK_` and the name upper-cased,
// with every character that is not A–Z, 0–9 or `_` replaced by `_` (one `_` per character, so
// `größe` → `RUNBOOK_GR_SSE`). Only such names can be set from a shell (`export RUNBOOK_…=`).
// Two params whose names give the same variable are a lint error (env-name-collision).

export function paramEnvName(name: string): string {
  return `RUNBOOK_${commandEnvName(name)}`;
}

/** The same rule without the prefix: the name a command's environment gives the value. */
export function commandEnvName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9_]/gu, '_');
}
