// Checks a record template against the context schema before a run starts, so a typo in a
// team's own template (`{{operatr}}`) is a clear error with a position, not a failed record
// written after a forty-minute drill. Walks the Handlebars AST; never renders anything.
import Handlebars from 'handlebars';
import type { z } from 'zod';
import { recordContextSchema } from './record-context.js';
import { suggestNearest as suggest } from '../format/suggest-nearest.js';
import { recordHelpers } from './record-helpers.js';

export interface TemplateDiagnostic {
  kind: 'unknown-field' | 'unknown-helper' | 'syntax' | 'unsupported';
  message: string;
  /** The path or helper as written. */
  name: string | null;
  /** 1-based, as editors count. */
  line: number;
  column: number;
  suggestion: string | null;
}

/** Thrown by `renderRecord` for a template that does not fit the context. */
export class TemplateError extends Error {
  readonly diagnostics: TemplateDiagnostic[];
  constructor(diagnostics: TemplateDiagnostic[], source = 'record template') {
    super(`Invalid ${source}:\n${diagnostics.map((d) => `  ${d.message}`).join('\n')}`);
    this.name = 'TemplateError';
    this.diagnostics = diagnostics;
  }
}

const builtinHelpers = ['if', 'unless', 'each', 'with', 'lookup', 'log'];
const contextChangingHelpers = new Set(['each', 'with']);
const dataVariables = new Set(['index', 'key', 'first', 'last', 'level']);

/** `ANY`: a value whose shape is not known statically (after `lookup`, or below an error). */
const ANY = Symbol('any');
const INDEX = Symbol('index');
type Shape = z.ZodType | typeof ANY | typeof INDEX;

interface Scope {
  shape: Shape;
  blockParams: Map<string, Shape>;
}

// Zod 4 keeps a schema's structure in `_zod.def`; only the parts read here are typed.
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  getter?: () => z.ZodType;
}
const defOf = (schema: z.ZodType): Def => schema._zod.def as unknown as Def;

function unwrap(shape: Shape): Shape {
  let s = shape;
  for (let i = 0; i < 20 && typeof s !== 'symbol'; i++) {
    const def = defOf(s);
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else if (def.type === 'lazy' && def.getter) s = def.getter();
    else break;
  }
  return s;
}

/** The shape of `shape[key]`, or undefined when the schema has no such field. */
function child(shape: Shape, key: string): Shape | undefined {
  const s = unwrap(shape);
  if (s === ANY) return ANY;
  if (s === INDEX) return undefined;
  const def = defOf(s);
  switch (def.type) {
    case 'object':
      return def.shape && Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
    case 'record':
      return def.valueType ?? ANY;
    case 'array':
    case 'string':
      return key === 'length' ? INDEX : undefined;
    case 'union':
      for (const option of def.options ?? []) {
        const found = child(option, key);
        if (found !== undefined) return found;
      }
      return undefined;
    case 'any':
    case 'unknown':
      return ANY;
    default:
      return undefined;
  }
}

/** The shape of one item when iterating `shape` with `#each`. */
function itemOf(shape: Shape): Shape {
  const s = unwrap(shape);
  if (typeof s === 'symbol') return ANY;
  const def = defOf(s);
  if (def.type === 'array' && def.element) return def.element;
  if (def.type === 'record' && def.valueType) return def.valueType;
  return ANY;
}

function keysOf(shape: Shape): string[] {
  const s = unwrap(shape);
  if (typeof s === 'symbol') return [];
  const def = defOf(s);
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  if (def.type === 'array') return ['length'];
  return [];
}

function isKind(shape: Shape, type: string): boolean {
  const s = unwrap(shape);
  return typeof s !== 'symbol' && defOf(s).type === type;
}

/**
 * Handlebars reports structural errors with `lineNumber`/`column` (0-based column) and grammar
 * errors as "Parse error on line N:" followed by an excerpt and "Expecting …, got …".
 */
function syntaxDiagnostic(error: unknown): TemplateDiagnostic {
  const e = error as { message?: unknown; lineNumber?: unknown; column?: unknown };
  const text = typeof e?.message === 'string' ? e.message : String(error);
  const lines = text.split('\n');
  const line = typeof e.lineNumber === 'number' ? e.lineNumber : Number(/on line (\d+)/.exec(text)?.[1] ?? 1);
  const column = typeof e.column === 'number' ? e.column + 1 : null;
  const reason = (lines.find((l) => /^Expecting\b/.test(l)) ?? lines[0] ?? text).replace(/ - \d+:\d+$/, '').trim();
  const where = column === null ? `line ${line}` : `line ${line}, column ${column}`;
  return { kind: 'syntax', message: `Template syntax error at ${where}: ${reason}`, name: null, line, column: column ?? 1, suggestion: null };
}

type Node = hbs.AST.Node;
type Path = hbs.AST.PathExpression;

export interface ValidateTemplateOptions {
  schema?: z.ZodType;
  helpers?: string[];
}

/**
 * Every field path, helper and block the template uses, checked against the context schema.
 * Returns diagnostics (empty: the template is fine), each with a 1-based line and column.
 */
export function validateTemplate(templateText: string, options: ValidateTemplateOptions = {}): TemplateDiagnostic[] {
  const root: Shape = options.schema ?? recordContextSchema;
  const helpers = new Set([...builtinHelpers, ...(options.helpers ?? Object.keys(recordHelpers))]);
  const diagnostics: TemplateDiagnostic[] = [];

  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(templateText);
  } catch (error) {
    return [syntaxDiagnostic(error)];
  }

  const report = (kind: TemplateDiagnostic['kind'], node: Node, what: string, name: string | null, suggestion: string | null = null): void => {
    const line = node.loc?.start.line ?? 1;
    const column = (node.loc?.start.column ?? 0) + 1;
    const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
    diagnostics.push({ kind, message: `${what} at line ${line}, column ${column}${hint}`, name, line, column, suggestion });
  };

  /** Resolves a field path in the current scopes; reports and returns ANY when it does not exist. */
  const resolvePath = (path: Path, scopes: Scope[]): Shape => {
    const parts = path.parts;
    const fail = (at: Shape, segment: string): Shape => {
      report('unknown-field', path, `Unknown field "${path.original}"`, path.original, suggest(segment, keysOf(at)));
      return ANY;
    };
    const walk = (start: Shape, rest: string[]): Shape => {
      let shape = start;
      for (const part of rest) {
        const next = child(shape, part);
        if (next === undefined) return fail(shape, part);
        shape = next;
      }
      return shape;
    };

    if (path.data) {
      const [head, ...rest] = parts;
      if (head === 'root') return walk(root, rest);
      if (head !== undefined && dataVariables.has(head) && rest.length === 0) return INDEX;
      report('unknown-field', path, `Unknown data variable "${path.original}"`, path.original);
      return ANY;
    }
    const scoped = /^\.|^this\b/.test(path.original);
    const head = parts[0];
    if (!scoped && path.depth === 0 && head !== undefined) {
      for (let i = scopes.length - 1; i >= 0; i--) {
        const bound = scopes[i]?.blockParams.get(head);
        if (bound !== undefined) return walk(bound, parts.slice(1));
      }
    }
    const scope = scopes[scopes.length - 1 - path.depth];
    if (scope === undefined) {
      report('unknown-field', path, `Field "${path.original}" climbs above the top of the context`, path.original);
      return ANY;
    }
    return walk(scope.shape, parts);
  };

  const checkExpression = (node: Node, scopes: Scope[]): Shape => {
    switch (node.type) {
      case 'PathExpression':
        return resolvePath(node as Path, scopes);
      case 'SubExpression':
        checkCall(node as hbs.AST.SubExpression, scopes);
        return ANY;
      default:
        return ANY; // literals
    }
  };

  const checkArgs = (params: hbs.AST.Expression[], hash: hbs.AST.Hash | undefined, scopes: Scope[]): Shape[] => {
    const shapes = params.map((p) => checkExpression(p, scopes));
    for (const pair of hash?.pairs ?? []) checkExpression(pair.value, scopes);
    return shapes;
  };

  const checkHelperName = (path: Path): boolean => {
    if (helpers.has(path.original)) return true;
    report('unknown-helper', path, `Unknown helper "${path.original}"`, path.original, suggest(path.original, [...helpers]));
    return false;
  };

  const checkCall = (node: hbs.AST.SubExpression | hbs.AST.MustacheStatement, scopes: Scope[]): void => {
    if (node.path.type === 'PathExpression') checkHelperName(node.path as Path);
    checkArgs(node.params, node.hash, scopes);
  };

  const isSimpleName = (path: Path): boolean => !path.data && path.depth === 0 && path.parts.length === 1 && !/^\.|^this\b/.test(path.original);

  const visitProgram = (p: hbs.AST.Program | undefined, scopes: Scope[]): void => {
    for (const statement of p?.body ?? []) visitStatement(statement, scopes);
  };

  const visitStatement = (node: Node, scopes: Scope[]): void => {
    switch (node.type) {
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        if (m.path.type !== 'PathExpression') return;
        const path = m.path as Path;
        const isCall = m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0 || (isSimpleName(path) && helpers.has(path.original));
        if (isCall) checkCall(m, scopes);
        else resolvePath(path, scopes);
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const path = b.path;
        const blockParams = b.program?.blockParams ?? [];
        const enter = (shape: Shape, item: Shape): Scope[] => [
          ...scopes,
          { shape, blockParams: new Map<string, Shape>(blockParams.map((name, i) => [name, i === 0 ? item : INDEX])) },
        ];
        if (isSimpleName(path) && helpers.has(path.original)) {
          const [subject] = checkArgs(b.params, b.hash, scopes);
          if (contextChangingHelpers.has(path.original)) {
            const target = subject ?? ANY;
            const inner = path.original === 'each' ? itemOf(target) : target;
            visitProgram(b.program, enter(inner, inner));
          } else {
            visitProgram(b.program, scopes);
          }
          visitProgram(b.inverse, scopes);
          return;
        }
        if (b.params.length > 0 || (b.hash?.pairs.length ?? 0) > 0) {
          checkHelperName(path);
          checkArgs(b.params, b.hash, scopes);
          visitProgram(b.program, scopes);
          visitProgram(b.inverse, scopes);
          return;
        }
        // `{{#steps}}…{{/steps}}`: a field used as a block iterates an array, enters an object.
        const shape = resolvePath(path, scopes);
        if (isKind(shape, 'array')) visitProgram(b.program, enter(itemOf(shape), itemOf(shape)));
        else if (isKind(shape, 'object')) visitProgram(b.program, enter(shape, shape));
        else visitProgram(b.program, scopes);
        visitProgram(b.inverse, scopes);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        report('unsupported', node, 'Partials are not supported in record templates', null);
        return;
      case 'Decorator':
      case 'DecoratorBlock':
        report('unsupported', node, 'Decorators are not supported in record templates', null);
        return;
      default:
        return; // content and comments
    }
  };

  visitProgram(program, [{ shape: root, blockParams: new Map() }]);
  return diagnostics;
}
