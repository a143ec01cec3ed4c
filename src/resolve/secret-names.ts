// Which values a runbook keeps secret: params declared `secret: true`, and params placed in an
// environment variable named like a secret (`Env: API_TOKEN=<api-token>`): a command reads that
// value as a credential, so it is shown as `***` wherever the declared ones are.
import type { Runbook } from '../model/runbook.js';
import { isSecretName } from '../run/mask-secrets.js';
import { envPlaceholderNames, fillPlaceholders } from './fill-placeholders.js';
import { findPlaceholders } from './find-placeholders.js';

export function secretNames(runbook: Pick<Runbook, 'params' | 'env' | 'steps'>): Set<string> {
  const declared = runbook.params.filter((p) => p.secret).map((p) => p.name);
  const placed = [runbook.env, ...runbook.steps.map((s) => s.env)].flatMap((env) => envPlaceholderNames(secretEnv(env)));
  return new Set([...declared, ...placed]);
}

/** The entries of `env` named like secrets. */
export function secretEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => isSecretName(name)));
}

/**
 * `env` as it may be shown: a value named like a secret as `***`, unless it is only placeholders
 * (`API_TOKEN=<token>` says where the value comes from, and that value is masked as a secret).
 */
export function showEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, isSecretName(name) && !onlyPlaceholders(value) ? '***' : value]));
}

function onlyPlaceholders(value: string): boolean {
  const blanks = Object.fromEntries(findPlaceholders(value).map((p) => [p.name, '']));
  return Object.keys(blanks).length > 0 && fillPlaceholders(value, blanks).trim() === '';
}
