// Frontmatter, YAML (`---`) or TOML (`+++`, as Hugo writes it), → runbook settings and declared
// params, each problem a positioned diagnostic. Both formats are read into the same fields.
import { parse as parseToml, TomlError } from 'smol-toml';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { z } from 'zod';
import type { Diagnostic, Param, Position } from '../model/runbook.js';
import { parseDuration, parseMatcher } from '../expect/parse-matcher.js';
import { suggestNearest } from '../format/suggest-nearest.js';
import { findLintRule, lintRuleIds } from '../lint/rules/index.js';
import { compileGatePattern } from '../gates/gate-patterns.js';

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

const REASON = 'expected a reason: why the rule does not apply to this runbook (the drill record shows it)';

/** `lint.ignore`: rules silenced in this runbook, each with its reason. */
export const lintSettingsSchema = z.object({
  ignore: z.array(z.object({
    rule: z.string().trim().superRefine((id, ctx) => {
      const rule = findLintRule(id);
      // An error stops `exec`; a runbook does not get to wave its own errors through.
      if (rule?.severity === 'error') ctx.addIssue({ code: 'custom', message: `lint rule \`${id}\` reports errors, which cannot be silenced: fix what it finds` });
      if (rule) return;
      const near = suggestNearest(id, lintRuleIds);
      ctx.addIssue({ code: 'custom', message: `unknown lint rule \`${id}\`${near ? `; did you mean \`${near}\`?` : ` (rules: ${lintRuleIds.join(', ')})`}` });
    }),
    reason: z.string({ error: REASON }).trim().min(1, REASON),
  }).strict()).default([]),
}).strict();

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
  lint: lintSettingsSchema.optional(),
  /** Regular expressions: a command that takes effect and matches one asks before it runs. */
  gates: z.array(z.string()).optional(),
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
  gates?: string[];
}

/** The text between the fences, read: its data, and where a key path was written. */
interface ReadData {
  data: unknown;
  /** An offset in the body → its position in the file. */
  at: (offset: number | undefined) => Position;
  locate: (path: readonly PropertyKey[]) => number | undefined;
  /** Where a declared param was written (YAML's found in one pass: `getIn` per name is quadratic). */
  locateParam: (name: string) => number | undefined;
}

export type FrontmatterFormat = 'yaml' | 'toml';

/**
 * The most frontmatter read: settings and params fit in a few kilobytes, and YAML is read at a few
 * hundred kilobytes a second (100,000 params took 5 s and 400 MB), so more is refused unread.
 */
export const MAX_FRONTMATTER_CHARS = 256 * 1024;

/** `value` is the text between the fences; `start` the position of the opening `---` or `+++`. */
export function readFrontmatter(value: string, start: Position, diagnostics: Diagnostic[], format: FrontmatterFormat = 'yaml'): Frontmatter {
  const empty: Frontmatter = { data: {}, params: [], env: {}, record: {} };
  if (value.length > MAX_FRONTMATTER_CHARS) {
    diagnostics.push({ severity: 'error', ruleId: 'frontmatter-too-large', message: `Frontmatter of ${value.length.toLocaleString('en')} characters, more than the ${MAX_FRONTMATTER_CHARS / 1024} KiB a runbook's settings may take; keep long data in a --vars file`, position: start });
    return empty;
  }
  const read = format === 'toml' ? readToml(value, start, diagnostics) : readYaml(value, start, diagnostics);
  if (read === undefined) return empty;
  const { data, at } = read;
  // A missing key (a `reason` left out) is pointed at by the nearest node that is there.
  const locate = (path: readonly PropertyKey[]): number | undefined => path.map((_, i) => read.locate(path.slice(0, path.length - i))).find((offset) => offset !== undefined);
  if (typeof data !== 'object' || Array.isArray(data) || data === null) {
    diagnostics.push({ severity: 'error', ruleId: `frontmatter-${format}`, message: 'Malformed frontmatter: expected a mapping of keys to values', position: start });
    return empty;
  }
  const parsed = frontmatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      diagnostics.push({
        severity: 'error',
        ruleId: 'frontmatter-schema',
        message: `Invalid frontmatter at \`${issue.path.join('.') || '(root)'}\`: ${issue.message}`,
        position: at(locate(issue.path)),
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
    const param: Param = { name, type: 'string', secret: false, declared: true, position: at(read.locateParam(name)), ...declaration } as Param;
    if (param.pattern !== undefined) {
      try {
        new RegExp(param.pattern, 'u');
      } catch {
        diagnostics.push({ severity: 'error', ruleId: 'frontmatter-schema', message: `Invalid pattern for param \`${name}\`: ${param.pattern}`, position: param.position ?? start });
      }
    }
    params.push(param);
  }
  (fm.gates ?? []).forEach((source, index) => {
    if (compileGatePattern(source)) return;
    diagnostics.push({ severity: 'error', ruleId: 'frontmatter-schema', message: `Invalid regular expression in \`gates\`: ${source}`, position: at(locate(['gates', index])) });
  });
  let timeoutMs: number | undefined;
  if (fm.timeout !== undefined) {
    timeoutMs = parseDuration(String(fm.timeout));
    if (timeoutMs === undefined) {
      diagnostics.push({ severity: 'error', ruleId: 'invalid-timeout', message: `Unexpected timeout \`${fm.timeout}\`, expected a duration such as 30s, 5m or 1h`, position: at(locate(['timeout'])) });
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
    ...(fm.gates !== undefined && { gates: fm.gates }),
  };
}

function omitName(value: { name: string } & Record<string, unknown>): Record<string, unknown> {
  const { name: _name, ...rest } = value;
  return rest;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function readYaml(value: string, start: Position, diagnostics: Diagnostic[]): ReadData | undefined {
  // yaml compares each key with every key before it in its map (quadratic in the number of
  // keys), so keys are checked here instead, with a set per map.
  const lines = new LineCounter();
  const document = parseDocument(value, { prettyErrors: false, uniqueKeys: false, lineCounter: lines });
  const at = (offset: number | undefined): Position => positionInYaml(lines, offset ?? 0, start);
  const errors = [...document.errors.map((error) => ({ message: firstLine(error.message), offset: error.pos[0] })), ...findDuplicateKeys(document)];
  if (errors.length > 0) {
    for (const error of errors) {
      diagnostics.push({ severity: 'error', ruleId: 'frontmatter-yaml', message: `Malformed frontmatter: ${error.message}`, position: at(error.offset) });
    }
    return undefined;
  }
  const declaredAt = paramOffsets(document);
  return {
    data: document.toJS() ?? {},
    at,
    locate: (path) => (document.getIn(path as (string | number)[], true) as { range?: [number, number, number] } | undefined)?.range?.[0],
    locateParam: (name) => declaredAt.get(name),
  };
}

function readToml(value: string, start: Position, diagnostics: Diagnostic[]): ReadData | undefined {
  try {
    const locate = (path: readonly PropertyKey[]): number | undefined => locateToml(value, path);
    return { data: parseToml(value), at: (offset) => positionInBody(value, offset ?? 0, start), locate, locateParam: (name) => locate(['params', name]) };
  } catch (error) {
    const message = error instanceof Error ? firstLine(error.message) : String(error);
    const position = error instanceof TomlError ? { line: start.line + error.line, column: error.column } : start;
    diagnostics.push({ severity: 'error', ruleId: 'frontmatter-toml', message: `Malformed frontmatter: ${message}`, position });
    return undefined;
  }
}

/** Where a key was written in TOML: `key =`, or the table header `[params.key]`, whichever comes first. */
function locateToml(value: string, path: readonly PropertyKey[]): number | undefined {
  const key = [...path].reverse().find((part): part is string => typeof part === 'string');
  if (key === undefined) return undefined;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(`^[ \\t]*(?:\\[{1,2}[ \\t]*(?:[\\w"-]+\\.)*"?${escaped}"?[ \\t]*\\]|"?${escaped}"?[ \\t]*=)`, 'm').exec(value);
  return found?.index;
}

/** Offsets inside the TOML body → file positions (the body starts on the line after its fence). */
function positionInBody(value: string, offset: number, start: Position): Position {
  const before = value.slice(0, Math.max(0, Math.min(offset, value.length)));
  const lines = before.split('\n');
  return { line: start.line + lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** The offset of each declared param's value, read in one pass (`getIn` per name is quadratic). */
function paramOffsets(document: Document.Parsed): Map<string, number | undefined> {
  const offsets = new Map<string, number | undefined>();
  const params = document.get('params', true);
  if (!isMap(params)) return offsets;
  for (const pair of params.items) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const node = pair.value as { range?: [number, number, number] } | null;
    if (!offsets.has(name)) offsets.set(name, node?.range?.[0]);
  }
  return offsets;
}

/** A key repeated in one map, as yaml itself would report it with `uniqueKeys` on. */
function findDuplicateKeys(document: Document.Parsed): { message: string; offset: number | undefined }[] {
  const found: { message: string; offset: number | undefined }[] = [];
  visit(document, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        // yaml counts keys equal when they are the same node or scalars of the same value.
        const key: unknown = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) found.push({ message: 'Map keys must be unique', offset: (pair.key as { range?: [number, number, number] } | null)?.range?.[0] });
        else seen.add(key);
      }
    },
  });
  return found;
}

/** Offsets inside the YAML body → file positions (the body starts on the line after `---`). */
function positionInYaml(lines: LineCounter, offset: number, start: Position): Position {
  const { line, col } = lines.linePos(offset);
  return { line: start.line + line, column: col };
}
