// A y/n question inside the listr2 task list: the renderer shows the prompt under the task, and
// one keypress answers it. No prompt library needed for a yes or a no.
import { ListrPromptAdapter, ListrTaskEventType } from 'listr2';
import { readKeys, type Keyboard } from './read-keys.js';

export class YesNoPrompt extends ListrPromptAdapter {
  // listr2 declares `run` generic over its result; this adapter only ever answers a boolean.
  async run<T = boolean>(question: string, stdin: Keyboard): Promise<T> {
    this.reportStarted();
    const out = this.wrapper.stdout(ListrTaskEventType.PROMPT);
    out.write(`${question} [y/n] `);
    try {
      return (await readYesNo(stdin)) as T;
    } finally {
      out.write('');
      this.reportCompleted();
    }
  }
}

/** One keypress from a TTY: y or n. */
export function readYesNo(stdin: Keyboard): Promise<boolean> {
  return readKeys(stdin, (key) => (/^[yY]/.test(key) ? true : /^[nN]/.test(key) ? false : undefined));
}
