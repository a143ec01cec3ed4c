// Console transcripts (`console`, `shell-session`, or a shell block written with `$ ` prompts):
// each `$ ` line is a command, the lines after it are its expected output.
import type { FenceBlock } from '../document/blocks.js';
import { makeCommand } from '../make-command.js';
import type { StepReader } from '../step-reader.js';
import { partOf, type Draft } from '../step-drafts.js';

interface ConsoleCommand {
  text: string;
  /** Index of the command's first line within the block. */
  lineIndex: number;
  expectedOutput: string[];
}

/**
 * A console transcript: `$ ` lines are commands, the lines after each are its expected output.
 * A command ending in `\` continues on the next line (with or without a `> ` prompt).
 */
function splitConsoleBlock(value: string): ConsoleCommand[] {
  const lines = value.split('\n');
  const commands: ConsoleCommand[] = [];
  let current: ConsoleCommand | undefined;
  let continuing = false;
  for (const [index, line] of lines.entries()) {
    if (continuing && current) {
      current.text += `\n${line.replace(/^> ?/, '')}`;
      continuing = line.endsWith('\\');
      continue;
    }
    const prompt = /^\s*\$(?: (.*))?$/.exec(line);
    if (prompt) {
      current = { text: prompt[1] ?? '', lineIndex: index, expectedOutput: [] };
      commands.push(current);
      continuing = current.text.endsWith('\\');
      continue;
    }
    current?.expectedOutput.push(line);
  }
  for (const command of commands) {
    while (command.expectedOutput.length > 0 && command.expectedOutput.at(-1)?.trim() === '') command.expectedOutput.pop();
  }
  return commands.filter((command) => command.text.trim() !== '');
}

/** Each command of a transcript joins the step, with the output printed after it as its expectation. */
export function readTranscript(reader: StepReader, draft: Draft, fence: FenceBlock): void {
  const part = partOf(draft);
  for (const entry of splitConsoleBlock(fence.value)) {
    const position = fence.positionOnLine(fence.firstContentLine + entry.lineIndex, entry.text.split('\n')[0] ?? '');
    part.commands.push(makeCommand(reader, entry.text, position, { source: 'console', ...(fence.lang !== undefined && { lang: fence.lang }), attributes: fence.info.attributes }));
    if (entry.expectedOutput.length > 0) {
      part.expectations.push({ text: 'output as in the transcript', position, matchers: [], expectedOutput: entry.expectedOutput, commandIndex: part.commands.length - 1 });
    }
  }
}
