// A capture is a value like any other (SPEC §2): never empty unless its name is declared with
// `allowEmpty: true`, no NUL, and within its declaration (pattern, enum, type) when it has one.
// Checked when the step that makes it ends, so it fails there, before any command uses it.
import type { Param } from '../model/runbook.js';
import { paramValueSchema } from './param-value-schema.js';

export function checkCapture(name: string, value: string, params: readonly Param[]): { value: string } | { problem: string } {
  const param = params.find((p) => p.name === name && p.declared);
  if (value.includes('\0')) return { problem: `<${name}> came out holding a NUL byte, which no command can be given` };
  if (value === '' && param?.allowEmpty !== true) return { problem: `<${name}> came out empty: a later command would run with nothing in its place (declare it with \`allowEmpty: true\` if empty is right)` };
  const built = param ? paramValueSchema(param) : undefined;
  if (built && 'schema' in built) {
    const parsed = built.schema.safeParse(value);
    if (!parsed.success) return { problem: `<${name}> came out as a value that must be ${parsed.error.issues[0]?.message ?? 'valid'}` };
    return { value: parsed.data };
  }
  return { value };
}
