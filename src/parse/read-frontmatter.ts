// YAML frontmatter → runbook settings and declared params, each problem a positioned diagnostic.
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Diagnostic, Param, Position } from '../model/runbook.js';
import { parseDuration, parseMatcher } from '../expect/parse-matcher.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const paramDeclarationSchema = z.union([
  z.string().transform((description) => ({ description })),
  z.null().transform(() => ({})),
  z.object({
    description: z.string().optional(),
    default: scalar.optional(),
    pattern: z.string().optional(),
    enum: z.array(scalar).optional(),
    type: z.enum(['string', 'number', 'integer', 'boolean']).optional(),
    secret: z.boolean().optional(),
    allowEmpty: z.boolean().optional(),
    allowDash: z.boolean().optional(),
  }).strict(),
]);

const command = z.string().trim().min(1);

/** `preconditions:` checked before anything runs; `says` is a matcher (`stdout contains "staging"`). */
export const preconditionsSchema = z.array(z.object({
  command,
  says: z.string().trim().refine((m) => parseMatcher(m).kind === 'matcher', 'expected a matcher such as `stdout contains "staging"` or `exit 0`').optional(),
}).strict());

/** `facts:` read-only commands whose output says where the drill ran; a name is optional. */
export const factsSchema = z.array(z.union([command, z.object({ name: z.string().trim().min(1).optional(), command }).strict()]));

/** `record.versions`: the captures that hold the versions the record shows. */
export const recordVersionsSchema = z.object({ from: z.string().optional(), to: z.string().optional(), lastKnownGood: z.string().optional() }).strict();

const frontmatterSchema = z.object({
  title: z.string().optional(),
  params: z.union([
    z.record(z.string(), paramDeclarationSchema),
    z.array(z.object({ name: z.string() }).passthrough()),
  ]).optional(),
  env: z.record(z.string(), scalar).optional(),
  shell: z.string().optional(),
  cwd: z.string().optional(),
  timeout: z.union([z.string(), z.number()]).optional(),
  record: z.object({ template: z.string().optional(), dir: z.string().optional(), filename: z.string().optional(), versions: recordVersionsSchema.optional() }).strict().optional(),
  preconditions: preconditionsSchema.optional(),
  facts: factsSchema.optional(),
}).passthrough();

export interface Frontmatter {
  data: Record<string, unknown>;
  title?: string;
  params: Param[];
  env: Record<string, string>;
  shell?: string;
  cwd?: string;
  timeoutMs?: number;
  record: { template?: string; dir?: string; filename?: string; versions?: z.infer<typeof recordVersionsSchema> };
}

/** `value` is the YAML between the fences; `start` the position of the opening `---`. */
export function readFrontmatter(value: string, start: Position, diagnostics: Diagnostic[]): Frontmatter {
  const empty: Frontmatter = { data: {}, params: [], env: {}, record: {} };
  const document = parseDocument(value, { prettyErrors: false });
  const at = (offset: number | undefined): Position => positionInYaml(value, offset ?? 0, start);
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      diagnostics.push({ severity: 'error', ruleId: 'frontmatter-yaml', message: `Malformed frontmatter: ${firstLine(error.message)}`, position: at(error.pos[0]) });
    }
    return empty;
  }
  const data: unknown = document.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data) || data === null) {
    diagnostics.push({ severity: 'error', ruleId: 'frontmatter-yaml', message: 'Malformed frontmatter: expected a mapping of keys to values', position: start });
    return empty;
  }
  const parsed = frontmatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const node = document.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      diagnostics.push({
        severity: 'error',
        ruleId: 'frontmatter-schema',
        message: `Invalid frontmatter at \`${issue.path.join('.') || '(root)'}\`: ${issue.message}`,
        position: at(node?.range?.[0]),
      });
    }
    return { ...empty, data: data as Record<string, unknown> };
  }
  const fm = parsed.data;
  const params: Param[] = [];
  const declared = Array.isArray(fm.params)
    ? fm.params.map((p) => [p.name, paramDeclarationSchema.safeParse(omitName(p)).data ?? {}] as const)
    : Object.entries(fm.params ?? {});
  for (const [name, declaration] of declared) {
    const node = document.getIn(['params', name], true) as { range?: [number, number, number] } | undefined;
    const param: Param = { name, type: 'string', secret: false, declared: true, position: at(node?.range?.[0]), ...declaration } as Param;
    if (param.pattern !== undefined) {
      try {
        new RegExp(param.pattern, 'u');
      } catch {
        diagnostics.push({ severity: 'error', ruleId: 'frontmatter-schema', message: `Invalid pattern for param \`${name}\`: ${param.pattern}`, position: param.position ?? start });
      }
    }
    params.push(param);
  }
  let timeoutMs: number | undefined;
  if (fm.timeout !== undefined) {
    timeoutMs = parseDuration(String(fm.timeout));
    if (timeoutMs === undefined) {
      const node = document.get('timeout', true) as { range?: [number, number, number] } | undefined;
      diagnostics.push({ severity: 'error', ruleId: 'invalid-timeout', message: `Unexpected timeout \`${fm.timeout}\`, expected a duration such as 30s, 5m or 1h`, position: at(node?.range?.[0]) });
    }
  }
  return {
    data: data as Record<string, unknown>,
    ...(fm.title !== undefined && { title: fm.title }),
    params,
    env: fm.env ?? {},
    ...(fm.shell !== undefined && { shell: fm.shell }),
    ...(fm.cwd !== undefined && { cwd: fm.cwd }),
    ...(timeoutMs !== undefined && { timeoutMs }),
    record: fm.record ?? {},
  };
}

function omitName(value: { name: string } & Record<string, unknown>): Record<string, unknown> {
  const { name: _name, ...rest } = value;
  return rest;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** Offsets inside the YAML body → file positions (the body starts on the line after `---`). */
function positionInYaml(value: string, offset: number, start: Position): Position {
  const before = value.slice(0, Math.max(0, Math.min(offset, value.length)));
  const lines = before.split('\n');
  return { line: start.line + lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}
