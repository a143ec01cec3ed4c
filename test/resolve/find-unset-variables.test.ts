// Shell variables a command reads that nothing sets are values to give (SPEC §2); everything
// that sets one before its use, in document order, keeps it from being asked for.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/parse/parse-runbook.js';

/** The shell-variable placeholders of a runbook of one fence per command. */
function unset(commands: string[], frontmatter = ''): string[] {
  const steps = commands.map((command, i) => `### ${i + 1}. S\n\n\`\`\`sh\n${command}\n\`\`\`\n`).join('\n');
  const runbook = parseRunbook(`${frontmatter ? `---\n${frontmatter}\n---\n` : ''}# U\n\n${steps}`);
  return runbook.steps.flatMap((step) => step.commands.flatMap((command) => command.placeholders.filter((p) => p.form === 'variable').map((p) => p.raw)));
}

describe('shell variables nothing sets', () => {
  it('asks for one used before anything sets it, once per use', () => {
    expect(unset(['cp "${BACKUP_FILE}" /restore && ls $BACKUP_FILE'])).toEqual(['${BACKUP_FILE}', '$BACKUP_FILE']);
  });

  it.each([
    ['an earlier command', ['BACKUP_FILE=/b/x.sql', 'cp "$BACKUP_FILE" /r']],
    ['an export in the same command', ['export BACKUP_FILE=/b; cp "$BACKUP_FILE" /r']],
    ['read', ['read -r BACKUP_FILE < list; echo "$BACKUP_FILE"']],
    ['a for loop', ['for BACKUP_FILE in a b; do echo "$BACKUP_FILE"; done']],
    ['a default', ['echo "${BACKUP_FILE:-none}"']],
    ['a source before it', ['source ./env.sh', 'echo "$BACKUP_FILE"']],
    ['the shell itself', ['echo "$HOME $PWD $RANDOM $BASH_VERSION $1 $?"']],
  ])('asks for none set by %s', (_, commands) => {
    expect(unset(commands)).toEqual([]);
  });

  it('asks for none the frontmatter env gives', () => {
    expect(unset(['echo "$BACKUP_FILE"'], 'env:\n  BACKUP_FILE: /b/x.sql')).toEqual([]);
  });

  it('asks for none inside a comment or single quotes', () => {
    expect(unset(["echo '$BACKUP_FILE' # uses $OTHER"])).toEqual([]);
  });
});
