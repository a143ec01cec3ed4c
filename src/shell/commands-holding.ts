// Which of a script's commands hold a placeholder's span: by their own range, a word or a
// redirect (a heredoc body lies past its command's line). Each placeholder's context asks this
// several times; going through every command each time made a script of n lines with a
// placeholder each cost n² (a thousand-line block took seconds, four thousand minutes).
//
// Spans come in the order of the text and never overlap (locatePlaceholders), so one sweep serves
// them all: ranges are taken in as their start is passed and dropped once they end before the
// span does, and what is left holds the span. A question out of that order starts the sweep again.
import type { ShellScript, SimpleCommand } from './shell-schema.js';

interface Range {
  start: number;
  end: number;
}

interface Holder extends Range {
  command: number;
}

class Sweep {
  readonly #commands: readonly SimpleCommand[];
  readonly #ranges: Holder[];
  #next = 0;
  #open: Holder[] = [];
  #last: Range = { start: -1, end: -1 };
  #answer: readonly SimpleCommand[] = [];

  constructor(script: ShellScript) {
    this.#commands = script.commands;
    this.#ranges = script.commands
      .flatMap((command, index) => [command, ...(command.name ? [command.name] : []), ...command.args, ...command.assignments, ...command.redirects].map((range) => ({ start: range.start, end: range.end, command: index })))
      .sort((a, b) => a.start - b.start);
  }

  holding(span: Range): readonly SimpleCommand[] {
    if (span.start === this.#last.start && span.end === this.#last.end) return this.#answer;
    if (span.start < this.#last.start || span.end < this.#last.end) {
      this.#next = 0;
      this.#open = [];
    }
    while (this.#next < this.#ranges.length && (this.#ranges[this.#next] as Holder).start <= span.start) this.#open.push(this.#ranges[this.#next++] as Holder);
    this.#open = this.#open.filter((range) => range.end >= span.end);
    const indices = [...new Set(this.#open.map((range) => range.command))].sort((a, b) => a - b);
    this.#last = { start: span.start, end: span.end };
    this.#answer = indices.map((index) => this.#commands[index] as SimpleCommand);
    return this.#answer;
  }
}

const sweeps = new WeakMap<ShellScript, Sweep>();

/**
 * The script's commands, in its order, of which the range, a word or a redirect holds `span`
 * (callers still check which part does): every command any such check could find.
 */
export function commandsHolding(script: ShellScript, span: Range): readonly SimpleCommand[] {
  let sweep = sweeps.get(script);
  if (!sweep) sweeps.set(script, (sweep = new Sweep(script)));
  return sweep.holding(span);
}
