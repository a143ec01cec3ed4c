// A command's arguments as its tool reads them, so a gate matches options in any order and any
// spelling: `-rf`, `-r -f`, `-fr`, `--recursive --force`, `--namespace=prod`, `-n prod`, `-nprod`.
// Words only known at run time (null) are operands: an unseen flag is never assumed.

export type Word = string | null;

export interface ArgvSpec {
  /** Options that take the next word as their value unless written attached (`-n`, `--namespace`). */
  values?: readonly string[];
  /** Short options whose value can only be attached (`mysql -pSECRET`): never the next word. */
  attached?: readonly string[];
  /** Single-dash long options, as Go's flag package reads them (`-auto-approve`, `-chdir=x`). */
  singleDashLong?: boolean;
}

export interface ArgvOption {
  /** As the tool names it: `-r`, `--recursive` (a `-rf` cluster gives `-r` and `-f`). */
  name: string;
  /** Its value, if it takes one; null when only known at run time. */
  value?: Word;
}

export interface Argv {
  operands: Word[];
  options: ArgvOption[];
  /** Any of `names` given, in any spelling (`--force=true` counts as `--force`). */
  has(...names: string[]): boolean;
  /** The values given to any of `names`, in order. */
  values(...names: string[]): Word[];
}

export function readArgv(args: readonly Word[], spec: ArgvSpec = {}): Argv {
  const takesValue = new Set(spec.values ?? []);
  const attachedOnly = new Set(spec.attached ?? []);
  const operands: Word[] = [];
  const options: ArgvOption[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? null;
    if (word === null || word === '-' || !word.startsWith('-') || /^-\d/.test(word)) {
      operands.push(word);
      continue;
    }
    if (word === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (word.startsWith('--') || spec.singleDashLong) {
      const long = word.startsWith('--') ? word : `-${word}`;
      const equals = long.indexOf('=');
      const name = equals === -1 ? long : long.slice(0, equals);
      if (equals !== -1) options.push({ name, value: long.slice(equals + 1) });
      else if (takesValue.has(name) || takesValue.has(word)) options.push({ name, value: args[++i] ?? null });
      else options.push({ name });
      continue;
    }
    for (let k = 1; k < word.length; k++) {
      const name = `-${word[k]}`;
      if (attachedOnly.has(name)) {
        options.push({ name, value: word.slice(k + 1) });
        break;
      }
      if (takesValue.has(name)) {
        const rest = word.slice(k + 1);
        options.push({ name, value: rest !== '' ? rest : (args[++i] ?? null) });
        break;
      }
      options.push({ name });
    }
  }
  return {
    operands,
    options,
    has: (...names) => options.some((option) => names.includes(option.name)),
    values: (...names) => options.filter((option) => names.includes(option.name)).map((option) => option.value ?? null),
  };
}

/**
 * `--dry-run` as kubectl, helm and others spell it: bare, `=client`, `=server`, `=true`. A value
 * only known at run time is not a dry run.
 */
export function isDryRun(argv: Argv, names: readonly string[] = ['--dry-run']): boolean {
  return argv.options.some((option) => names.includes(option.name) && (option.value === undefined || ['client', 'server', 'true'].includes(option.value ?? '')));
}
