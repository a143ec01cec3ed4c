// `--vars file.yaml|json` → a flat record of strings. YAML is a superset of JSON, so one parser
// reads both; scalars keep their source text, so `version: 1.10` stays "1.10", not "1.1".
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Position } from '../model/runbook.js';

export type VarsFile = { values: Record<string, string> } | { error: string; position?: Position };

export function loadVarsFile(text: string, fileName: string): VarsFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined): Position | undefined => {
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const kind = /\.json$/i.test(fileName) ? 'JSON' : 'YAML';
  const [problem] = doc.errors;
  if (problem) return { error: `Invalid ${kind}: ${problem.message}`, ...withPosition(at(problem.pos[0])) };

  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { values: {} };
  if (!isMap(root)) {
    return { error: `Expected a mapping of names to values at the top level, got ${describe(root)}`, ...withPosition(at(root.range?.[0])) };
  }
  const values: Record<string, string> = {};
  for (const pair of root.items) {
    const keyNode = pair.key;
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      return { error: `Expected a plain name as key, got ${describe(keyNode)}`, ...withPosition(at((keyNode as Node | null)?.range?.[0])) };
    }
    const key = String(keyNode.value);
    let node: unknown = pair.value;
    if (isAlias(node)) node = node.resolve(doc);
    const position = at(keyNode.range?.[0]);
    if (isScalar(node) && node.value !== null) {
      const value = node.value;
      if (typeof value === 'string') values[key] = value;
      else if (typeof value === 'number' || typeof value === 'bigint') values[key] = node.source ?? String(value);
      else if (typeof value === 'boolean') values[key] = String(value);
      else return { error: `Value of ${JSON.stringify(key)} is not a string, number or boolean`, ...withPosition(position) };
      continue;
    }
    if (node === null || node === undefined || isScalar(node)) {
      return { error: `${JSON.stringify(key)} has no value; expected a string, number or boolean (write "" for an empty string)`, ...withPosition(position) };
    }
    return {
      error: `${JSON.stringify(key)} is ${describe(node)}; expected a string, number or boolean (nested values are not supported)`,
      ...withPosition(position),
    };
  }
  return { values };
}

function withPosition(position: Position | undefined): { position?: Position } {
  return position ? { position } : {};
}

function describe(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'nothing' : `a single value (${String(node.value)})`;
  return 'something else';
}
