// `--set name=value`: split at the first `=`, so values may hold `=` themselves (`--set q=a=b`).

export type SetFlag = { name: string; value: string } | { error: string };

export function parseSetFlag(raw: string): SetFlag {
  const at = raw.indexOf('=');
  if (at === -1) return { error: `expected name=value, got ${JSON.stringify(raw)} (no "=")` };
  const name = raw.slice(0, at).trim();
  if (name === '') return { error: `expected name=value, got ${JSON.stringify(raw)} (no name before "=")` };
  return { name, value: raw.slice(at + 1) };
}
