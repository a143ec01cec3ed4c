// Secrets never reach a screen, a journal, a log or a record: every text shown passes through here,
// before it is cut. A cut made after masking can only split `***`; a cut that must be made in raw
// text (a window of a long line, the head and tail kept of a huge output) asks `safeEnd` and
// `safeStart` where it may fall without leaving a piece of a secret on either side.

const secretName = /(TOKEN|PASSWORD|PASSWD|SECRET|KEY|CREDENTIAL|PRIVATE|AUTH)/i;
const MASK = '***';
/**
 * Environment values named like secrets are masked from this length on: shorter ones (`true`,
 * `1`, `yes`) are flags, and masking them would hide those words everywhere. Declared secrets
 * (`secret: true` params) are masked whatever their length.
 */
export const MIN_ENV_SECRET = 8;
/** Shorter lines of a multi-line secret (`-----END…`, blank) are too common to hide. */
const MIN_SECRET_LINE = 8;
/**
 * The characters tokens are made of. A run of them at a cut may be the start or the end of a
 * token whose shape only shows whole, so a cut never keeps one unless it is longer than this.
 */
const TOKEN_CHARS = /[A-Za-z0-9._~+/=-]/;
const TOKEN_REACH = 4096;

/**
 * Values that look like credentials whoever printed them: GitHub, GitLab, Slack, AWS and npm
 * tokens, JWTs, and `Authorization: Bearer …` headers. The shortest is 16 characters past its
 * prefix (AWS), the Bearer value 16.
 */
const tokenShapes = [
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{40,}\b/g,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
  /(?<=\b[Bb]earer\s+)[A-Za-z0-9._~+/-]{16,}=*/g,
];

export interface Mask {
  (text: string): string;
  /**
   * Where raw `text` may be cut at its end: what follows could be the start of a secret still to
   * arrive (or of one cut off), so it is held back or dropped. `text.length` when nothing is.
   */
  safeEnd?: (text: string) => number;
  /** Where raw `text` may start: what comes before could be the end of a secret cut off. */
  safeStart?: (text: string) => number;
  /** The secret or token in whole raw `text` that a cut at `at` would split, if any. */
  spanAt?: (text: string, at: number) => { start: number; end: number } | undefined;
}

/** Values of environment variables whose names look secret (API_TOKEN, DB_PASSWORD, AWS_SECRET_ACCESS_KEY…), from MIN_ENV_SECRET characters on. */
export function secretEnvValues(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => isSecretName(name) && value !== undefined && value.length >= MIN_ENV_SECRET)
    .map(([, value]) => value as string);
}

/** A variable name that says it holds a secret: `API_TOKEN`, `db_password`, `RUNBOOK_API_KEY`. */
export function isSecretName(name: string): boolean {
  return secretName.test(name);
}

/**
 * A function replacing every occurrence of each secret, and anything shaped like a token, with
 * `***`. A secret is also looked for as it reads once quoted into a command (`'it'\''s'`,
 * `p\"w`), and line by line, because output is shown one line at a time.
 */
export function createMask(secrets: Iterable<string>): Mask {
  const forms = [...secrets].filter((secret) => secret !== '').flatMap((secret) => [
    secret,
    secret.replaceAll("'", "'\\''"),
    secret.replace(/[\\"$`]/g, '\\$&'),
    secret.replace(/[\\$`]/g, '\\$&'),
    // As evidence quotes it (`does not contain "p\"w"`).
    JSON.stringify(secret).slice(1, -1),
    ...(secret.includes('\n') ? secret.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length >= MIN_SECRET_LINE) : []),
  ]);
  const values = [...new Set(forms)].sort((a, b) => b.length - a.length);
  // One pass per text: every block of every step's output goes through here, so the secrets and
  // the token shapes are one alternation rather than nine scans.
  const pattern = new RegExp([...values.map(escapeRegExp), ...tokenShapes.map((shape) => shape.source)].join('|'), 'g');
  const mask: Mask = (text) => text.replace(pattern, MASK);
  // Past this, a match around a cut is a run of token characters too long to hold back.
  const reach = TOKEN_REACH + (values[0]?.length ?? 0);
  const spanAt = (text: string, at: number): { start: number; end: number } | undefined => {
    for (const match of text.matchAll(pattern)) {
      if (match.index >= at) return undefined;
      if (match.index + match[0].length > at) return { start: match.index, end: match.index + match[0].length };
    }
    return undefined;
  };
  mask.spanAt = spanAt;
  mask.safeEnd = (text) => {
    let cut = text.length;
    // A proper prefix of a secret at the end: the rest of it may come next.
    const last = text.at(-1);
    for (const value of values) {
      for (let k = Math.min(value.length - 1, text.length); k > 0; k -= 1) {
        if (value[k - 1] === last && text.length - k < cut && text.endsWith(value.slice(0, k))) {
          cut = text.length - k;
          break;
        }
      }
    }
    cut = Math.min(cut, tokenRunStart(text, cut));
    // A whole secret that straddles the cut goes with what is held back.
    const span = spanAt(text, cut);
    return span !== undefined && cut - span.start <= reach ? span.start : cut;
  };
  mask.safeStart = (text) => {
    let cut = 0;
    const first = text[0];
    for (const value of values) {
      for (let k = Math.min(value.length - 1, text.length); k > 0; k -= 1) {
        if (value[value.length - k] === first && k > cut && text.startsWith(value.slice(-k))) {
          cut = k;
          break;
        }
      }
    }
    cut = Math.max(cut, tokenRunEnd(text, cut));
    const span = spanAt(text, cut);
    return span !== undefined && span.end - cut <= reach ? span.end : cut;
  };
  return mask;
}

/** Where a run of token characters that ends at `at` starts, unless it is longer than any token we would hide. */
function tokenRunStart(text: string, at: number): number {
  let start = at;
  while (start > 0 && at - start <= TOKEN_REACH && TOKEN_CHARS.test(text[start - 1] as string)) start -= 1;
  return at - start > TOKEN_REACH ? at : start;
}

function tokenRunEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length && end - at <= TOKEN_REACH && TOKEN_CHARS.test(text[end] as string)) end += 1;
  return end - at > TOKEN_REACH ? at : end;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
