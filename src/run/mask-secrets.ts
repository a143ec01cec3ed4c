// Secrets never reach a screen, a journal, a log or a record: every text shown passes through here.

const secretName = /(TOKEN|PASSWORD|PASSWD|SECRET|KEY|CREDENTIAL|PRIVATE|AUTH)/i;
const MASK = '***';
/** Shorter lines of a multi-line secret (`-----END…`, blank) are too common to hide. */
const MIN_SECRET_LINE = 8;

/**
 * Values that look like credentials whoever printed them: GitHub, GitLab, Slack, AWS and npm
 * tokens, JWTs, and `Authorization: Bearer …` headers.
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

export type Mask = (text: string) => string;

/** Values of environment variables whose names look secret (API_TOKEN, DB_PASSWORD, AWS_SECRET_ACCESS_KEY…); short values such as `true` are left alone, or every such word would be masked. */
export function secretEnvValues(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => secretName.test(name) && value !== undefined && value.length >= 8)
    .map(([, value]) => value as string);
}

/**
 * A function replacing every occurrence of each secret, and anything shaped like a token, with
 * `***`. A secret is also looked for as it reads once quoted into a command (`'it'\''s'`,
 * `p\"w`), and line by line, because output is masked one line at a time.
 */
export function createMask(secrets: Iterable<string>): Mask {
  const forms = [...secrets].flatMap((secret) => [
    secret,
    secret.replaceAll("'", "'\\''"),
    secret.replace(/[\\"$`]/g, '\\$&'),
    secret.replace(/[\\$`]/g, '\\$&'),
    ...(secret.includes('\n') ? secret.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length >= MIN_SECRET_LINE) : []),
  ]);
  const values = [...new Set(forms.filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length);
  // One pass per text: every line of every step's output goes through here, so the secrets and
  // the token shapes are one alternation rather than nine scans.
  const pattern = new RegExp([...values.map(escapeRegExp), ...tokenShapes.map((shape) => shape.source)].join('|'), 'g');
  return (text) => text.replace(pattern, MASK);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
