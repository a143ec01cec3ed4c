// Bad input found before anything runs, in-process: each case gets one clear message, exit 2,
// no journal and no side effect. Files that are not regular files or too big, time limits a
// timer cannot keep, values with a NUL byte, YAML alias bombs, nothing to run, and record
// destinations that could not take the record.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../src/cli/read-input.js';
import type { ExecFlags } from '../../src/exec/run-settings.js';
import { runbook, stepEnds, useSessionEach, type SessionWorkspace } from './session-harness.js';

let ws: SessionWorkspace;
useSessionEach((workspace) => (ws = workspace));

const touches = runbook('Touch', [['Touch', '- **Command:** `touch ran.txt`']]);

/** Runs exec and checks the common part: exit 2, one message, nothing run, no journal. */
async function refused(file: string, flags: ExecFlags = {}): Promise<string> {
  const result = await ws.exec(file, flags);
  expect(result.code).toBe(2);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(ws.exists('ran.txt')).toBe(false);
  expect(ws.journals()).toEqual([]);
  return result.stderr;
}

// A billion laughs: nine aliases of nine aliases of … of a list.
const aliasBomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefg'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`)].join('\n');

describe('input files', () => {
  it.each([
    ['the runbook', () => refused('/dev/zero'), 'runbook: /dev/zero: is not a regular file (a device, a pipe or a socket), expected a Markdown runbook file\n'],
    ['--vars', () => refused('touch.md', { vars: '/dev/zero' }), 'runbook: /dev/zero: is not a regular file (a device, a pipe or a socket), expected a vars file\n'],
    ['--template', () => refused('touch.md', { template: '/dev/zero' }), 'runbook: /dev/zero: is not a regular file (a device, a pipe or a socket), expected a template file\n'],
  ])('%s must be a regular file: /dev/zero is not read at all', async (_, run, message) => {
    ws.write('touch.md', touches);
    expect(await run()).toBe(message);
  });

  it('a FIFO nobody writes to is refused at once, not waited on', async () => {
    execFileSync('mkfifo', [join(ws.dir, 'fifo.md')]);
    expect(await refused('fifo.md')).toBe('runbook: fifo.md: is not a regular file (a device, a pipe or a socket), expected a Markdown runbook file\n');
  });

  it('a runbook larger than 10 MiB is refused with its size', async () => {
    writeFileSync(join(ws.dir, 'big.md'), `${touches}\n${'x'.repeat(MAX_INPUT_BYTES)}\n`);
    expect(await refused('big.md')).toMatch(/^runbook: big\.md: is \d+ bytes, more than a runbook may be \(10 MiB\)\n$/);
  });

  it('a NUL byte anywhere in the runbook, not only in its first bytes, makes it binary', async () => {
    ws.write('nul.md', `${touches}\n${'text\n'.repeat(4000)}a\0b\n`);
    expect(await refused('nul.md')).toBe('runbook: nul.md: looks like a binary file (a NUL byte on line 4007), expected Markdown text\n');
  });
});

describe('time limits', () => {
  it.each([
    ['0s', 'runbook: --timeout "0s": expected a duration longer than 0, such as 90s, 10m or 1h\n'],
    ['1000h', 'runbook: --timeout "1000h": longer than the engine can wait (at most 24 days)\n'],
  ])('--timeout %s is bad input', async (timeout, message) => {
    ws.write('touch.md', touches);
    expect(await refused('touch.md', { timeout })).toBe(message);
  });

  it('a step Timeout, a retry delay or a frontmatter timeout beyond what a timer holds is bad input, with its place', async () => {
    ws.write('long.md', runbook('Long', [
      ['Touch', '- **Command:** `touch ran.txt`'],
      ['Waits', '- **Command:** `true`', '- **Timeout:** 1000h'],
      ['Retries', '- **Command:** `true`', '- **Retries:** 2, 900h apart'],
    ], 'timeout: 1000h'));
    expect(await refused('long.md')).toBe([
      'runbook: nothing was run:',
      "  - long.md: the frontmatter's timeout 1000h: longer than the engine can wait (at most 24 days)",
      '  - long.md:11:1: 2: Timeout 1000h: longer than the engine can wait (at most 24 days)',
      '  - long.md:16:1: 3: the delay between retries 900h: longer than the engine can wait (at most 24 days)',
      '',
    ].join('\n'));
  });
});

describe('sizes no shell can be started with', () => {
  // Each line is 31 bytes: 4,300 of them are 133,300, past the 131,071 a shell's command may hold.
  const block = (lines: number) => `\`\`\`bash\n${Array.from({ length: lines }, (_, i) => `echo "line ${String(i).padStart(6, '0')}" > /dev/null\n`).join('')}\`\`\``;

  it('a block longer than a shell takes as its command is bad input before the first step runs', async () => {
    ws.write('big.md', runbook('Big', [['Touch', '- **Command:** `touch ran.txt`'], ['Big', block(4_300)]]));
    expect(await refused('big.md')).toBe([
      'runbook: nothing was run:',
      '  - big.md:10:1: the command of 2 is 133,299 bytes, more than the 131,071 bytes (128 KiB) a shell can be given as its command; split the block into steps, or put it in a script file the step runs',
      '',
    ].join('\n'));
  });

  it('a block just under the limit runs', async () => {
    ws.write('fits.md', runbook('Fits', [['Fits', block(4_200)]]));
    const result = await ws.exec('fits.md');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('a value longer than an environment entry may be is bad input', async () => {
    ws.write('echo.md', runbook('Echo', [['Touch', '- **Command:** `touch ran.txt`'], ['Echo', '- **Command:** `echo <name> > /dev/null`']]));
    expect(await refused('echo.md', { set: [`name=${'x'.repeat(131_000)}`] })).toContain('  - the value of <name> is 131,000 bytes, more than the 130,047 bytes a command can be given as one environment entry; give the path of a file that holds it instead\n');
  });
});

describe('values', () => {
  it('a --vars value holding a NUL byte is bad input', async () => {
    ws.write('echo.md', runbook('Echo', [['Touch', '- **Command:** `touch ran.txt`'], ['Echo', '- **Command:** `echo <name>`']]));
    ws.write('vars.json', '{"name": "a\\u0000b"}');
    expect(await refused('echo.md', { vars: 'vars.json' })).toContain('  - invalid value for <name>: <name> holds a NUL byte, which no command can be given (from --vars)\n');
  });

  it('a frontmatter env value holding a NUL byte is bad input', async () => {
    ws.write('env.md', runbook('Env', [['Touch', '- **Command:** `touch ran.txt`']], 'env:\n  REGION: "eu\\0west"'));
    expect(await refused('env.md')).toContain("  - the frontmatter's env REGION holds a NUL byte, which no command can be given\n");
  });

  it('a capture holding a NUL byte fails its step with the reason, and the run ends with its record', async () => {
    ws.write('cap.md', runbook('Capture', [
      ['Makes', "- **Command:** `printf 'a\\0b'`", '- **Capture:** `thing`'],
      ['Uses', '- **Command:** `echo <thing> > used.txt`'],
    ]));
    const result = await ws.exec('cap.md');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[1] failed: <thing> came out holding a NUL byte, which no command can be given');
    expect(stepEnds(ws.journal())).toEqual({ 1: 'failed', 2: 'not-run' });
    expect(ws.exists('used.txt')).toBe(false);
    expect(ws.records()).toHaveLength(1);
  });

  it('a YAML alias bomb in the frontmatter is bad input, not an internal error', async () => {
    ws.write('bomb.md', `---\n${aliasBomb}\n---\n\n# Bomb\n\n### 1. Touch\n\n- **Command:** \`touch ran.txt\`\n`);
    expect(await refused('bomb.md')).toBe("runbook: bomb.md: the frontmatter's YAML aliases expand to too much data (an alias bomb); write the values out\n");
  });

  it('a YAML alias bomb in --vars is bad input', async () => {
    ws.write('touch.md', touches);
    ws.write('bomb.yaml', `${aliasBomb}\nname: *g\n`);
    expect(await refused('touch.md', { vars: 'bomb.yaml' })).toMatch(/^runbook: bomb\.yaml: .*nested values are not supported/);
  });
});

describe('nothing to run', () => {
  it('a runbook with no step is bad input', async () => {
    ws.write('empty.md', '# Empty\n\nJust words.\n');
    expect(await refused('empty.md')).toBe('runbook: nothing was run:\n  - empty.md: nothing to run: no step is selected\n');
  });

  it('steps with no command, attestation or outcome are nothing to run either, dry run included', async () => {
    ws.write('hollow.md', '# Hollow\n\n## Overview\n\nWords only.\n');
    expect(await refused('hollow.md', { dryRun: true })).toMatch(/nothing to run/);
  });
});

describe('record destinations, checked before the run', () => {
  it.each([
    ['--record-dir on a device', { recordDir: '/dev/full' }, 'the drill record cannot be written to /dev/full: it is a device, not a folder'],
    ['--record on a device', { record: '/dev/full' }, 'the drill record cannot be written to /dev/full: it is a device, not a regular file'],
    ['--record-dir on a regular file', { recordDir: 'touch.md' }, 'touch.md: it is a regular file, not a folder'],
  ] as [string, ExecFlags, string][])('%s', async (_, flags, message) => {
    ws.write('touch.md', touches);
    const stderr = await refused('touch.md', flags);
    expect(stderr).toContain(message);
    expect(stderr).toContain('choose another place with --record-dir or --record FILE, or --no-record');
  });

  it.each([
    ['../escape-{runId}.md', 'it must name a file inside the record folder'],
    ['{date}-{bogus}.md', 'Unknown placeholder {bogus}'],
  ])('a record filename pattern %s is refused', async (pattern, message) => {
    ws.write('pattern.md', runbook('Pattern', [['Touch', '- **Command:** `touch ran.txt`']], `record:\n  filename: "${pattern}"`));
    const stderr = await refused('pattern.md');
    expect(stderr).toContain("the frontmatter's record filename: ");
    expect(stderr).toContain(message);
  });
});
