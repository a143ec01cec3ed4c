// The headings-and-fences style: a fence tagged as a shell is one command, run by one shell;
// what in it is not a command (client input, a session's lines, a message, only comments) is a
// manual step (manual-steps.ts); a transcript, or a shell block from its first `$ ` line on, is
// read as one (console-transcripts.ts); a Runme cell marked `ignore` or `transform=false` is
// shown, never run; anything else is never run, and is reported so that nothing a reader takes
// for a command passes silently.
import type { Position } from '../../model/runbook.js';
import type { FenceBlock } from '../document/blocks.js';
import { makeCommand } from '../make-command.js';
import type { StepReader } from '../step-reader.js';
import { addNote, emptyPart, partOf, type Draft } from '../step-drafts.js';
import { isConsoleLanguage, isOutputLanguage, isShellLanguage } from '../vocabulary.js';
import { readTranscript } from './console-transcripts.js';
import { keepSessions, manualAttestation, manualStepOf, sessionsOf, splitShellBlock, trimmedRange } from './manual-steps.js';
import { isCommentOrBlank, readStatement } from './read-statement.js';
import { placedProblems, readRunmeCell, runmeCommandFields } from './runme-attributes.js';

export function readFence(reader: StepReader, draft: Draft, fence: FenceBlock): void {
  const { lang } = fence;
  const runs = isShellLanguage(lang) || isConsoleLanguage(lang);
  if (runs) {
    const cell = readRunmeCell(fence.info.attributes);
    for (const problem of placedProblems(cell, fence.position)) reader.report(problem);
    if (cell.ignored !== undefined) {
      addNote(draft, `not run (${cell.ignored})`, fence.value, fence.position);
      return;
    }
    startCell(draft, cell.command.name, fence.position);
  }
  if (isConsoleLanguage(lang)) {
    readTranscript(reader, draft, fence);
    return;
  }
  if (isShellLanguage(lang)) {
    if (fence.value.trim() === '') return;
    const lines = fence.value.split('\n');
    const prompt = firstPromptLine(lines);
    const head = prompt === -1 ? lines : lines.slice(0, prompt);
    // Comments before the first `$ ` line say what the session is about; they are not a step.
    if (prompt === -1 || !head.every(isCommentOrBlank)) readShellLines(reader, draft, fence, head);
    if (prompt !== -1) {
      // A shell block written as a terminal session: run as written, `$` would be a command
      // name and the output lines commands too.
      reader.report({
        severity: 'warning',
        ruleId: 'prompt-in-shell-block',
        message: `This \`${lang ?? 'sh'}\` block is written as a terminal session from line ${fence.firstContentLine + prompt}: its \`$ \` lines are run without the prompt and the lines after each are its expected output, compared exactly; tag it \`console\` to say so, or take out the prompts and the output`,
        position: fence.positionOnLine(fence.firstContentLine + prompt, lines[prompt] ?? ''),
      });
      readTranscript(reader, draft, fence, prompt);
    }
    return;
  }
  reader.report({
    severity: 'warning',
    ruleId: lang === undefined ? 'untagged-fence' : 'non-shell-fence',
    message: lang === undefined
      ? 'Untagged code block under a step is not executed; tag it `sh` to run it, or `text` to silence this'
      : `Code block tagged \`${lang}\` under a step is not executed`,
    position: fence.position,
  });
  // Output blocks say what a command printed; other code (YAML, SQL) is kept for the reader.
  if (!isOutputLanguage(lang)) addNote(draft, lang ?? 'code', fence.value, fence.position);
}

/** The first line that starts a statement with a `$ ` prompt (never one inside a heredoc or a quote), or -1. */
function firstPromptLine(lines: readonly string[]): number {
  let i = 0;
  while (i < lines.length) {
    if (/^\s*\$ \S/.test(lines[i] as string)) return i;
    i = readStatement(lines, i).end;
  }
  return -1;
}

/** The lines before any `$ `: one command, or commands and the manual steps between them. */
function readShellLines(reader: StepReader, draft: Draft, fence: FenceBlock, lines: readonly string[]): void {
  const { lang } = fence;
  const part = partOf(draft);
  const { pieces, open } = splitShellBlock(lines, sessionsOf(draft));
  keepSessions(draft, open);
  const whole = pieces.length === 1 && pieces[0]?.kind === 'run' && lines.length === fence.value.split('\n').length;
  const cell = runmeCommandFields(fence.info.attributes, part);
  for (const piece of pieces) {
    const range = trimmedRange(lines, piece.start, piece.end);
    if (!range) continue;
    const line = fence.firstContentLine + range.start;
    const position = fence.positionOnLine(line, lines[range.start] ?? '');
    if (piece.kind === 'manual') {
      part.attestations.push(manualAttestation(lines.slice(range.start, range.end).join('\n'), manualStepOf(piece), position));
      continue;
    }
    // A block that is all commands stays exactly as written, blank lines and all.
    const text = whole ? fence.value.replace(/\n+$/, '') : lines.slice(range.start, range.end).join('\n');
    part.commands.push({
      ...makeCommand(reader, text, position, { source: 'fence', ...(lang !== undefined && { lang }), attributes: fence.info.attributes, firstLineOfBlock: fence.firstContentLine }),
      ...cell,
    });
  }
}

/**
 * A named Runme cell is a step of its own (a sub-step when its heading holds more), so that
 * `--only NAME` runs that cell and nothing beside it; the block after it starts the next part.
 */
function startCell(draft: Draft, name: string | undefined, position: Position): void {
  let part = partOf(draft);
  if (name === undefined && part.cell === undefined) return;
  if (part.commands.length > 0 || part.attestations.length > 0 || part.cell !== undefined) {
    draft.parts.push(emptyPart());
    part = partOf(draft);
    // The sub-step starts at its cell.
    part.actionPosition = position;
  }
  if (name !== undefined) part.cell = name;
}
