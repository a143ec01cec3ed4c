// Commands that need a person at a terminal (an editor, a pager, a full-screen program, `-it`, a
// session opener), and commands that never end by themselves (`-f`, `-w`, `ping` without `-c`).
// Lint flags both with the fix; exec refuses a command that needs a terminal when there is none,
// and gives it the terminal when there is one. Read from the command's text with the shell
// parse; Runme's `interactive` attribute, when given, decides.
import type { Command } from '../../model/runbook.js';
import { unwrapArgv } from '../../shell/unwrap-command.js';
import { interactivePrograms, neverEndingCommands } from '../vocabulary.js';
import { isCommentOrBlank, readStatement } from './read-statement.js';
import { readStatementCommands, type StatementWord } from './read-statement-commands.js';
import { findOpener, hasTerminalFlags } from './session-openers.js';

export interface Finding {
  /** The program as written: `vim`, `kubectl edit`, `tail -f`; empty when the cell says so itself. */
  program: string;
  /** Why: "an editor", "follows the file". */
  why: string;
  /** What to write instead. */
  fix: string;
  /** 0-based line of the command within its text. */
  line: number;
}

const base = (value: string | null | undefined): string => (value ?? '').slice((value ?? '').lastIndexOf('/') + 1);

/** Each command of `text` with the line it starts on, looked through wrappers (`sudo`, `ssh host '…'`). */
function* commandsOf(text: string): Generator<{ argv: readonly StatementWord[]; outer: readonly StatementWord[]; line: number; statement: string }> {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length) {
    if (isCommentOrBlank(lines[i] as string)) {
      i += 1;
      continue;
    }
    const statement = readStatement(lines, i);
    for (const command of readStatementCommands(statement.text) ?? []) {
      for (const argv of layersOf(command.argv, 0)) yield { argv, outer: command.argv, line: i, statement: statement.text };
      if (!command.nested && !command.fedInput) yield { argv: command.argv, outer: command.argv, line: i, statement: statement.text };
    }
    i = statement.end;
  }
}

const MAX_DEPTH = 3;

/** The commands a wrapper runs, also inside the shell code it hands on (`ssh host 'vi f'`, `bash -c '…'`). */
function* layersOf(argv: readonly StatementWord[], depth: number): Generator<readonly StatementWord[]> {
  for (const layer of unwrapArgv(argv)) {
    if (layer.kind === 'command') yield layer.argv as StatementWord[];
    if (layer.kind !== 'script' || depth >= MAX_DEPTH) continue;
    const values = layer.words.map((word) => word.value);
    if (values.some((value) => value === null)) continue;
    for (const nested of readStatementCommands(values.join(' ')) ?? []) {
      yield nested.argv;
      yield* layersOf(nested.argv, depth + 1);
    }
  }
}

/**
 * Whether one of `options` is among `values`: as written, a long option with `=value`, a short
 * one with its value attached (`-c4`, `-fn100`) or inside a group of short options (`-xef`).
 */
function hasOption(values: readonly (string | null)[], options: readonly string[]): boolean {
  return values.some((value) => {
    if (value === null || !value.startsWith('-')) return false;
    return options.some((option) => {
      if (value === option) return true;
      if (option.startsWith('--')) return value.startsWith(`${option}=`);
      return !value.startsWith('--') && (value.startsWith(option) || (/^-[a-zA-Z]+$/.test(value) && value.includes(option.slice(1))));
    });
  });
}

function operandAfterName(argv: readonly StatementWord[]): string | undefined {
  return argv.slice(1).find((word) => word.value !== null && !word.value.startsWith('-'))?.value ?? undefined;
}

/** Why this command needs a terminal, or undefined when it runs without one. */
export function needsTerminal(command: Pick<Command, 'text' | 'interactive'>): Finding | undefined {
  if (command.interactive === false) return undefined;
  if (command.interactive === true) return { program: '', why: 'that Runme marks `interactive=true`', fix: 'drop `interactive=true` if it runs without a terminal', line: 0 };
  for (const { argv, outer, line, statement } of commandsOf(command.text)) {
    const values = argv.map((word) => word.value);
    const name = base(values[0]);
    const sub = operandAfterName(argv);
    for (const entry of interactivePrograms) {
      if (!entry.names.includes(name)) continue;
      if (entry.sub && !entry.sub.includes(sub ?? '')) continue;
      if (entry.flag && !hasOption(values, entry.flag)) continue;
      if (entry.unless && hasOption(values, entry.unless)) continue;
      return { program: [name, entry.sub ? sub : undefined, entry.flag?.find((flag) => hasOption(values, [flag]))].filter(Boolean).join(' '), why: entry.why, fix: entry.fix, line };
    }
    if (argv === outer && ['kubectl', 'oc', 'docker', 'podman', 'nerdctl'].includes(name) && hasTerminalFlags(values)) {
      return { program: `${name} ${sub ?? ''} -it`.replace(/\s+/g, ' '), why: 'it attaches the keyboard and the terminal (`-it`)', fix: 'drop `-it` and give the command to run (`kubectl exec POD -- cmd`)', line };
    }
    if (argv === outer) {
      const session = findOpener({ argv: [...argv], quotedName: false, fedInput: false, nested: false }, statement);
      if (session) return { program: name, why: `it opens a session ${session.where}`, fix: 'give it the commands to run (`ssh host \'cmd\'`, `psql -c \'…\'`, a heredoc)', line };
    }
  }
  return undefined;
}

/** What in this command never ends by itself, or undefined. */
export function findNeverEnding(text: string): Finding | undefined {
  for (const { argv, line } of commandsOf(text)) {
    const values = argv.map((word) => word.value);
    const name = base(values[0]);
    const sub = operandAfterName(argv);
    for (const entry of neverEndingCommands) {
      if (!entry.names.includes(name)) continue;
      if (entry.sub && !entry.sub.includes(sub ?? '')) continue;
      if (entry.unless && hasOption(values, entry.unless)) continue;
      if (!entry.always && !(entry.follow && hasOption(values, entry.follow))) continue;
      const flag = entry.follow?.find((option) => hasOption(values, [option]));
      return { program: [name, entry.sub ? sub : undefined, flag].filter(Boolean).join(' '), why: entry.what, fix: entry.fix, line };
    }
  }
  return undefined;
}

/** "runs `vim`, an editor", or what the cell says of itself: for lint and for the refusal. */
export function describeFinding(finding: Finding): string {
  return finding.program === '' ? `is a cell ${finding.why}` : `runs \`${finding.program}\`, ${finding.why}`;
}
