// Keys from a TTY in raw mode, one chunk at a time, until the handler has its answer. Ctrl-C
// still interrupts the run (raw mode would otherwise swallow it).
import type { Readable } from 'node:stream';

export type Keyboard = Readable & { isRaw?: boolean; setRawMode?: (mode: boolean) => unknown };

/** `answer` returns the answer a key gives, or undefined to wait for the next key. */
export function readKeys<T>(stdin: Keyboard, answer: (key: string) => T | undefined): Promise<T> {
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
      const given = answer(key);
      if (given === undefined) return;
      stdin.off('data', onData);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
      resolve(given);
    };
    stdin.on('data', onData);
  });
}
