// The headings-and-fences style: a fence tagged as a shell is one command, run by one shell;
// what in it is not a command (client input, a session's lines, a message, only comments) is a
// manual step (manual-steps.ts); a block with `# OR` lines between its commands offers a choice
// of them, one part each; a transcript, or a shell block from its first `$ ` line on, is read as
// one (console-transcripts.ts); a Runme cell marked `ignore` or `transform=false` is shown, never
// run; anything else is never run, and is reported so that nothing a reader takes for a command
// passes silently.
import type { Position } from '../../model/runbook.js';
import type { FenceBlock, ParagraphBlock } from '../document/blocks.js';
import { makeCommand } from '../make-command.js';
import type { StepReader } from '../step-reader.js';
import { addNote, emptyPart, partOf, type Draft } from '../step-drafts.js';
import { commandVerbPattern, isChoiceIntro, isConsoleLanguage, machineNamedBy, isCounterExampleIntro, isExampleIntro, isOutputLanguage, isRunnableLanguage, isShellLanguage, readOrLine } from '../vocabulary.js';
import { readTranscript } from './console-transcripts.js';
import { leaveOrChoice } from './or-paragraphs.js';
import { keepSessions, manualAttestation, manualStepOf, sessionsOf, splitShellBlock, trimmedRange } from './manual-steps.js';
import { firstCommandLine, isCommentOrBlank, readStatement } from './read-statement.js';
import { placedProblems, readRunmeCell, runmeCommandFields } from './runme-attributes.js';

export function readFence(reader: StepReader, draft: Draft, fence: FenceBlock): void {
  reportUnclosed(reader, fence);
  const { lang } = fence;
  const runs = isRunnableLanguage(lang);
  if (runs) leaveOrChoice(reader, draft);
  const notToRun = runs ? notToRunBy(reader, fence) : undefined;
  if (notToRun) {
    partOf(draft).attestations.push(manualAttestation(fence.value.replace(/\n+$/, ''), { reason: notToRun }, fence.position));
    return;
  }
  const machine = runs ? machineOf(reader, draft, fence) : undefined;
  if (machine !== undefined) {
    partOf(draft).attestations.push(manualAttestation(fence.value.replace(/\n+$/, ''), { reason: 'elsewhere', session: `on ${machine}`, target: machine.replace(/`/g, '').replace(/^(?:the|each|every|all|a|an|one|both)\s+/i, '') }, fence.position));
    return;
  }
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
    if (prompt === -1) {
      const pieces = splitAtOrLines(fence.value);
      if (pieces.length > 1) {
        readChoiceOfCommands(reader, draft, fence, pieces);
        return;
      }
      // "Depending on the region, run one of:" over one block of commented pieces: one piece each.
      if (introducedAsChoice(reader, fence)) {
        // Its comments say what each piece is for. Without them, which lines make one option is
        // a guess (`cd /srv/app` may belong to the line after it): the operator does one by hand.
        const commented = splitAtCommentLines(fence.value);
        if (commented.length > 1) {
          readChoiceOfCommands(reader, draft, fence, commented);
          return;
        }
        if (splitAtStatements(lines).length > 1) {
          partOf(draft).attestations.push({ kind: 'label', label: 'One of these, by hand (the block does not say where each option ends)', text: fence.value.replace(/\n+$/, ''), position: fence.position });
          reader.report({
            severity: 'warning',
            ruleId: 'choice-unclear',
            message: 'The text before this block says to run one of its commands, but not where each option ends, so none is run: the operator does one by hand; put a `# OR` line between the options (or a comment over each) to have the chosen one run',
            position: fence.position,
          });
          return;
        }
      }
    }
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
      ? looksLikeShell(fence.value)
        ? 'Untagged code block under a step is not executed; tag it `sh` to run it, or `text` to silence this'
        : 'Untagged code block under a step is not executed; tag it `text` (or its language) to say what it holds'
      : `Code block tagged \`${lang}\` under a step is not executed`,
    position: fence.position,
  });
  // "Run:" over an untagged block of shell: the author meant it done, and it is not run here, so
  // the operator confirms doing it rather than the step passing without it.
  if (lang === undefined && looksLikeShell(fence.value) && introSaysRun(reader, fence)) {
    partOf(draft).attestations.push({ kind: 'label', label: 'Untagged block, not run: do it by hand', text: fence.value.replace(/\n+$/, ''), position: fence.position });
    return;
  }
  // Output blocks say what a command printed; other code (YAML, SQL) is kept for the reader.
  if (!isOutputLanguage(lang)) addNote(draft, lang ?? 'code', fence.value, fence.position);
}

/** The text right before the block, or its item's lead, says to run what follows ("Run:", "2. Then run:"). */
function introSaysRun(reader: StepReader, fence: FenceBlock): boolean {
  const said = introOf(reader, fence)?.text.trim();
  if (said === undefined) return false;
  return commandVerbPattern.test(said) || /(?:^|\s)(?:run|execute|type|enter)\s*(?:this|these|the\s+following|it)?\s*:$/i.test(said);
}

/** The paragraph right before the block, at its depth or as the lead of the item it sits in. */
function introOf(reader: StepReader, fence: FenceBlock): ParagraphBlock | undefined {
  const before = reader.blocks[fence.index - 1];
  return before?.kind === 'paragraph' && (before.parent === fence.parent || before.parent?.lead === before) ? before : undefined;
}

// Commands that take what they run to the other machine themselves: they run here.
const REACHES_THERE = /^\s*(?:sudo\s+)?(?:ssh|scp|rsync|mosh|kubectl|oc|docker|podman|nerdctl|crictl|lxc|incus|vagrant|gcloud|aws|az|ansible|ansible-playbook|salt|pssh|parallel-ssh|clush|pdsh|knife|virsh|multipass|tsh|teleport)\b/;

/**
 * "On the database host, run:", "Log in to the primary and run:", "### On each web node": the
 * machine, other than the operator's, the block's text says to type it on. The block is then a
 * manual step there, unless its commands go there themselves (`ssh db01 '…'`, `kubectl exec`).
 */
function machineOf(reader: StepReader, draft: Draft, fence: FenceBlock): string | undefined {
  if (REACHES_THERE.test(firstCommandLine(fence.value).replace(/^\$\s+/, ''))) return undefined;
  const intro = introOf(reader, fence)?.text;
  const part = partOf(draft);
  const heading = part.fromHeading === true ? part.action : undefined;
  for (const text of [intro, fence.parent?.lead?.text, heading, draft.title]) {
    const machine = text === undefined ? undefined : machineNamedBy(text);
    if (machine !== undefined) return machine;
  }
  return undefined;
}

/** The paragraph right before the block says not to run it ("Wrong:", "Do not run this"), or that it is an example ("Example:"). */
function notToRunBy(reader: StepReader, fence: FenceBlock): 'counter-example' | 'example' | undefined {
  const before = reader.blocks[fence.index - 1];
  let said: string | undefined;
  if (before?.kind === 'item') said = before.rest.length === 0 ? before.lead?.text : undefined;
  else if (before?.kind === 'paragraph') {
    // Its own item's sentence (`1. Do not run:` and the block under it), or an item of only that sentence.
    const alone = before.parent !== undefined && before.parent.lead === before && before.parent.rest.length === 0;
    if (before.parent === fence.parent || alone) said = before.text;
  }
  if (said === undefined) return undefined;
  return isCounterExampleIntro(said) ? 'counter-example' : isExampleIntro(said) ? 'example' : undefined;
}

/** One command of a fence: `text` starts at line `first` of the block (0-based). */
function fenceCommand(reader: StepReader, fence: FenceBlock, text: string, first: number): ReturnType<typeof makeCommand> {
  const lines = text.split('\n');
  const lineIndex = Math.max(0, lines.findIndex((line) => line.trim() !== ''));
  const line = fence.firstContentLine + first + lineIndex;
  return makeCommand(reader, text.replace(/\n+$/, ''), fence.positionOnLine(line, lines[lineIndex] ?? ''), {
    source: 'fence', ...(fence.lang !== undefined && { lang: fence.lang }), attributes: fence.info.attributes, firstLineOfBlock: fence.firstContentLine,
  });
}

interface OrPiece {
  text: string;
  /** 0-based line of the block the piece starts on. */
  first: number;
  /** What the `# Or, …` line before it says ("to a given revision"). */
  said: string;
}

/** The commands between `# OR` lines; a block without one is a single piece. */
function splitAtOrLines(value: string): OrPiece[] {
  const pieces: OrPiece[] = [];
  let current: OrPiece = { text: '', first: 0, said: '' };
  value.split('\n').forEach((line, index) => {
    const said = readOrLine(line);
    if (said === undefined) {
      current.text = current.text === '' && current.first === index ? line : `${current.text}\n${line}`;
      return;
    }
    pieces.push(current);
    current = { text: '', first: index + 1, said };
  });
  pieces.push(current);
  for (const piece of pieces.slice(1)) {
    // A piece starts at its first line that is not blank.
    const blank = /^(?:[ \t]*\n)*/.exec(piece.text)?.[0] ?? '';
    piece.first += blank.split('\n').length - 1;
    piece.text = piece.text.slice(blank.length);
  }
  // Only a piece holding a command line counts: a heading comment before the first `# OR` does not.
  return pieces.filter((piece) => piece.text.split('\n').some((line) => line.trim() !== '' && !/^\s*#/.test(line)));
}

/** The text right before the block, at its depth or as the lead of its item, says to pick one. */
function introducedAsChoice(reader: StepReader, fence: FenceBlock): boolean {
  if (reader.choiceRuns.openers.has(fence)) return false;
  const intro = introOf(reader, fence);
  return intro !== undefined && isChoiceIntro(intro.text);
}

/**
 * `# us-east-1` / `aws … --region us-east-1` / `# eu-west-1` / `aws … --region eu-west-1`: a
 * comment line after a command starts the next piece, and says what it is for. Every piece must
 * open with its comment and hold a command, or the block is one piece.
 */
function splitAtCommentLines(value: string): OrPiece[] {
  const pieces: OrPiece[] = [];
  let current: OrPiece | undefined;
  let sawCommand = false;
  const lines = value.split('\n');
  for (const [index, line] of lines.entries()) {
    const comment = /^\s*#\s?(.*)$/.exec(line);
    if (comment && (current === undefined || sawCommand)) {
      current = { text: line, first: index, said: (comment[1] ?? '').replace(/:$/, '').trim() };
      pieces.push(current);
      sawCommand = false;
      continue;
    }
    if (current === undefined) {
      if (line.trim() === '') continue;
      return [];
    }
    current.text = `${current.text}\n${line}`;
    if (line.trim() !== '' && !/^\s*#/.test(line)) sawCommand = true;
  }
  return pieces.every((piece) => piece.text.split('\n').some((line) => line.trim() !== '' && !/^\s*#/.test(line))) ? pieces : [];
}

/** Each statement of the block (a command with its continuation lines or heredoc), comments and blank lines left out. */
function splitAtStatements(lines: readonly string[]): OrPiece[] {
  const pieces: OrPiece[] = [];
  for (let i = 0; i < lines.length; ) {
    if (isCommentOrBlank(lines[i] as string)) {
      i += 1;
      continue;
    }
    const statement = readStatement(lines, i);
    pieces.push({ text: statement.text, first: i, said: '' });
    i = statement.end;
  }
  return pieces;
}

/**
 * `kubectl rollout undo …` / `# OR` / `kubectl rollout undo … --to-revision=2`: each piece is a
 * part of its own, an option of one choice; what the block's step holds after it (its outcome)
 * goes with whichever runs (step-drafts.ts).
 */
function readChoiceOfCommands(reader: StepReader, draft: Draft, fence: FenceBlock, pieces: OrPiece[]): void {
  // The block's place in the document names its group: one group per block.
  const group = fence.index + 1;
  pieces.forEach((piece, index) => {
    const command = fenceCommand(reader, fence, piece.text, piece.first);
    const current = partOf(draft);
    // The first piece joins a part that has no command yet (its Action says what the choice is for).
    const part = index === 0 && current.commands.length === 0 && current.offer === undefined && current.orRest === undefined ? current : emptyPart();
    if (part !== current) draft.parts.push(part);
    const title = piece.said || firstCommandLine(command.text) || command.text;
    part.offer = { kind: 'or', family: `or-${group}`, title, index: String(index + 1), position: command.position };
    part.orGroup = group;
    if (part.action === undefined) {
      part.action = title;
      part.actionPosition = command.position;
    }
    part.commands.push(command);
  });
  const rest = emptyPart();
  rest.orRest = group;
  draft.parts.push(rest);
}

/**
 * Whether an untagged block reads as shell, so that "tag it sh" is worth suggesting: its first
 * line (past comments) starts with a lower-case command word and is not a sentence.
 */
function looksLikeShell(value: string): boolean {
  const first = value.split('\n').find((line) => line.trim() !== '' && !/^\s*#/.test(line))?.trim() ?? '';
  return /^(?:\$\s+)?(?:sudo\s+)?[a-z][\w./-]*(?:\s|$)/.test(first) && !/[.!?]$/.test(first) && !/\s{3,}/.test(first);
}

/** A fence left open swallows the headings after it: their steps silently vanish into one block. */
function reportUnclosed(reader: StepReader, fence: FenceBlock): void {
  if (!fence.unclosed) return;
  const headings = fence.value.split('\n').filter((line) => /^ {0,3}#{1,6}\s+\S/.test(line)).length;
  if (headings === 0) return;
  reader.report({
    severity: 'warning',
    ruleId: 'unclosed-fence',
    message: `Code block is never closed and swallows ${headings} heading${headings === 1 ? '' : 's'} after it; close it with a \`\`\` line`,
    position: fence.position,
  });
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
