// Questions asked at the terminal: before anything runs, a value nobody gave (Ctrl-C or Ctrl-D
// there means the operator left before anything ran); during the run, where no task list is
// drawn, a gate at its step's turn. The answer is read from the given stdin and the question
// written to stderr.
import { createInterface } from 'node:readline/promises';
import type { Writable } from 'node:stream';
import { ExitCode } from '../cli/errors.js';
import type { AskGate } from '../run/execute-run.js';
import { formatGateQuestion } from '../run/format-gate-question.js';
import { GATE_CHOICES, gateKeys, readKey, type Keyboard } from '../run/key-prompt.js';
import type { RunSettings } from './run-settings.js';

export interface Terminal {
  stdin: Keyboard;
  stderr: Writable;
}

/** A value typed at the terminal; a secret is not echoed. */
export async function askValue(terminal: Terminal, question: string, secret: boolean): Promise<string> {
  return secret ? readHidden(terminal, question) : (await askLine(terminal, question)).trim();
}

/** Whether gates are asked at their step's turn: someone at a terminal can answer, and --yes did not. */
export function gatesAskedAtTurn(settings: Pick<RunSettings, 'yes' | 'json'>, io: { tty: { stdin: boolean } }): boolean {
  return io.tty.stdin && !settings.json && !settings.yes;
}

/**
 * A gate at its turn, asked on stderr where no task list is drawn: one key, y run, s skip, a or n
 * abort. Ctrl-C interrupts the run, and a question open when the run is interrupted gives up.
 */
export function gateAsker(terminal: Terminal, run: { signal: AbortSignal; onInterrupt: () => void }): AskGate {
  return async (gate) => {
    terminal.stderr.write(`${formatGateQuestion(gate)}\n  ${GATE_CHOICES} `);
    const answer = await readKey(terminal.stdin, { keys: gateKeys, signal: run.signal, onInterrupt: run.onInterrupt });
    terminal.stderr.write(`${answer ?? 'interrupted'}\n`);
    return answer;
  };
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
