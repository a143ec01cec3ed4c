import { randomBytes } from 'node:crypto';

/** `20261126-143005-3fa9c1`: sorts by start time, unique enough for one workspace. */
export function createRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
