// A run behaves like one terminal session (SPEC §3): the variables a command assigns or exports,
// its functions, aliases and working directory carry to the next command. The session is kept
// here as bash statements by key (`var:NAME`, `alias:NAME`, `functions`), read from what each
// command's shell reports when it exits (session-prelude.ts) and sent to the next one to evaluate
// before it runs. Pure: no process, no file.
import { z } from 'zod';
import { shellQuote } from '../resolve/shell-quote.js';
import type { Mask } from './mask-secrets.js';
import { secretEnvValues } from './mask-secrets.js';

export const shellSessionSchema = z.object({
  /** Where the next command runs (the shell's $PWD). */
  cwd: z.string(),
  oldpwd: z.string().optional(),
  /** What differs from a fresh shell given the run's environment, as statements by key. */
  entries: z.record(z.string(), z.string()),
});
export type ShellSession = z.infer<typeof shellSessionSchema>;

/** What one shell reported: the session, and the plain values of its scalar variables (to look for secrets in). */
export interface SessionReport {
  session: ShellSession;
  scalars: Record<string, string>;
}

/**
 * Variables bash makes for every shell, or that describe this shell and not the session: carried,
 * they would be wrong (BASHPID, LINENO, SHLVL, PPID), fail (readonly ones) or stand in for what
 * is carried otherwise (PWD, OLDPWD).
 */
const notCarried = new Set([
  'BASH', 'BASHOPTS', 'BASHPID', 'COLUMNS', 'COMP_WORDBREAKS', 'COPROC', 'DIRSTACK', 'EPOCHREALTIME', 'EPOCHSECONDS', 'EUID',
  'FUNCNAME', 'GROUPS', 'HISTCMD', 'HISTFILE', 'HISTFILESIZE', 'HISTSIZE', 'HOSTNAME', 'HOSTTYPE', 'LINENO', 'LINES',
  'MACHTYPE', 'MAILCHECK', 'OLDPWD', 'OPTARG', 'OPTERR', 'OPTIND', 'OSTYPE', 'PIPESTATUS', 'PPID', 'PS1', 'PS2', 'PS4',
  'PWD', 'RANDOM', 'SECONDS', 'SHELLOPTS', 'SHLVL', 'SRANDOM', 'UID', '_',
]);

/** Whether a variable of this name is part of the session. */
export function isCarried(name: string): boolean {
  if (notCarried.has(name)) return false;
  return !/^(BASH_|COMP_|READLINE_|__runbook|__RUNBOOK)/.test(name);
}

/** Set by bash when the environment lacks them. */
const bashDefaults = new Set(['SHELL', 'TERM']);

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DEFAULT_IFS = ' \t\n';

/** Only bash reports and restores a session (`bash`, or a path to it, with no options of its own). */
export function carriesSession(shell: string): boolean {
  return /^(?:\S*\/)?bash$/.test(shell.trim());
}

/** The session a run starts with: nothing carried yet, commands in `cwd`. */
export function emptySession(cwd: string): ShellSession {
  return { cwd, entries: {} };
}

/**
 * The session a shell reported, NUL-separated records (see session-prelude.ts), or undefined
 * when the report is not complete (the shell was killed, exec'd another program, or replaced
 * the EXIT trap). `env` is the environment the shell was given: a variable that still holds
 * what it was given needs no entry, one that was given and is gone needs `unset`.
 */
export function readSessionReport(report: string, env: Readonly<Record<string, string>>): SessionReport | undefined {
  const tokens = report.split('\0');
  let at = 0;
  const next = (): string | undefined => tokens[at++];
  const entries: Record<string, string> = {};
  const scalars: Record<string, string> = {};
  const seen = new Set<string>();
  let cwd: string | undefined;
  let oldpwd: string | undefined;
  for (;;) {
    const kind = next();
    if (kind === 'e') break;
    if (kind === 'c') cwd = next();
    else if (kind === 'o') oldpwd = next();
    else if (kind === 'v') {
      const [name, attrs, value] = [next(), next(), next()];
      if (name === undefined || attrs === undefined || value === undefined) return undefined;
      seen.add(name);
      if (!isCarried(name) || (name === 'IFS' && value === DEFAULT_IFS && attrs === '')) continue;
      const given = Object.hasOwn(env, name);
      // Bash sets these itself when the environment has none: they describe the shell.
      if (!given && attrs === '' && bashDefaults.has(name)) continue;
      scalars[name] = value;
      if (attrs === 'x' && given && env[name] === value) continue;
      entries[`var:${name}`] = `builtin declare -g ${attrs ? `-${attrs} ` : ''}${given && !attrs.includes('x') ? '+x ' : ''}-- ${shellQuote(`${name}=${value}`)}`;
    } else if (kind === 'd') {
      const [name, text] = [next(), next()];
      if (name === undefined || text === undefined) return undefined;
      seen.add(name);
      // `declare` as the command word itself: after `builtin`, bash would not read `name=(…)` as an array.
      if (isCarried(name)) entries[`var:${name}`] = text.trimEnd().replace(/^declare -/, 'declare -g -');
    } else if (kind === 'a') {
      const [name, value] = [next(), next()];
      if (name === undefined || value === undefined) return undefined;
      entries[`alias:${name}`] = `builtin alias -- ${shellQuote(`${name}=${value}`)}`;
    } else if (kind === 'f') {
      const text = next();
      if (text === undefined) return undefined;
      if (text.trim() !== '') entries.functions = text.trimEnd();
    } else return undefined;
  }
  if (cwd === undefined) return undefined;
  // Given to the shell, gone from it: `unset` is part of the session too.
  for (const name of Object.keys(env)) {
    if (identifier.test(name) && isCarried(name) && !seen.has(name)) entries[`var:${name}`] = `builtin unset -v ${name}`;
  }
  return { session: { cwd, ...(oldpwd !== undefined && { oldpwd }), entries }, scalars };
}

/** Whether a report is complete: its last record is the end mark. Cheap enough to ask per chunk. */
export function isReportComplete(report: string): boolean {
  return report === 'e\0' || (report.endsWith('\0e\0') && readSessionReport(report, {}) !== undefined);
}

/**
 * The statements that make a fresh shell this session: variables first, then functions (their
 * bodies were read with aliases already expanded), then aliases.
 */
export function restoreScript(session: ShellSession): string {
  const keys = Object.keys(session.entries);
  const order = (key: string): number => (key.startsWith('var:') ? 0 : key === 'functions' ? 1 : 2);
  return keys.sort((a, b) => order(a) - order(b)).map((key) => session.entries[key]).join('\n');
}

/** The session without the given variables: a step's `Env:` gives them for its commands. */
export function withoutNames(session: ShellSession, names: readonly string[]): ShellSession {
  if (names.length === 0) return session;
  const entries = { ...session.entries };
  for (const name of names) delete entries[`var:${name}`];
  return { ...session, entries };
}

/** After a command with its own `Env:`: what it did not change of those variables is the session's again. */
export function keepNames(after: ShellSession, before: ShellSession, names: readonly string[]): ShellSession {
  const entries = { ...after.entries };
  for (const name of names) {
    const key = `var:${name}`;
    if (!Object.hasOwn(entries, key) && Object.hasOwn(before.entries, key)) entries[key] = before.entries[key] as string;
  }
  return { ...after, entries };
}

/** What a step changed in the session it started from: entries set, entries removed, the directory. */
export interface SessionChanges {
  set: Record<string, string>;
  removed: string[];
  cwd?: string;
  oldpwd?: string;
}

export function sessionChanges(from: ShellSession, to: ShellSession): SessionChanges {
  const set: Record<string, string> = {};
  for (const [key, text] of Object.entries(to.entries)) if (from.entries[key] !== text) set[key] = text;
  return {
    set,
    removed: Object.keys(from.entries).filter((key) => !Object.hasOwn(to.entries, key)),
    ...(to.cwd !== from.cwd && { cwd: to.cwd }),
    ...(to.oldpwd !== from.oldpwd && to.oldpwd !== undefined && { oldpwd: to.oldpwd }),
  };
}

/**
 * A step's changes applied to the session as it is now: steps that ran at once each started from
 * the session as it was when they became ready, and their changes land in the order they end,
 * the last to change a variable (or the directory) winning.
 */
export function applyChanges(session: ShellSession, changes: SessionChanges): ShellSession {
  const entries = { ...session.entries, ...changes.set };
  for (const key of changes.removed) delete entries[key];
  return {
    cwd: changes.cwd ?? session.cwd,
    ...((changes.oldpwd ?? session.oldpwd) !== undefined && { oldpwd: (changes.oldpwd ?? session.oldpwd) as string }),
    entries,
  };
}

/** Values of carried variables named like secrets (DB_PASSWORD, API_TOKEN…): masked from then on. */
export function secretValuesOf(report: SessionReport): string[] {
  return secretEnvValues(report.scalars);
}

/**
 * The entries that hold a secret, which are never written to disk: the run carries them in
 * memory only. Returned by key, with the session left to write.
 */
export function withholdSecrets(session: ShellSession, mask: Mask): { kept: ShellSession; withheld: string[] } {
  const entries: Record<string, string> = {};
  const withheld: string[] = [];
  for (const [key, text] of Object.entries(session.entries)) {
    if (mask(text) === text) entries[key] = text;
    else withheld.push(key);
  }
  return { kept: { cwd: session.cwd, ...(session.oldpwd !== undefined && { oldpwd: session.oldpwd }), entries }, withheld };
}

/** `var:TOKEN` → `TOKEN`, `alias:ll` → `alias ll`: names as a person reads them. */
export function entryName(key: string): string {
  if (key.startsWith('var:')) return key.slice(4);
  if (key.startsWith('alias:')) return `alias ${key.slice(6)}`;
  return key;
}
