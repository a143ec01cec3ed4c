// Command-line plumbing shared by the sandbox kubectl and helm: pflag-style flag parsing,
// JSONPath templates (the subset kubectl users write in scripts) and a YAML writer.

export class UsageError extends Error {}

/**
 * Parses argv the way spf13/pflag does: `--flag value`, `--flag=value`, `-f value`, `-fvalue`,
 * `-f=value`, boolean `--flag` / `--flag=false`, `--` ends the flags. Flags may come anywhere.
 * `spec` maps long names to { short?, value?: boolean, list?: boolean }: a list flag keeps every
 * value given, comma-separated or repeated, as pflag's StringSlice does.
 */
export function parseArgs(argv, spec) {
  const byShort = new Map();
  for (const [name, def] of Object.entries(spec)) if (def.short) byShort.set(def.short, name);
  const args = [];
  const flags = {};
  const set = (name, value) => {
    flags[name] = spec[name].list ? [...(flags[name] ?? []), ...value.split(',')] : value;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      const def = spec[name];
      if (!def) throw new UsageError(`unknown flag: --${name}`);
      if (def.value) {
        if (eq !== -1) set(name, a.slice(eq + 1));
        else if (i + 1 < argv.length) set(name, argv[++i]);
        else throw new UsageError(`flag needs an argument: --${name}`);
      } else {
        flags[name] = eq === -1 ? true : parseBool(a.slice(eq + 1), `--${name}`);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // A run of shorthands: -aA, or -nprod / -n=prod / -n prod for a value flag.
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const name = byShort.get(c);
        if (!name) throw new UsageError(`unknown shorthand flag: '${c}' in ${a}`);
        if (spec[name].value) {
          let rest = a.slice(j + 1);
          if (rest.startsWith('=')) rest = rest.slice(1);
          if (rest) set(name, rest);
          else if (i + 1 < argv.length) set(name, argv[++i]);
          else throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
          break;
        }
        flags[name] = true;
      }
      continue;
    }
    args.push(a);
  }
  return { args, flags };
}

function parseBool(v, flag) {
  if (['true', '1', 't', 'T', 'TRUE', 'True'].includes(v)) return true;
  if (['false', '0', 'f', 'F', 'FALSE', 'False'].includes(v)) return false;
  throw new UsageError(`invalid argument "${v}" for "${flag}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`);
}

/**
 * kubectl's `-o jsonpath=TEMPLATE`: literal text with {expressions}. Supports `.field`,
 * `['field']`, `[n]`, `[*]`, filters `[?(@.a.b=="x")]` (and `!=`) and `{"literal"}`; a missing
 * field is an error, as in kubectl, but a filter that matches nothing prints nothing.
 */
export function renderJsonPath(template, obj) {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open === -1) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = template.indexOf('}', open);
    if (close === -1) throw new UsageError(`error parsing jsonpath ${template}, unclosed action`);
    const expr = template.slice(open + 1, close).trim();
    out += evalExpr(expr, obj, template);
    i = close + 1;
  }
  return out;
}

function evalExpr(expr, obj, template) {
  if (/^".*"$/.test(expr)) return JSON.parse(expr);
  if (/^(range|end)\b/.test(expr)) {
    throw new UsageError(`error parsing jsonpath ${template}: the sandbox kubectl supports paths and filters only (.a.b[0].c, [*], [?(@.name=="x")])`);
  }
  let path = expr.startsWith('$') ? expr.slice(1) : expr;
  let values = [obj];
  const re = /^(?:\.([A-Za-z0-9_\-]+)|\['([^']*)'\]|\[(\d+)\]|\[\*\]|\.\*|\[\?\(@((?:\.[A-Za-z0-9_\-]+)+)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)')\)\])/;
  while (path.length) {
    const m = re.exec(path);
    if (!m) throw new UsageError(`error parsing jsonpath ${template}, unrecognized character in action: ${path}`);
    path = path.slice(m[0].length);
    const key = m[1] ?? m[2];
    const next = [];
    for (const v of values) {
      if (m[4] !== undefined) {
        // A filter keeps the array elements whose field compares as asked; an element without
        // the field is left out, as kubectl does.
        const wanted = m[6] ?? m[7];
        const fields = m[4].slice(1).split('.');
        const field = (item) => fields.reduce((o, f) => (o !== null && typeof o === 'object' && f in o ? o[f] : undefined), item);
        for (const item of Array.isArray(v) ? v : []) {
          const actual = field(item);
          if (actual === undefined) continue;
          if ((String(actual) === wanted) === (m[5] === '==')) next.push(item);
        }
      } else if (key !== undefined) {
        if (v !== null && typeof v === 'object' && !Array.isArray(v) && key in v) next.push(v[key]);
        else throw new UsageError(`error executing jsonpath "${template}": Error executing template: ${key} is not found.`);
      } else if (m[3] !== undefined) {
        const n = Number(m[3]);
        if (!Array.isArray(v) || n >= v.length) {
          throw new UsageError(`error executing jsonpath "${template}": Error executing template: array index out of bounds: index ${n}, length ${Array.isArray(v) ? v.length : 0}.`);
        }
        next.push(v[n]);
      } else if (Array.isArray(v)) {
        next.push(...v);
      } else if (v && typeof v === 'object') {
        next.push(...Object.values(v));
      }
    }
    values = next;
  }
  return values.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v))).join(' ');
}

/** YAML for API objects, keys sorted as sigs.k8s.io/yaml prints them. */
export function toYaml(value, indent = '') {
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []\n';
    return '\n' + value.map((v) => `${indent}-${isBlock(v) ? block(v, indent + '  ', true) : ' ' + scalar(v) + '\n'}`).join('');
  }
  if (isBlock(value)) return '\n' + block(value, indent, false);
  return ' ' + scalar(value) + '\n';
}

function isBlock(v) {
  return v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
}

function block(obj, indent, inList) {
  if (Array.isArray(obj)) return toYaml(obj, indent);
  const keys = Object.keys(obj).sort();
  return keys
    .map((k, i) => {
      const prefix = inList && i === 0 ? ' ' : indent;
      const v = obj[k];
      if (Array.isArray(v) && v.length) return `${prefix}${k}:${toYaml(v, indent)}`;
      if (isBlock(v)) return `${prefix}${k}:\n${block(v, indent + '  ', false)}`;
      return `${prefix}${k}: ${scalar(v)}\n`;
    })
    .join('');
}

function scalar(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[]';
  if (typeof v === 'object') return '{}';
  const s = String(v);
  const special = /^[\s\-?:,[\]{}#&*!|>'"%@`]|: | #|\s$|^(true|false|null|yes|no|on|off|y|n|~)$/i;
  const number = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
  const timestamp = /^\d{4}-\d\d?-\d\d?([Tt ]|$)/; // YAML would read these back as timestamps
  if (s === '' || special.test(s) || number.test(s) || timestamp.test(s)) {
    return JSON.stringify(s);
  }
  return s;
}
