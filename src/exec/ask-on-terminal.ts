// Questions asked at the terminal before anything runs: a value nobody gave, a gate. The answer is
// read from the given stdin and the question written to stderr. Ctrl-C (or Ctrl-D) there means
// the operator left before anything ran.
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { ExitCode } from '../cli/errors.js';

export interface Terminal {
  stdin: Readable & { isRaw?: boolean; setRawMode?: (mode: boolean) => unknown };
  stderr: Writable;
}

/** A value typed at the terminal; a secret is not echoed. */
export async function askValue(terminal: Terminal, question: string, secret: boolean): Promise<string> {
  return secret ? readHidden(terminal, question) : (await askLine(terminal, question)).trim();
}

/** y or yes (any case), then Enter: anything else is a no. */
export async function askYesNo(terminal: Terminal, question: string): Promise<boolean> {
  return /^y(es)?$/i.test((await askLine(terminal, question)).trim());
}

/** Reads a line in raw mode without echoing it: Enter ends it, Backspace edits, Ctrl-C leaves. */
function readHidden({ stdin, stderr }: Terminal, question: string): Promise<string> {
  stderr.write(question);
  return new Promise((resolveValue, reject) => {
    let value = '';
    const wasRaw = stdin.isRaw ?? false;
    stdin.setRawMode?.(true);
    stdin.resume();
    const done = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (data: Buffer | string): void => {
      for (const char of data.toString()) {
        if (char === '\u0003') {
          done();
          stderr.write('runbook: interrupted; nothing was run\n');
          reject(new ExitCode(130));
          return;
        }
        if (char === '\r' || char === '\n') {
          done();
          resolveValue(value.trim());
          return;
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function askLine({ stdin, stderr }: Terminal, question: string): Promise<string> {
  const rl = createInterface({ input: stdin, output: stderr });
  try {
    return await rl.question(question);
  } catch (error) {
    stderr.write(`\nrunbook: interrupted; nothing was run\n`);
    throw new ExitCode((error as Error).name === 'AbortError' ? 130 : 2);
  } finally {
    rl.close();
  }
}
