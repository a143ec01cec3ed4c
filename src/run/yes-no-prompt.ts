// A y/n question inside the listr2 task list: the renderer shows the prompt under the task, and
// one keypress answers it. No prompt library needed for a yes or a no.
import type { Readable } from 'node:stream';
import { ListrPromptAdapter, ListrTaskEventType } from 'listr2';

type Keyboard = Readable & { isRaw?: boolean; setRawMode?: (mode: boolean) => unknown };

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

/** One keypress from a TTY: y or n. Ctrl-C still interrupts (raw mode would swallow it). */
export function readYesNo(stdin: Keyboard): Promise<boolean> {
  return new Promise((resolve) => {
    const wasRaw = stdin.isRaw ?? false;
    stdin.setRawMode?.(true);
    stdin.resume();
    const onData = (data: Buffer | string): void => {
      const key = data.toString();
      if (key === '\u0003') {
        process.kill(process.pid, 'SIGINT');
        return;
      }
      const answer = /^[yY]/.test(key) ? true : /^[nN]/.test(key) ? false : undefined;
      if (answer === undefined) return;
      stdin.off('data', onData);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
      resolve(answer);
    };
    stdin.on('data', onData);
  });
}
