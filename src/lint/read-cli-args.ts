// A command's words read the way getopt and cobra read them: options (`-n ns`, `-nns`,
// `--namespace=ns`, `--namespace ns`, clustered flags `-rV`) and operands, `--` ending the
// options. Which options take a value is the caller's knowledge of the program. A word only the
// shell knows (a placeholder, `$x`) is an operand unless an option is waiting for its value, or
// it is written `--option=<value>`.
import type { ShellWord } from '../shell/shell-schema.js';

export interface CliOption {
  /** `-V`, `--sort`: as the program knows it, without an attached value. */
  name: string;
  /** The value given to it: attached (`--sort=version`, `-k1V`) as text, or the next word. */
  value: string | ShellWord | null;
  word: ShellWord;
}

export interface CliArgs {
  options: CliOption[];
  operands: ShellWord[];
}

export function readCliArgs(args: readonly ShellWord[], withValue: ReadonlySet<string>): CliArgs {
  const options: CliOption[] = [];
  const operands: ShellWord[] = [];
  let ended = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as ShellWord;
    // `--to-revision=<revision>`: the option is known as written, only its value waits for the run.
    const text = word.value ?? (/^-[-\w]*=/.test(word.text) ? word.text : null);
    if (ended || text === null || text === '-' || !text.startsWith('-')) {
      operands.push(word);
      continue;
    }
    if (text === '--') {
      ended = true;
      continue;
    }
    if (text.startsWith('--')) {
      const equals = text.indexOf('=');
      if (equals !== -1) {
        options.push({ name: text.slice(0, equals), value: text.slice(equals + 1), word });
      } else if (withValue.has(text)) {
        options.push({ name: text, value: args[i + 1] ?? null, word });
        i += 1;
      } else {
        options.push({ name: text, value: null, word });
      }
      continue;
    }
    for (let k = 1; k < text.length; k++) {
      const name = `-${text[k]}`;
      if (!withValue.has(name)) {
        options.push({ name, value: null, word });
        continue;
      }
      const attached = text.slice(k + 1);
      if (attached !== '') {
        options.push({ name, value: attached.replace(/^=/, ''), word });
      } else {
        options.push({ name, value: args[i + 1] ?? null, word });
        i += 1;
      }
      break;
    }
  }
  return { options, operands };
}

export function hasOption(args: CliArgs, ...names: string[]): boolean {
  return args.options.some((option) => names.includes(option.name));
}

/** What bash passes for an option's value; null when only the shell knows it, or none was given. */
export function valueOf(option: CliOption): string | null {
  return typeof option.value === 'string' ? option.value : (option.value?.value ?? null);
}

/** The values given to these options, in order. */
export function optionValues(args: CliArgs, ...names: string[]): (string | null)[] {
  return args.options.filter((option) => names.includes(option.name)).map(valueOf);
}

/** The value of the last of these options given. */
export function optionValue(args: CliArgs, ...names: string[]): string | null {
  return optionValues(args, ...names).at(-1) ?? null;
}

/** The same, as written: `<namespace>` for a placeholder. */
export function optionText(args: CliArgs, ...names: string[]): string | null {
  const option = args.options.filter((o) => names.includes(o.name)).at(-1);
  if (!option || option.value === null) return null;
  return typeof option.value === 'string' ? option.value : (option.value.value ?? option.value.text);
}
