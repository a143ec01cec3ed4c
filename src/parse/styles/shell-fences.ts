// The headings-and-fences style: a fence tagged as a shell is one command, run by one shell;
// a transcript is read as one; anything else is never run, and is reported so that nothing a
// reader takes for a command passes silently.
import type { FenceBlock } from '../document/blocks.js';
import { makeCommand } from '../make-command.js';
import type { StepReader } from '../step-reader.js';
import { addNote, partOf, type Draft } from '../step-drafts.js';
import { isOutputLanguage, isShellLanguage } from '../vocabulary.js';
import { readTranscript } from './console-transcripts.js';

export function readFence(reader: StepReader, draft: Draft, fence: FenceBlock): void {
  const { lang } = fence;
  // A shell block written as a transcript (`$ kubectl get pods` then output) is read as one:
  // run as written, `$` would be a command name and the output lines commands too.
  if (fence.transcript) {
    readTranscript(reader, draft, fence);
    return;
  }
  if (isShellLanguage(lang)) {
    if (fence.value.trim() === '') return;
    const lines = fence.value.split('\n');
    const lineIndex = Math.max(0, lines.findIndex((line) => line.trim() !== ''));
    const line = fence.firstContentLine + lineIndex;
    partOf(draft).commands.push(makeCommand(reader, fence.value.replace(/\n+$/, ''), fence.positionOnLine(line, lines[lineIndex] ?? ''), {
      source: 'fence', ...(lang !== undefined && { lang }), attributes: fence.info.attributes, firstLineOfBlock: fence.firstContentLine,
    }));
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
