// The gate decision: does this command change production, and why. The command is parsed as
// bash reads it, every command it runs is listed through wrappers (sudo, env, timeout, xargs,
// bash -c, ssh, kubectl exec, ansible -a …), and each is checked against the catalogue and the
// runbook's own patterns. What cannot be read is gated: it cannot be shown to be harmless.
import { isBareWord, shellQuote } from '../resolve/shell-quote.js';
import { analyzeCached } from '../resolve/analyze-command.js';
import { type EffectiveOrigin, listEffectiveOrigins } from '../shell/list-effective-commands.js';
import { locatePlaceholders } from '../shell/locate-placeholders.js';
import { parseShell } from '../shell/parse-shell.js';
import type { EffectiveCommand, ShellParse, ShellScript, SimpleCommand } from '../shell/shell-schema.js';
import type { KnownVariables } from '../shell/shell-word-value.js';
import { entriesFor } from './catalogue.js';
import { type CommandInput, type Gate, type GateEntry, Invocation } from './gate-entry.js';
import type { GatePattern } from './gate-patterns.js';
import type { Word } from './read-argv.js';
import { unwrapLauncher } from './unwrap-launcher.js';

/** A command as the catalogue reads it, before a pass decides how unknown words count. */
interface Effective {
  name: string | null;
  args: readonly Word[];
  input: CommandInput | null;
  via: string[];
  remote: string | null;
}

export interface GateOptions {
  /** Values the command reads from its environment (`"$RUNBOOK_VALUE_1"` is read as its value). */
  env?: KnownVariables;
  /** The runbook's own patterns (frontmatter `gates:`). */
  patterns?: readonly GatePattern[];
  /** Names the frontmatter declares: `<name>` is a placeholder for each, whatever it holds. */
  declared?: readonly string[];
}

/**
 * Every reason `commandText` asks before it runs, first match first; empty when it need not ask.
 * `commandText` is the command as it will run: rendered, its values given in `env`; or, in a
 * plan, as written, each placeholder a word only known at run time. Certain matches come from
 * the words as they are; only when there are none, what a word known at run time may make
 * ("maybe" gates), so a step with a real `DROP` is not described by a guess.
 */
export function findGates(commandText: string, { env = {}, patterns = [], declared = [] }: GateOptions = {}): Gate[] {
  const parsed = readScript(commandText, env, declared);
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    return [{ id: 'unreadable', reason: `the command cannot be read safely (${message}, line ${line}, column ${column})`, command: commandText, via: [], remote: null }];
  }
  const commands = listEffectiveOrigins(parsed.script, env).map((origin) => toEffective(origin, parsed.script));
  const certain = commands.flatMap((command) => certainGates(command, patterns));
  if (certain.length > 0) return certain;
  return commands.flatMap((command) =>
    matchingEntries(command, true).map((entry) => gateOf(command, `maybe-${entry.id}`, `part of the command is only known at run time, and it may be that ${entry.reason}`)),
  );
}

/** The first reason `commandText` asks before it runs, or undefined. */
export function findGate(commandText: string, options: GateOptions = {}): Gate | undefined {
  return findGates(commandText, options)[0];
}

/** Placeholders as written are not shell (`<name>` is two redirections): analyzeShell masks them (read from the cache the parse filled). */
function readScript(text: string, env: KnownVariables, declared: readonly string[]): ShellParse {
  const spans = locatePlaceholders(text, { declared });
  if (spans.length === 0) return parseShell(text, env);
  const analysis = analyzeCached(text, spans);
  return analysis.ok ? { ok: true, script: analysis.script } : { ok: false, error: analysis.error };
}

function certainGates(command: Effective, patterns: readonly GatePattern[]): Gate[] {
  if (command.name === null) {
    return [gateOf(command, 'unknown-command', 'the command it runs is only known at run time, so it cannot be checked before it runs')];
  }
  const found = matchingEntries(command, false).map((entry) => gateOf(command, entry.id, entry.reason));
  const text = [command.name, ...command.args].map((word) => word ?? '…').join(' ');
  for (const pattern of patterns) {
    if (pattern.pattern.test(text)) found.push(gateOf(command, 'frontmatter-gate', `it matches the runbook's gate /${pattern.source}/`));
  }
  return found;
}

/** Every catalogue entry the command matches; `guessing`: a word known at run time matches. */
function matchingEntries(command: Effective, guessing: boolean): GateEntry[] {
  if (command.name === null) return [];
  const launched = unwrapLauncher(toolName(command.name), command.args);
  const tool = toolName(launched.name);
  const invocation = new Invocation(tool, launched.args, command.input, [...command.via, ...launched.launchers], guessing);
  return entriesFor(tool).filter((entry) => entry.match(invocation));
}

function gateOf(command: Effective, id: string, reason: string): Gate {
  const words = [command.name, ...command.args].map((word) => (word === null ? '…' : isBareWord(word) ? word : shellQuote(word)));
  return { id, reason, command: words.join(' '), via: command.via, remote: command.remote };
}

/** `/usr/bin/kubectl` → `kubectl`, `mkfs.ext4` → `mkfs`, `python3.12` → `python`, `/etc/init.d/nginx` → `init.d`, `k` → `kubectl`. */
export function toolName(name: string): string {
  if (/(?:^|\/)init\.d\/[^/]+$/.test(name)) return 'init.d';
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (base.startsWith('mkfs.')) return 'mkfs';
  if (/^python[\d.]*$/.test(base)) return 'python';
  return TOOL_ALIASES[base] ?? base;
}

// Short names runbooks write for tools (`alias k=kubectl`), read as the tool.
const TOOL_ALIASES: Readonly<Record<string, string>> = { k: 'kubectl', kc: 'kubectl', tf: 'terraform', helm3: 'helm', 'kafka-topics.sh': 'kafka-topics' };

// The shell layer gives these builtins no name value (test/gates/find-gate.test.ts shows it):
// their name as written is what bash runs.
const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'local', 'readonly', 'unset', 'unsetenv']);

function toEffective({ effective, command, script }: EffectiveOrigin, top: ShellScript): Effective {
  const written = command.name?.text ?? '';
  const name = effective.name === null && effective.via.length === 0 && DECLARATIONS.has(written) ? written : effective.name;
  return { name, args: effective.args, input: inputOfEffective(effective, command, script, top), via: effective.via, remote: effective.remote };
}

/**
 * A command's own input; else, inside a string run again (`ssh db 'psql app' < dump.sql`,
 * `bash -c 'psql' <<SQL`), the input of the outer command, which the inner one reads. A heredoc
 * fed to a shell (`bash <<EOF`, `ssh db <<EOF`) is the script, not the input of what it runs.
 */
function inputOfEffective(effective: EffectiveCommand, command: SimpleCommand, script: ShellScript, top: ShellScript): CommandInput | null {
  const own = inputOf(command, script);
  if (own || script === top || effective.via.some((wrapper) => wrapper.endsWith(' <<'))) return own;
  const { start, end } = effective.source;
  const outer = top.commands.find((candidate) => candidate.start === start && candidate.end === end);
  return outer ? inputOf(outer, top) : null;
}

/** What a simple command reads on standard input: a heredoc, a here-string, a file, or a pipe. */
function inputOf(command: SimpleCommand, script: ShellScript): CommandInput | null {
  for (const redirect of command.redirects) {
    if (redirect.descriptor !== null && redirect.descriptor !== 0) continue;
    if (redirect.heredoc) return { from: 'heredoc', text: redirect.heredoc.stripTabs ? redirect.heredoc.body.replace(/^\t+/gm, '') : redirect.heredoc.body };
    if (redirect.operator === '<<<') return { from: 'here-string', text: redirect.target?.value ?? null };
    if (redirect.operator === '<') return { from: 'file', text: null };
  }
  const upstream = upstreamOf(script).get(command);
  return upstream ? { from: 'pipe', text: printedBy(upstream, script) } : null;
}

// Each command's pipe input, found once a script: looking it up for every command cost their square.
const upstreams = new WeakMap<ShellScript, Map<SimpleCommand, SimpleCommand>>();

/** Each command that reads a pipe → the first command that writes into it. */
function upstreamOf(script: ShellScript): Map<SimpleCommand, SimpleCommand> {
  let found = upstreams.get(script);
  if (!found) {
    found = new Map();
    for (const candidate of script.commands) {
      const reader = candidate.pipesInto === null ? undefined : script.commands[candidate.pipesInto];
      if (reader && !found.has(reader)) found.set(reader, candidate);
    }
    upstreams.set(script, found);
  }
  return found;
}

/** What `echo …`, `printf …` or `cat <<EOF` writes, when that is known without running it. */
function printedBy(command: SimpleCommand, script: ShellScript): string | null {
  const name = command.name?.value ?? null;
  const words = command.args.map((word) => word.value);
  if (words.some((word) => word === null)) return null;
  // A format and its arguments, escapes as the line breaks they print: enough to read the SQL in it.
  if (name === 'echo' || name === 'printf') return words.join(' ').replace(/\\[ntrvf]/g, '\n');
  if (name === 'cat' && words.length === 0) return inputOf(command, script)?.text ?? null;
  return null;
}

/** The gate as a step carries it and the operator reads it: why, and where it runs. */
export function describeGate(gate: Gate): string {
  // The shell layer names a host known only at run time `(a host known at run time)`.
  return gate.remote === null ? gate.reason : `${gate.reason} (on ${gate.remote.replace(/^\((.*)\)$/, '$1')})`;
}
