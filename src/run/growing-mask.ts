// The run's mask, which learns secrets while the run goes: a variable named like a secret that a
// command leaves in the session (`export DB_PASSWORD=$(vault read …)`) is masked from then on,
// in every output that follows.
import { createMask, type Mask } from './mask-secrets.js';

export function growingMask(initial: readonly string[]): { mask: Mask; addSecrets: (values: string[]) => void } {
  const known = new Set(initial);
  let current = createMask(known);
  const mask: Mask = (text) => current(text);
  mask.safeEnd = (text) => current.safeEnd?.(text) ?? text.length;
  mask.safeStart = (text) => current.safeStart?.(text) ?? 0;
  mask.spanAt = (text, at) => current.spanAt?.(text, at);
  return {
    mask,
    addSecrets: (values) => {
      const fresh = values.filter((v) => !known.has(v));
      if (fresh.length === 0) return;
      for (const value of fresh) known.add(value);
      current = createMask(known);
    },
  };
}
