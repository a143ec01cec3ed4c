// Questions answered with one keypress: y/n inside the listr2 task list (attestations, outcomes),
// and run / skip / abort at a gate, in the task list or on a plain terminal. Raw mode would
// swallow Ctrl-C, so it is passed on as the run's interrupt; and a question still open when the
// run is interrupted gives up at once (undefined), so nothing waits on an answer nobody will give.
import type { Readable } from 'node:stream';
import { ListrPromptAdapter, ListrTaskEventType } from 'listr2';

export type Keyboard = Readable & { isRaw?: boolean; setRawMode?: (mode: boolean) => unknown };

export interface KeyQuestion<T> {
  /** The answer for each key. */
  keys: Readonly<Record<string, T>>;
  /** Aborted: the question is withdrawn, and answers undefined. */
  signal?: AbortSignal;
  /** Ctrl-C at the question. */
  onInterrupt?: () => void;
}

/** What ends a wait for keys other than its answer: the run's interrupt. */
export type KeyWait = Omit<KeyQuestion<unknown>, 'keys'>;

/** One keypress among `keys`; other keys are ignored. */
export function readKey<T>(stdin: Keyboard, { keys, ...ask }: KeyQuestion<T>): Promise<T | undefined> {
  return readKeys(stdin, ask, (chunk) => {
    const key = [...chunk].find((k) => Object.hasOwn(keys, k));
    return key === undefined ? undefined : { answer: keys[key] as T };
  });
}

/**
 * Keys as the terminal sends them, a chunk at a time (an arrow key is one chunk of three), until
 * `answer` gives the answer; undefined from it waits for the next key.
 */
export function readKeys<T>(stdin: Keyboard, { signal, onInterrupt }: KeyWait, answer: (chunk: string) => { answer: T } | undefined): Promise<T | undefined> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(undefined);
      return;
    }
    const wasRaw = stdin.isRaw ?? false;
    stdin.setRawMode?.(true);
    stdin.resume();
    const done = (given: T | undefined): void => {
      stdin.off('data', onData);
      signal?.removeEventListener('abort', onAbort);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
      resolve(given);
    };
    const onAbort = (): void => done(undefined);
    const onData = (data: Buffer | string): void => {
      const chunk = data.toString();
      if (chunk.includes('\u0003')) {
        // The interrupt aborts the run, which withdraws this question.
        onInterrupt?.();
        if (!signal) done(undefined);
        return;
      }
      const given = answer(chunk);
      if (given !== undefined) done(given.answer);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    stdin.on('data', onData);
  });
}

export const yesNoKeys = { y: true, Y: true, n: false, N: false } as const;

/** run, skip or abort; `n` aborts too, as a no to "run it?" should. */
export const gateKeys = { y: 'run', Y: 'run', s: 'skip', S: 'skip', a: 'abort', A: 'abort', n: 'abort', N: 'abort' } as const;
export type GateAnswer = (typeof gateKeys)[keyof typeof gateKeys];
export const GATE_CHOICES = '[y] run  [s] skip  [a] abort';

/** A one-key question under a listr2 task: the renderer shows it, the keypress answers it. */
export class KeyPrompt extends ListrPromptAdapter {
  // listr2 declares `run` generic over its result; the keys given decide the answer's type.
  async run<T = unknown>(question: string, stdin: Keyboard, ask: KeyQuestion<unknown>): Promise<T> {
    this.reportStarted();
    const out = this.wrapper.stdout(ListrTaskEventType.PROMPT);
    out.write(`${question} `);
    try {
      return (await readKey(stdin, ask)) as T;
    } finally {
      out.write('');
      this.reportCompleted();
    }
  }
}
