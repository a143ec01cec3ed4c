// Console transcripts (`console`, `shell-session`, or the part of a shell block from its first
// `$ ` line on), read as a terminal shows them: each `$ ` line is a command; while the command is
// incomplete (an open quote, a trailing `\` or `|`, an unclosed `if`/`for`, a heredoc whose body
// has not ended) the next lines continue it, `> ` (PS2) taken off; the lines after it are its
// expected output. Before the first `$ ` line, `#` lines are comments; in a block with no `$ `
// line at all, `# ` is a root shell's prompt, and those lines are done by hand. A command that
// opens a session (`$ ssh db01`, `$ mysql -p`), a client's prompt (`mysql> …`) or a named host's
// prompt (`root@db01:~#`) starts a manual step, as in a shell block (manual-steps.ts).
import type { FenceBlock } from '../document/blocks.js';
import { makeCommand } from '../make-command.js';
import type { StepReader } from '../step-reader.js';
import { partOf, type Draft } from '../step-drafts.js';
import { StatementReader } from './read-statement.js';
import { closesSession, readPrompt } from './read-prompt.js';
import { classifyStatement, followSession, inside, keepSessions, manualAttestation, manualStepOf, sessionsOf, trimmedRange, type BlockPiece, type OpenSession } from './manual-steps.js';
import { runmeCommandFields } from './runme-attributes.js';

/** One `$ ` command: its text (continuations joined), the lines it spans, the output after it. */
interface TranscriptCommand {
  text: string;
  start: number;
  end: number;
}

const PROMPT = /^\s*\$(?: (.*))?$/;
const ROOT_SESSION: OpenSession = { kind: 'shell', reason: 'root-prompt', program: 'a root shell', where: 'in a root shell (the `#` prompt)' };

/** The `$ ` command starting at `lines[start]`, read on while it is incomplete. */
function readCommand(lines: readonly string[], start: number, first: string): TranscriptCommand {
  const reader = new StatementReader();
  let text = first;
  let end = start + 1;
  let open = reader.feed(first);
  while (open && end < lines.length && !PROMPT.test(lines[end] as string)) {
    const line = (lines[end] as string).replace(/^> ?/, '');
    text += `\n${line}`;
    open = reader.feed(line);
    end += 1;
  }
  return { text, start, end };
}

type TranscriptPiece = BlockPiece & { command?: TranscriptCommand; output?: number[] };

/** Cuts a transcript's lines into commands with their output, and manual steps. */
export function splitTranscript(lines: readonly string[], open: readonly OpenSession[] = []): { pieces: TranscriptPiece[]; open: OpenSession[] } {
  const pieces: TranscriptPiece[] = [];
  const stack = [...open];
  const hasPrompt = lines.some((line) => PROMPT.test(line));
  let current: TranscriptPiece | undefined;
  const manual = (start: number, end: number, session: OpenSession | undefined, reason?: BlockPiece['reason']): void => {
    const last = pieces.at(-1);
    current = undefined;
    if (last?.kind === 'manual' && last.session === session && last.reason === reason && last.end === start) last.end = end;
    else pieces.push({ kind: 'manual', start, end, ...(session && { session }), ...(reason && { reason }) });
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const prompt = PROMPT.exec(line);
    if (prompt) {
      // The shell's own prompt is back: a client session has ended.
      while (stack.at(-1)?.kind === 'client') stack.pop();
      const command = readCommand(lines, i, prompt[1] ?? '');
      const top = stack.at(-1);
      if (top) {
        manual(command.start, command.end, top);
        if (closesSession(command.text, 'shell')) stack.pop();
        else {
          const trigger = classifyStatement(command.text);
          if (trigger?.kind === 'opener') stack.push(inside(trigger.session, top));
        }
      } else if (command.text.trim() === '' || /^\s*#/.test(command.text) && !command.text.includes('\n')) {
        current = undefined;
      } else {
        const trigger = classifyStatement(command.text);
        if (trigger?.kind === 'message') manual(command.start, command.end, undefined, 'message');
        else if (trigger?.kind === 'opener') {
          const session: OpenSession = { ...trigger.session };
          manual(command.start, command.end, session);
          stack.push(session);
        } else {
          current = { kind: 'run', start: command.start, end: command.end, command, output: [] };
          pieces.push(current);
        }
      }
      i = command.end;
      continue;
    }
    const top = stack.at(-1);
    if (top) {
      manual(i, i + 1, top);
      followSession(stack, line);
    } else if (readPrompt(line)) {
      const session: OpenSession = { ...(readPrompt(line)?.session as OpenSession) };
      manual(i, i + 1, session);
      if (!closesSession(line, session.kind)) stack.push(session);
    } else if (!hasPrompt && /^#(?: |$)/.test(line)) {
      // No `$ ` anywhere: `# ` is the prompt of a root shell.
      manual(i, i + 1, ROOT_SESSION);
      stack.push(ROOT_SESSION);
    } else if (current) current.output?.push(i);
    i += 1;
  }
  return { pieces, open: stack.filter((session) => session !== ROOT_SESSION) };
}

/**
 * Each command of a transcript joins the step, with the output printed after it as its
 * expectation; each manual piece becomes an attestation. `from` is the transcript's first line
 * within the block (a shell block may start with plain commands).
 */
export function readTranscript(reader: StepReader, draft: Draft, fence: FenceBlock, from = 0): void {
  const part = partOf(draft);
  const lines = fence.value.split('\n').slice(from);
  const { pieces, open } = splitTranscript(lines, sessionsOf(draft));
  keepSessions(draft, open);
  const cell = runmeCommandFields(fence.info.attributes, part);
  for (const piece of pieces) {
    const lineOf = (index: number): number => fence.firstContentLine + from + index;
    if (piece.kind === 'manual') {
      const range = trimmedRange(lines, piece.start, piece.end);
      if (!range) continue;
      part.attestations.push(manualAttestation(lines.slice(range.start, range.end).join('\n'), manualStepOf(piece), fence.positionOnLine(lineOf(range.start), lines[range.start] ?? '')));
      continue;
    }
    const command = piece.command as TranscriptCommand;
    const position = fence.positionOnLine(lineOf(command.start), command.text.split('\n')[0] ?? '');
    part.commands.push({ ...makeCommand(reader, command.text, position, { source: 'console', ...(fence.lang !== undefined && { lang: fence.lang }), attributes: fence.info.attributes }), ...cell });
    const output = (piece.output ?? []).map((index) => lines[index] as string);
    while (output.length > 0 && output.at(-1)?.trim() === '') output.pop();
    if (output.length > 0) {
      part.expectations.push({ text: 'output as in the transcript', position, matchers: [], expectedOutput: output, commandIndex: part.commands.length - 1 });
    }
  }
}
