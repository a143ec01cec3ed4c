// What a shell block holds that is not a command (SPEC §2): client and REPL input (`mysql>`,
// `postgres=#`, `>>>`), the lines after a session opener (a bare `ssh db01`, `kubectl exec -it …
// -- sh`, `sudo -i`, `mysql -u root -p`), a lone quoted message, a block of only comments. Each
// becomes a manual step: an attestation the operator confirms, with the session it belongs to,
// never executed. The opener is part of it (run without a terminal it would hang); commands
// before it stay commands. A session stays open into the step's next blocks until it is closed.
import type { ManualStep, Position } from '../../model/runbook.js';
import type { DraftAttestation, Draft } from '../step-drafts.js';
import { readStatement, isCommentOrBlank } from './read-statement.js';
import { readStatementCommands } from './read-statement-commands.js';
import { closesSession, readPrompt } from './read-prompt.js';
import { findOpener, type Session } from './session-openers.js';

/** A session and the one it was opened in (`psql` typed on db01 after `ssh db01`). */
export interface OpenSession extends Session {
  parent?: OpenSession;
}

/** Lines of a block (0-based, end exclusive): run as a command, or done by hand. */
export interface BlockPiece {
  kind: 'run' | 'manual';
  start: number;
  end: number;
  /** For a manual piece: the session its lines are typed into, innermost. */
  session?: OpenSession;
  /** For a manual piece with no session: why it is done by hand. */
  reason?: 'message' | 'comment-only' | 'sample-output';
  /** For a run piece: every line is a comment or blank. */
  filler?: boolean;
}

/** What a statement is when it is not simply a command to run. */
export type Trigger = { kind: 'message' } | { kind: 'opener'; session: Session };

// No command is named in capitals: a line of them is output pasted after a command, the header of
// a table (`NAME   READY   STATUS`) or a reply such as `PONG` or `OK`.
const CAPITALS = /^[A-Z][A-Z0-9_%/.:-]*(?:\([a-z]+\))?$/;
const hasCapitalName = (word: string): boolean => CAPITALS.test(word) && /[A-Z].*[A-Z]|^[A-Z]{2}/.test(word);

/**
 * A line of words in capitals, read as written (`CPU(cores)` in a header is no shell syntax), or a
 * table's header in title case (`Filesystem      Size  Used Avail Use% Mounted on`).
 */
export function isOutputHeader(line: string): boolean {
  if (isCommentOrBlank(line)) return false;
  return line.trim().split(/\s+/).every(hasCapitalName) || (isTableRow(line) && TITLE_CASE_WORD.test(line.trim().split(/\s+/)[0] as string));
}

// Programs are named in lower case. A statement whose first word is in title case (`Rolling back
// orders-api now, expect 502s`, `Filesystem  Size  Used`) is a sentence or output pasted into the
// block, never a command anyone meant to run; the few programs named so are known.
const TITLE_CASE_WORD = /^[A-Z][a-z]+[,.:;!?]?$/;
const TITLE_CASE_PROGRAMS = new Set(['Rscript', 'Xvfb', 'Xorg', 'Xwayland']);

/** Whether a statement's first word reads as the start of a sentence rather than a program's name. */
function startsAsSentence(name: string, words: number): boolean {
  return words >= 2 && TITLE_CASE_WORD.test(name) && !TITLE_CASE_PROGRAMS.has(name);
}

/** A row of a table of output: columns set apart by runs of spaces or by tabs, no comment. */
export function isTableRow(line: string): boolean {
  return !isCommentOrBlank(line) && (line.trim().match(/\S(?: {2,}|	+)(?=\S)/g) ?? []).length >= 2;
}

/** A lone quoted sentence (`"Deploy is frozen, please hold"`) or a chat mention (`@here …`), or a session opener. */
export function classifyStatement(text: string): Trigger | undefined {
  const commands = readStatementCommands(text);
  if (!commands) return undefined;
  const first = commands[0];
  const name = first?.argv[0]?.value;
  if (first && !first.nested && typeof name === 'string' && ((first.quotedName && /\s/.test(name) && !name.includes('/')) || /^@\w/.test(name) || (!first.quotedName && startsAsSentence(name, first.argv.length)))) return { kind: 'message' };

  for (const command of commands) {
    const session = findOpener(command, text);
    if (session) return { kind: 'opener', session };
  }
  return undefined;
}

/**
 * Cuts a shell block's lines into what runs and what is done by hand. `open` are the sessions
 * left open by the step's earlier blocks (innermost last); the result says which are open after.
 */
export function splitShellBlock(lines: readonly string[], open: readonly OpenSession[] = []): { pieces: BlockPiece[]; open: OpenSession[] } {
  const pieces: BlockPiece[] = [];
  const stack = [...open];
  const add = (piece: BlockPiece): void => {
    const last = pieces.at(-1);
    if (last && last.kind === piece.kind && last.session === piece.session && last.reason === piece.reason && last.end === piece.start) {
      last.end = piece.end;
      if (!piece.filler) delete last.filler;
    } else pieces.push(piece);
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const top = stack.at(-1);
    if (top) {
      add({ kind: 'manual', start: i, end: i + 1, session: top });
      followSession(stack, line);
      i += 1;
      continue;
    }
    const prompt = readPrompt(line);
    if (prompt) {
      const session: OpenSession = { ...prompt.session };
      add({ kind: 'manual', start: i, end: i + 1, session });
      if (!closesSession(line, session.kind)) stack.push(session);
      i += 1;
      continue;
    }
    if (isCommentOrBlank(line)) {
      add({ kind: 'run', start: i, end: i + 1, filler: true });
      i += 1;
      continue;
    }
    if (isOutputHeader(line)) {
      // The rows under the header are output too.
      let end = i + 1;
      while (end < lines.length && isTableRow(lines[end] as string)) end += 1;
      add({ kind: 'manual', start: i, end, reason: 'sample-output' });
      i = end;
      continue;
    }
    const statement = readStatement(lines, i);
    const trigger = classifyStatement(statement.text);
    if (trigger?.kind === 'message') add({ kind: 'manual', start: i, end: statement.end, reason: 'message' });
    else if (trigger?.kind === 'opener') {
      const session: OpenSession = { ...trigger.session };
      add({ kind: 'manual', start: i, end: statement.end, session });
      stack.push(session);
    } else add({ kind: 'run', start: i, end: statement.end });
    i = statement.end;
  }
  return { pieces: foldFillers(pieces), open: stack };
}

/** A line typed into the innermost open session: it may close it, or open one inside it. */
export function followSession(stack: OpenSession[], line: string): void {
  const top = stack.at(-1);
  if (!top) return;
  if (closesSession(line, top.kind)) {
    stack.pop();
    return;
  }
  if (top.kind !== 'shell') return;
  const prompt = readPrompt(line);
  const typed = prompt ? line.slice(prompt.prompt.length) : line;
  const trigger = isCommentOrBlank(typed) ? undefined : classifyStatement(typed);
  if (trigger?.kind === 'opener') stack.push(inside(trigger.session, top));
}

/** A session opened inside another: described with both ("in the psql session …, on db01 (ssh)"). */
export function inside(session: Session, parent: OpenSession): OpenSession {
  return { ...session, where: `${session.where}, ${parent.where}`, parent };
}

/**
 * Comments and blank lines between manual pieces say what the next one is about: they join it
 * (or the one before, at the end), rather than becoming a command that runs nothing. A block of
 * only comments is itself a manual step.
 */
function foldFillers(pieces: BlockPiece[]): BlockPiece[] {
  if (!pieces.some((piece) => piece.kind === 'manual')) {
    const onlyComments = pieces.length > 0 && pieces.every((piece) => piece.filler);
    return onlyComments ? [{ kind: 'manual', start: pieces[0]?.start ?? 0, end: pieces.at(-1)?.end ?? 0, reason: 'comment-only' }] : pieces;
  }
  const folded: BlockPiece[] = [];
  for (const [index, piece] of pieces.entries()) {
    const next = pieces[index + 1];
    if (piece.filler && next?.kind === 'manual') {
      next.start = piece.start;
      continue;
    }
    const previous = folded.at(-1);
    if (piece.filler && previous?.kind === 'manual') {
      previous.end = piece.end;
      continue;
    }
    folded.push(piece);
  }
  return folded;
}

/** The session a manual piece belongs to, as the model keeps it: the outermost decides how to run it. */
export function manualStepOf(piece: BlockPiece): ManualStep {
  const session = piece.session;
  if (!session) return { reason: piece.reason ?? 'comment-only' };
  let outermost: OpenSession = session;
  while (outermost.parent) outermost = outermost.parent;
  return {
    reason: outermost.reason,
    session: session.where,
    program: outermost.program,
    ...(outermost.target !== undefined && { target: outermost.target }),
    ...(outermost.opener !== undefined && { opener: outermost.opener }),
  };
}

/** What a manual step without a session is called, by why it is not run. */
const LABELS: Partial<Record<ManualStep['reason'], string>> = {
  message: 'Manual step, a message',
  'sample-output': 'Manual step, output as the author saw it',
  'counter-example': 'Not to be run, as the text before it says',
  example: 'An example, not run',
};

/** The attestation a manual piece becomes: its lines as written, with where they are typed. */
export function manualAttestation(text: string, manual: ManualStep, position: Position): DraftAttestation {
  const label = manual.session ? `Manual step, ${manual.session}` : (LABELS[manual.reason] ?? 'Manual step');
  return { kind: 'manual', label, text, manual, position };
}

const openSessions = new WeakMap<Draft, OpenSession[]>();

/** Sessions the step's earlier blocks left open: its next block is typed into them. */
export function sessionsOf(draft: Draft): OpenSession[] {
  return openSessions.get(draft) ?? [];
}

export function keepSessions(draft: Draft, open: OpenSession[]): void {
  if (open.length > 0) openSessions.set(draft, open);
  else openSessions.delete(draft);
}

/** Lines `start`..`end` without blank lines at either edge; undefined when all are blank. */
export function trimmedRange(lines: readonly string[], start: number, end: number): { start: number; end: number } | undefined {
  let from = start;
  let to = end;
  while (from < to && (lines[from] ?? '').trim() === '') from += 1;
  while (to > from && (lines[to - 1] ?? '').trim() === '') to -= 1;
  return from < to ? { start: from, end: to } : undefined;
}
