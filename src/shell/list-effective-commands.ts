// Every command a script runs as it takes effect (schema: EffectiveCommand), for gates and the
// reading of sessions: wrappers looked through (unwrap-command.ts), strings given to a shell
// again parsed in turn, and a heredoc fed to a shell (`bash <<'EOF'`, `ssh db <<EOF`) read as
// the script it is.
import { parseShell } from './parse-shell.js';
import type { EffectiveCommand, ShellScript, SimpleCommand } from './shell-schema.js';
import type { KnownVariables } from './shell-word-value.js';
import { type ArgvWord, unwrapArgv } from './unwrap-command.js';

// Deep enough for `ssh h "sudo bash -c '…'"`; a deeper string is reported unread.
const MAX_DEPTH = 4;

export function argvOf(command: SimpleCommand): ArgvWord[] {
  return command.name ? [command.name, ...command.args].map((word, index) => ({ value: word.value, index })) : [];
}

export function listEffectiveCommands(script: ShellScript, variables: KnownVariables = {}): EffectiveCommand[] {
  return listEffectiveOrigins(script, variables).map((found) => found.effective);
}

/** An effective command with the simple command it is read from, in the script that holds it. */
export interface EffectiveOrigin {
  effective: EffectiveCommand;
  /** For a command inside a string run again (`bash -c '…'`), the inner command and script. */
  command: SimpleCommand;
  script: ShellScript;
}

/** The same, each with its origin: what the inner command reads or writes is in its own redirects. */
export function listEffectiveOrigins(script: ShellScript, variables: KnownVariables = {}): EffectiveOrigin[] {
  return collectEffective(script, variables, [], null, 0);
}

function collectEffective(script: ShellScript, variables: KnownVariables, via: string[], remote: string | null, depth: number): EffectiveOrigin[] {
  const found: EffectiveOrigin[] = [];
  for (const command of script.commands) {
    const source = { start: command.start, end: command.end, line: command.line, column: command.column };
    if (!command.name) continue;
    for (const layer of unwrapArgv(argvOf(command), via, remote)) {
      const text = layer.kind === 'command' ? null : layer.kind === 'script' ? joinValues(layer.words) : heredocScript(command);
      if (layer.kind === 'command' || (layer.kind === 'stdin-shell' && text === null)) {
        // A shell with nothing fed to it (`ssh db01`, `bash`) is a command of its own: a session.
        const effective = { name: layer.argv[0]?.value ?? null, args: layer.argv.slice(1).map((word) => word.value), via: layer.via, remote: layer.kind === 'command' ? layer.remote : null, source };
        found.push({ effective, command, script });
        continue;
      }
      const parsed = text === null || depth >= MAX_DEPTH ? undefined : parseShell(text, variables);
      const innerVia = layer.kind === 'stdin-shell' ? [...layer.via, `${layer.by} <<`] : layer.via;
      if (parsed?.ok) {
        found.push(...collectEffective(parsed.script, variables, innerVia, layer.remote, depth + 1).map((inner) => ({ ...inner, effective: { ...inner.effective, source } })));
      } else {
        // A string run again that cannot be read here: a command nonetheless, of unknown name.
        found.push({ effective: { name: null, args: [text], via: innerVia, remote: layer.remote, source }, command, script });
      }
    }
  }
  return found;
}

function joinValues(words: readonly ArgvWord[]): string | null {
  const values = words.map((word) => word.value);
  return values.every((value): value is string => value !== null) ? values.join(' ') : null;
}

/** The script a shell reading standard input gets from a heredoc or here-string of its own. */
function heredocScript(command: SimpleCommand): string | null {
  for (const redirect of command.redirects) {
    if (redirect.heredoc) return redirect.heredoc.body;
    if (redirect.operator === '<<<' && redirect.target) return redirect.target.value;
  }
  return null;
}
