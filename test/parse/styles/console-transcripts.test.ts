// Fixture: transcript-terminal.md. A transcript read as a terminal shows it: `> ` lines continue
// the command (PS2), a heredoc begun on a `$ ` line takes the lines after it as its body, and
// the other lines are the command's expected output.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/parse/parse-runbook.js';
import { parseFixture, stepOf } from '../parse-fixture.js';
import { loadShellParser } from '../../../src/shell/load-shell-parser.js';

// Gates read every command through the shell parser.
await loadShellParser();

const runbook = parseFixture('transcript-terminal.md');
const read = (id: string) => {
  const step = stepOf(runbook, id);
  return step.commands.map((command, index) => [command.text, step.expectations.find((e) => e.commandIndex === index)?.expectedOutput]);
};

describe('transcripts as a terminal shows them', () => {
  it('`> ` lines continue an open quote and a trailing pipe', () => {
    expect(read('1')).toEqual([
      ['export GREETING=hello', undefined],
      ['echo "$GREETING \\\nworld"', ['hello world']],
      ["printf 'b\\na\\n' |\nsort", ['a', 'b']],
    ]);
  });

  it('a heredoc begun on a `$ ` line takes its body, with or without `> `', () => {
    expect(read('2')).toEqual([
      ['cat <<EOF\nfirst line\nsecond line\nEOF', ['first line', 'second line']],
      ["cat <<'END'\nno prompt on this body\nEND", ['no prompt on this body']],
    ]);
  });

  it('a compound command goes on until it is closed', () => {
    expect(read('3')).toEqual([['for n in 1 2; do\n  echo "n=$n"\ndone', ['n=1', 'n=2']]]);
  });

  it('a comment before the first `$ ` line is not a command, and `...` is kept for the comparison', () => {
    expect(read('4')).toEqual([['ls -1 /', ['...']]]);
    expect(stepOf(runbook, '4').attestations).toEqual([]);
  });

  it('a shell block that turns into a transcript runs its plain lines, then its `$ ` lines, and lint says so', () => {
    expect(read('5')).toEqual([['echo plain', undefined], ['echo prompted', ['prompted']]]);
    expect(runbook.diagnostics.filter((d) => d.ruleId === 'prompt-in-shell-block').map((d) => d.position.line)).toEqual([53]);
  });

  it('a `$ ` line that opens a session makes the lines after it a manual step, until the session ends', () => {
    const rb = parseRunbook('# T\n\n### 1. S\n\n```console\n$ ssh db01\n$ uptime\n 10:00 up 3 days\n$ exit\n$ echo local\nlocal\n```\n');
    expect(rb.steps[0]?.commands.map((c) => c.text)).toEqual(['echo local']);
    expect(rb.steps[0]?.attestations.map((a) => [a.manual?.reason, a.text])).toEqual([['remote-session', '$ ssh db01\n$ uptime\n 10:00 up 3 days\n$ exit']]);
  });

  it('a client prompt in a transcript is the client\'s input, and the shell prompt ends it', () => {
    const rb = parseRunbook('# T\n\n### 1. S\n\n```console\n$ redis-cli\n127.0.0.1:6379> PING\nPONG\n127.0.0.1:6379> quit\n$ echo after\nafter\n```\n');
    expect(rb.steps[0]?.commands.map((c) => c.text)).toEqual(['echo after']);
    expect(rb.steps[0]?.attestations.map((a) => a.manual?.program)).toEqual(['redis-cli']);
  });

  it('a console block with no `$ ` line reads `# ` as a root prompt: done by hand, never run', () => {
    const rb = parseRunbook('# T\n\n### 1. S\n\n```console\n# apt-get install -y nginx\n# systemctl enable nginx\n```\n');
    expect(rb.steps[0]?.commands).toEqual([]);
    expect(rb.steps[0]?.attestations.map((a) => a.manual?.reason)).toEqual(['root-prompt']);
  });
});
