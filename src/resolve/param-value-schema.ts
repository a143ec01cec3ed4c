// A zod schema per parameter, built from its frontmatter declaration. Values stay strings (they
// are inserted into commands); booleans are normalised to `true`/`false`.
import { z } from 'zod';
import type { Param } from '../model/runbook.js';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

export type ParamValueSchema = z.ZodType<string, string>;

/** The schema, or why the declaration itself is unusable (a pattern that is not a regex). */
export function paramValueSchema(param: Param): { schema: ParamValueSchema } | { error: string } {
  const checks: { test: (value: string) => boolean; expected: string }[] = [];
  if (param.type === 'number') checks.push({ test: (v) => NUMBER.test(v), expected: 'a number' });
  if (param.type === 'integer') checks.push({ test: (v) => INTEGER.test(v), expected: 'an integer' });
  if (param.type === 'boolean') {
    checks.push({ test: (v) => TRUE.has(v.toLowerCase()) || FALSE.has(v.toLowerCase()), expected: 'true or false (yes/no, on/off, 1/0)' });
  }
  if (param.enum && param.enum.length > 0) {
    const allowed = new Set(param.enum);
    checks.push({ test: (v) => allowed.has(v), expected: `one of ${param.enum.join(', ')}` });
  }
  if (param.pattern !== undefined) {
    let regex: RegExp;
    try {
      // Whole-value match: `v\d+` must not accept `xv1y`.
      regex = new RegExp(`^(?:${param.pattern})$`);
    } catch (error) {
      return { error: `its pattern /${param.pattern}/ is not a valid regular expression (${(error as Error).message})` };
    }
    checks.push({ test: (v) => regex.test(v), expected: `a value matching /${param.pattern}/` });
  }
  const schema = z
    .string()
    .superRefine((value, ctx) => {
      for (const check of checks) {
        if (!check.test(value)) {
          ctx.addIssue({ code: 'custom', message: check.expected });
          return;
        }
      }
    })
    .transform((value) => (param.type === 'boolean' ? String(TRUE.has(value.toLowerCase())) : value));
  return { schema };
}
