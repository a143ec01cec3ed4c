// Commands that change production ask before they run, even when the runbook does not say so.
// Decided on the command as bash will run it: parsed (src/shell), with the values it runs with
// (`env`: RUNBOOK_VALUE_n → value, as render-command gives them), each command as it takes
// effect through wrappers (`sudo`, `bash -c`, `ssh host '…'`), words joined as bash splits them,
// so `rm <flags> x` with `-rf`, `rm -r --force` and a command continued over lines with `\` are
// each read as the one command they are. The text as written is checked too (SQL in a heredoc).
import { isShellParserLoaded } from '../shell/load-shell-parser.js';
import { listEffectiveCommands } from '../shell/list-effective-commands.js';
import { isPlainCommand } from '../shell/parse-plain-command.js';
import { parseShell } from '../shell/parse-shell.js';
import type { EffectiveCommand } from '../shell/shell-schema.js';

const gatedPatterns: { pattern: RegExp; reason: string }[] = [
  { pattern: /\bhelm\s+(?:\S+\s+)*?(rollback|uninstall|delete|upgrade)\b/, reason: 'helm $1 changes a release' },
  { pattern: /\bkubectl\s+(?:\S+\s+)*?(delete|apply|replace|patch|drain|scale|cordon|edit)\b/, reason: 'kubectl $1 changes the cluster' },
  { pattern: /\bkubectl\s+(?:\S+\s+)*?rollout\s+(undo|restart)\b/, reason: 'kubectl rollout $1 changes the cluster' },
  { pattern: /\bkubectl\s+(?:\S+\s+)*?set\s+(image|env|resources|serviceaccount|selector|subject)\b/, reason: 'kubectl set $1 changes the cluster' },
  { pattern: /\bmigrat\w*[:\s_-]+(down|rollback|revert|undo)\b/i, reason: 'a down migration changes the database' },
  { pattern: /\b(DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX)|TRUNCATE\s+TABLE|DELETE\s+FROM)\b/i, reason: '$1 changes the database' },
  { pattern: /\brm\s+(?:-\w*r\w*f|-\w*f\w*r|-r\s+-f|-f\s+-r|--recursive\s+--force|--force\s+--recursive)\b/, reason: 'rm -rf deletes files' },
  { pattern: /\bredis-cli\b.*\b(flushall|flushdb)\b/i, reason: 'redis-cli $1 deletes data' },
  { pattern: /\bterraform\s+(apply|destroy)\b/, reason: 'terraform $1 changes infrastructure' },
  { pattern: /\bgit\s+push\s+(?:\S+\s+)*?(--force|-f)\b/, reason: 'git push --force rewrites history' },
];

function matchPatterns(text: string): string | undefined {
  for (const { pattern, reason } of gatedPatterns) {
    const match = pattern.exec(text);
    if (match) return reason.replace('$1', match[1] ?? '');
  }
  return undefined;
}

/** `rm` with a recursive and a forcing option anywhere before its operands, however written. */
function isForcedRecursiveRm(command: EffectiveCommand): boolean {
  const name = command.name?.slice(command.name.lastIndexOf('/') + 1);
  if (name !== 'rm') return false;
  let recursive = false;
  let force = false;
  for (const arg of command.args) {
    if (arg === null || arg === '--') break;
    if (arg === '--recursive') recursive = true;
    else if (arg === '--force') force = true;
    else if (/^-[a-zA-Z]+$/.test(arg)) {
      recursive ||= /[rR]/.test(arg);
      force ||= arg.includes('f');
    }
  }
  return recursive && force;
}

/** Why a command should ask before it runs, or undefined. `env` holds the values it runs with. */
export function findGate(command: string, env: Readonly<Record<string, string>> = {}): string | undefined {
  // A command the parser is not loaded for can only be the text as written (loading is the
  // command layer's job; a plain command never needs it).
  const parsed = isShellParserLoaded() || isPlainCommand(command, env) ? parseShell(command, env) : undefined;
  if (parsed?.ok) {
    for (const effective of listEffectiveCommands(parsed.script, env)) {
      if (isForcedRecursiveRm(effective)) return 'rm -rf deletes files';
      const words = [effective.name, ...effective.args].map((word) => word ?? '…').join(' ');
      const reason = matchPatterns(words);
      if (reason) return reason;
    }
  }
  return matchPatterns(command);
}
