// Secrets never reach a screen, a journal, a log or a record: every text shown passes through here.

const secretName = /(TOKEN|PASSWORD|PASSWD|SECRET|KEY|CREDENTIAL|PRIVATE|AUTH)/i;
const MASK = '***';

export type Mask = (text: string) => string;

/** Values of environment variables whose names look secret (API_TOKEN, DB_PASSWORD, AWS_SECRET_ACCESS_KEY…). */
export function secretEnvValues(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => secretName.test(name) && value !== undefined && value.length >= 4)
    .map(([, value]) => value as string);
}

/** A function replacing every occurrence of each secret with `***`, longest first. */
export function createMask(secrets: Iterable<string>): Mask {
  const values = [...new Set([...secrets].filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  const pattern = new RegExp(values.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, MASK);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
