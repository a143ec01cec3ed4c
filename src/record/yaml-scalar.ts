// One value as a YAML flow scalar on one line, for the record's frontmatter. Whatever a value
// holds (a runbook path with `: `, a release name with quotes, line breaks, `---`), the line it
// sits on stays one key and one value. Pure.
//
// A string becomes a JSON string, which is a YAML 1.2 double-quoted scalar, except that JSON
// leaves some characters raw that YAML does not allow in a document (DEL, the C1 controls, the
// byte-order mark, U+FFFE and U+FFFF) or that YAML 1.1 readers take for line breaks (U+0085,
// U+2028, U+2029): those are written as `\uXXXX` escapes, which both read back unchanged.

const unsafe = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

export function yamlScalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (Array.isArray(value)) return `[${value.map(yamlScalar).join(', ')}]`;
  return JSON.stringify(String(value)).replace(unsafe, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
