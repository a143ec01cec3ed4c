// Shell variables a command reads that nothing sets (SPEC §2): `${BACKUP_FILE}` where no earlier
// command of the runbook assigns, exports, reads or loops over BACKUP_FILE, the frontmatter `env`
// and the step's `Env:` do not give it, and it has no default (`${BACKUP_FILE:-x}`). Each is a
// value the reader must supply, like `<x>`; the environment can (resolve-params.ts). Variables
// the shell itself sets, the engine's RUNBOOK_…, and those no value may set are never asked for.
// After a `source`, `.` or `eval` anything may be set, so nothing later is asked for.
import type { Expansion, ShellScript, SimpleCommand } from '../shell/shell-schema.js';
import { isProtectedEnvName } from './param-env-name.js';

// Set by bash, or by every login: asking for them would only be noise.
const SHELL_SET = new Set([
  'PWD', 'OLDPWD', 'RANDOM', 'SRANDOM', 'SECONDS', 'LINENO', 'UID', 'EUID', 'PPID', 'HOSTNAME', 'HOSTTYPE', 'OSTYPE', 'MACHTYPE', 'SHLVL', 'REPLY', 'OPTARG', 'OPTIND', 'OPTERR',
  'PIPESTATUS', 'FUNCNAME', 'GROUPS', 'DIRSTACK', 'COLUMNS', 'LINES', 'HISTCMD', 'HISTFILE', 'PS1', 'PS2', 'PS3', 'EPOCHSECONDS', 'EPOCHREALTIME', 'MAPFILE', 'COPROC',
  'USER', 'LOGNAME', 'LANG', 'LANGUAGE', 'TERM', 'TZ', 'TMPDIR', 'EDITOR', 'PAGER', 'VISUAL', 'MAIL', 'DISPLAY',
]);
const SHELL_SET_PREFIX = /^(?:BASH|LC_|COMP_|READLINE_)/;

const DECLARERS = new Set(['export', 'local', 'declare', 'typeset', 'readonly']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names a simple command sets, each with the offset from which it is set. */
function setBy(command: SimpleCommand): { name: string; at: number }[] {
  const found = command.assignments.map((assignment) => ({ name: assignment.name.replace(/\[.*$/, ''), at: assignment.start }));
  const name = command.name?.value ?? command.name?.text ?? '';
  const args = command.args.map((arg) => arg.value ?? '');
  const operands = (withValue: string): string[] => {
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg.startsWith('-') && arg.length > 1) {
        // `read -a NAME`, `printf -v NAME`: the option's own value is a name set.
        const letter = arg[arg.length - 1] as string;
        if ((name === 'read' && letter === 'a') || (name === 'printf' && letter === 'v')) names.push(args[i + 1] ?? '');
        if (withValue.includes(letter)) i++;
        continue;
      }
      if (name !== 'printf') names.push(arg);
    }
    return names;
  };
  if (DECLARERS.has(name)) found.push(...operands('').map((operand) => ({ name: operand, at: command.start })));
  if (name === 'read') found.push(...operands('pdtnNua').map((operand) => ({ name: operand, at: command.start })));
  if (name === 'mapfile' || name === 'readarray') found.push(...operands('dnOsuC').slice(-1).map((operand) => ({ name: operand, at: command.start })));
  if (name === 'printf') found.push(...operands('').map((operand) => ({ name: operand, at: command.start })));
  if (name === 'getopts' && args[1] !== undefined) found.push({ name: args[1], at: command.start });
  return found.filter((entry) => NAME.test(entry.name));
}

const opens = (command: SimpleCommand): boolean => ['source', '.', 'eval'].includes(command.name?.value ?? '');

/** Reads a runbook's commands in document order, remembering what each sets. */
export class ShellVariableScope {
  private readonly assigned = new Set<string>();
  private open = false;

  constructor(known: Iterable<string>) {
    for (const name of known) this.assigned.add(name);
  }

  /** The variables `script` reads that nothing has set, in order; then what it sets is remembered. */
  read(script: ShellScript, stepEnv: Iterable<string> = []): Expansion[] {
    const local = new Set(stepEnv);
    const sets = [...script.commands.flatMap(setBy), ...script.loopVariables.map((loop) => ({ name: loop.name, at: loop.start }))];
    const openedAt = script.commands.find(opens)?.start ?? Number.POSITIVE_INFINITY;
    const unset: Expansion[] = [];
    if (!this.open) {
      for (const expansion of script.expansions) {
        const { name } = expansion;
        if (expansion.guarded || expansion.start > openedAt || this.assigned.has(name) || local.has(name)) continue;
        if (SHELL_SET.has(name) || SHELL_SET_PREFIX.test(name) || isProtectedEnvName(name)) continue;
        if (sets.some((set) => set.name === name && set.at < expansion.start)) continue;
        unset.push(expansion);
      }
    }
    for (const set of sets) this.assigned.add(set.name);
    if (openedAt !== Number.POSITIVE_INFINITY) this.open = true;
    return unset;
  }
}
