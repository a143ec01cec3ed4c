// What the catalogue is made of: a gate entry names one destructive form of one tool, says why
// it asks (shown to the operator), and carries its own examples, which the tests run and
// docs/GATES.md shows.
import { z } from 'zod';
import { type Argv, type ArgvSpec, readArgv, type Word } from './read-argv.js';

export const GateSchema = z.object({
  /** The catalogue entry (`kubectl-delete`), a frontmatter pattern (`frontmatter-gate`), … */
  id: z.string(),
  /** Why the command asks first, for the operator: names the form and what it does. */
  reason: z.string(),
  /** The command that takes effect, as argv (wrappers looked through). */
  command: z.string(),
  /** The wrappers looked through to reach it, outermost first. */
  via: z.array(z.string()),
  /** Host, pod or container it runs on; null when it runs here. */
  remote: z.string().nullable(),
});
export type Gate = z.infer<typeof GateSchema>;

/** What a command reads on standard input, when the command line says. */
export interface CommandInput {
  from: 'heredoc' | 'here-string' | 'file' | 'pipe';
  /** The text fed, when known before the run (a heredoc body, `echo '…' |`); else null. */
  text: Word;
}

/**
 * One effective command as a matcher sees it. Matchers run twice: first with every word only
 * known at run time (null) matching nothing, then, when nothing matched, with such a word in
 * a deciding place (a verb, an SQL text) matching anything, which gives a "maybe" gate.
 */
export class Invocation {
  constructor(
    /** The command's name as a tool (basename, `mkfs.ext4` → `mkfs`, `python3` → `python`). */
    readonly name: string,
    readonly args: readonly Word[],
    readonly input: CommandInput | null,
    /** The wrappers it runs under, outermost first (`sudo`, `xargs`, `find -exec`, `ssh`). */
    readonly via: readonly string[],
    /** Second pass: a null word in a deciding place is taken to match. */
    readonly guessing: boolean,
  ) {}

  argv(spec?: ArgvSpec): Argv {
    return readArgv(this.args, spec);
  }

  /** `word` is one of `values` (undefined: the word is not there at all). */
  is(word: Word | undefined, ...values: string[]): boolean {
    if (word === null) return this.guessing;
    return word !== undefined && values.includes(word);
  }

  /** `word` matches `pattern`. */
  test(word: Word | undefined, pattern: RegExp): boolean {
    if (word === null) return this.guessing;
    return word !== undefined && pattern.test(word);
  }
}

export interface GateEntry {
  /** Stable, kebab-case: `kubectl-delete`. */
  id: string;
  /** The command names it applies to; empty for every command. */
  tools: readonly string[];
  /** Shown to the operator: `kubectl delete deletes Kubernetes resources`. */
  reason: string;
  /** For docs/GATES.md: what is matched, in a few words of Markdown. */
  matches: string;
  /** Commands this entry gates (each is tested to be gated by this very entry). */
  gated: readonly string[];
  /** Near-misses that no entry gates (each is tested). */
  notGated: readonly string[];
  match(command: Invocation): boolean;
}

export interface GateFamily {
  /** The heading in docs/GATES.md: `Kubernetes and Helm`. */
  name: string;
  /** One paragraph for docs/GATES.md: decisions that apply to the whole family. */
  notes: string;
  entries: readonly GateEntry[];
}

/** For tools that only destroy (`mkfs`, `shred`, `dropdb`): every call but asking for help. */
export const anyCall = (command: Invocation): boolean => !command.argv().has('--help', '-h', '-V', '--version');
