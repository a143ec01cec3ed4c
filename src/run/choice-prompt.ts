// A list to pick one option from, inside the listr2 task list, beside the y/n prompt: ↑/↓ or an
// option's number to move, Enter to take it. The whole list is written again on each key, which
// the renderer shows in place of the last.
import { ListrPromptAdapter, ListrTaskEventType } from 'listr2';
import type { DecisionQuestion } from './decision-question.js';
import { readKeys, type Keyboard, type KeyWait } from './key-prompt.js';

export class ChoicePrompt extends ListrPromptAdapter {
  // listr2 declares `run` generic over its result; this adapter answers an option's id.
  async run<T = string | undefined>(question: DecisionQuestion, stdin: Keyboard, ask: KeyWait = {}): Promise<T> {
    this.reportStarted();
    const out = this.wrapper.stdout(ListrTaskEventType.PROMPT);
    try {
      return (await readChoice(question, stdin, (text) => out.write(text), ask)) as T;
    } finally {
      out.write('');
      this.reportCompleted();
    }
  }
}

/** The list as drawn: the pointer on the option `at`. */
export function drawChoice(question: DecisionQuestion, at: number): string {
  const width = Math.max(...question.options.map((o) => o.id.length));
  const lines = question.options.map((option, index) => {
    const command = option.firstCommand ? `   $ ${option.firstCommand.split('\n')[0]}` : '';
    return `${index === at ? '›' : ' '} ${index + 1}) ${option.id.padEnd(width)}  ${option.title}${command}`;
  });
  return `${question.decisionId}: ${question.title} — which branch?\n${lines.join('\n')}\n  ↑/↓ or a number, then Enter`;
}

/** Keys until Enter: ↑/↓ (or k/j) move, a number jumps to its option. Withdrawn (undefined) when the run is interrupted. */
export function readChoice(question: DecisionQuestion, stdin: Keyboard, draw: (text: string) => void, ask: KeyWait = {}): Promise<string | undefined> {
  const count = question.options.length;
  let at = Math.max(0, question.options.findIndex((option) => option.id === question.default));
  draw(drawChoice(question, at));
  return readKeys<string>(stdin, ask, (key) => {
    if (key === '\r' || key === '\n') return { answer: question.options[at]?.id ?? '' };
    if (key === '\u001b[A' || key === 'k') at = (at + count - 1) % count;
    else if (key === '\u001b[B' || key === 'j') at = (at + 1) % count;
    else if (/^[1-9]$/.test(key) && Number(key) <= count) at = Number(key) - 1;
    else return undefined;
    draw(drawChoice(question, at));
    return undefined;
  });
}
