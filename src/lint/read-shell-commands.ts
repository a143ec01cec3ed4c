// A runbook command as the rules read it: every simple command bash would run, named as it
// takes effect (`sudo helm rollback …` is `helm`), with its words as written and as bash passes
// them, and the next stage of its pipeline. Strings run again (`bash -c '…'`, `ssh host '…'`, a
// heredoc fed to a shell) are read too, each as a scope of its own. Built on the shell parse
// (src/shell/); a command the parser cannot read gives null, and the rules skip it.
import { analyzeShell } from '../shell/analyze-shell.js';
import { argvOf } from '../shell/list-effective-commands.js';
import type { Enclosing, ShellScript, ShellWord, SimpleCommand } from '../shell/shell-schema.js';
import { type ArgvWord, unwrapArgv } from '../shell/unwrap-command.js';

export interface ShellCommand {
  /** The name without its path (`helm` for `/usr/local/bin/helm`); null when only the shell knows it. */
  name: string | null;
  /** The word that names it, as written. */
  nameWord: ShellWord;
  /** The words after the name, wrappers looked through. */
  args: ShellWord[];
  /** The wrappers looked through, outermost first. */
  via: string[];
  /** 0: the command's own text; another number: a string run again, whose offsets are its own. */
  scope: number;
  /** The simple command's span, in its scope's offsets. */
  start: number;
  end: number;
  /** Where it is written in the runbook command's text (for a string run again: where that string's command is). */
  at: number;
  within: Enclosing[];
  /** The next stage of its pipeline: the command that reads its output. */
  pipesInto: ShellCommand | null;
}

/** `name=value`: the span of the value, in its scope's offsets. */
export interface ShellAssignment {
  scope: number;
  name: string;
  start: number;
  end: number;
}

export interface ShellReading {
  commands: ShellCommand[];
  assignments: ShellAssignment[];
}

// Deep enough for `ssh host "sudo bash -c '…'"`, as list-effective-commands reads it.
const MAX_DEPTH = 4;

export function readShellCommands(text: string): ShellReading | null {
  const analysis = analyzeShell(text);
  if (!analysis.ok) return null;
  const reading: ShellReading = { commands: [], assignments: [] };
  let scopes = 0;

  const readScript = (script: ShellScript, frame: { scope: number; at: number | null; within: Enclosing[]; via: string[]; depth: number }): void => {
    // The command whose output each simple command's pipe carries.
    const outputOf = new Map<number, ShellCommand>();
    script.commands.forEach((simple, index) => {
      for (const assignment of simple.assignments) {
        reading.assignments.push({ scope: frame.scope, name: assignment.name, start: assignment.value?.start ?? assignment.end, end: assignment.value?.end ?? assignment.end });
      }
      if (!simple.name) return;
      const words = [simple.name, ...simple.args];
      const at = frame.at ?? simple.start;
      const within = [...frame.within, ...simple.within];
      for (const layer of unwrapArgv(argvOf(simple), frame.via)) {
        if (layer.kind === 'command') {
          const [first = simple.name, ...rest] = layer.argv.map((word) => words[word.index] as ShellWord);
          const command: ShellCommand = { name: baseName(first.value), nameWord: first, args: rest, via: layer.via, scope: frame.scope, start: simple.start, end: simple.end, at, within, pipesInto: null };
          reading.commands.push(command);
          if (!outputOf.has(index)) outputOf.set(index, command);
          continue;
        }
        const inner = layer.kind === 'script' ? joinValues(layer.words, words) : heredocScript(simple);
        const nested = inner === null || frame.depth >= MAX_DEPTH ? undefined : analyzeShell(inner);
        if (!nested?.ok) continue;
        scopes += 1;
        readScript(nested.script, { scope: scopes, at, within, via: layer.kind === 'stdin-shell' ? [...layer.via, `${layer.by} <<`] : layer.via, depth: frame.depth + 1 });
      }
    });
    script.commands.forEach((simple, index) => {
      const from = outputOf.get(index);
      const to = simple.pipesInto === null ? undefined : outputOf.get(simple.pipesInto);
      if (from && to) from.pipesInto = to;
    });
  };

  readScript(analysis.script, { scope: 0, at: null, within: [], via: [], depth: 0 });
  return reading;
}

/** The stages after `command` in its pipeline, in order. */
export function downstreamOf(command: ShellCommand): ShellCommand[] {
  const stages: ShellCommand[] = [];
  for (let next = command.pipesInto; next !== null && !stages.includes(next); next = next.pipesInto) stages.push(next);
  return stages;
}

/** Where a word of `command` is written in the runbook command's text. */
export function offsetOfWord(command: ShellCommand, word: ShellWord | undefined): number {
  return command.scope === 0 && word ? word.start : command.at;
}

/** The value bash passes, or the word as written when only the shell knows it (`<revision>`, `"$rev"`). */
export function wordText(word: ShellWord): string {
  return word.value ?? word.text;
}

function baseName(value: string | null): string | null {
  return value === null ? null : value.slice(value.lastIndexOf('/') + 1);
}

/**
 * The string a wrapper runs again. A quoted word holding a placeholder has no value yet, but
 * its text is the script all the same (`ssh <host> 'systemctl restart <unit>'`).
 */
function joinValues(argv: readonly ArgvWord[], words: readonly ShellWord[]): string | null {
  const values = argv.map((word) => word.value ?? quotedText(words[word.index]?.text ?? ''));
  return values.every((value): value is string => value !== null) ? values.join(' ') : null;
}

function quotedText(text: string): string | null {
  if (/^'[^']*'$/.test(text)) return text.slice(1, -1);
  if (/^"[^"$`\\]*"$/.test(text)) return text.slice(1, -1);
  return null;
}

/** The script a shell reading standard input gets from a heredoc or here-string of its own. */
function heredocScript(command: SimpleCommand): string | null {
  for (const redirect of command.redirects) {
    if (redirect.heredoc) return redirect.heredoc.body;
    if (redirect.operator === '<<<' && redirect.target) return redirect.target.value;
  }
  return null;
}
