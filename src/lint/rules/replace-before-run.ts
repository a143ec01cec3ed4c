// "Replace `OLD` with the new key." before a command that holds `OLD`: the reader is to put a value
// there, and run as written the command would use the word itself (a secret named OLD, a
// namespace called YOUR-NS). Such a command is refused until the word is written as a placeholder,
// so that the run asks for the value.
import { locatePlaceholders } from '../../shell/locate-placeholders.js';
import { defineRule, type RuleFinding } from '../lint-rule.js';

// "Replace `x` with …", "Substitute `x` by …", "Change `x` to …", "where `x` is the new key".
const REPLACE = /\b(?:replace|substitute|swap|change)\s+`([^`\n]+)`\s+(?:with|by|for|to)\b|\bwhere\s+`([^`\n]+)`\s+(?:is|stands for)\b/gi;

/**
 * The words a note tells the reader to put a value in place of; not one the run already asks a
 * value for (`<tag>`, `YOUR_TOKEN`, a shell variable nothing sets such as `$TAG`).
 */
function wordsToReplace(note: string): string[] {
  return [...note.matchAll(REPLACE)]
    .map((match) => (match[1] ?? match[2] ?? '').trim())
    .filter((word) => word !== '' && !/^\$\{?[A-Za-z_]\w*\}?$/.test(word) && !isOnePlaceholder(word));
}

function isOnePlaceholder(word: string): boolean {
  const spans = locatePlaceholders(word);
  return spans.length === 1 && spans[0]?.start === 0 && spans[0].end === word.length && spans[0].form !== 'invalid';
}

const placeholderFor = (word: string): string => `<${word.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'value'}>`;

export const replaceBeforeRun = defineRule({
  id: 'replace-before-run',
  severity: 'error',
  description: 'The text says to replace a word in a command with a value, and the command still holds the word.',
  check: (runbook, context) => {
    const found: RuleFinding[] = [];
    for (const step of runbook.steps) {
      const words = step.notes.flatMap((note) => wordsToReplace(note.text).map((word) => ({ word, line: note.position?.line })));
      for (const { word, line } of words) {
        for (const command of step.commands) {
          const at = command.text.indexOf(word);
          if (at === -1) continue;
          found.push({
            message: `${line === undefined ? 'The text' : `Line ${line}`} says to replace \`${word}\` with a value, and this command would run with \`${word}\` as written; write it as a placeholder such as ${placeholderFor(word)}, so that the run asks for the value`,
            position: context.positionIn(command, at),
          });
        }
      }
    }
    return found;
  },
});
