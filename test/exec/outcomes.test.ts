// A run in-process, over real shells: what each matcher says when it passes and when it fails,
// console transcripts, retries, continue-on-error, step selection, and input refused before
// anything runs. (Exit codes as a user sees them: test/cli/exec-outcomes.test.ts.)
import { describe, expect, it } from 'vitest';
import { runbook, stepEnds, useSessions } from './session-harness.js';

const workspace = useSessions();

describe('matchers', () => {
  // Each case: a command, a matcher that holds for it, and one that does not.
  const cases: { name: string; command: string; pass: string; fail: string; failEvidence: RegExp }[] = [
    { name: 'exit N', command: 'exit 3', pass: '`exit 3`', fail: '`exit 4`', failEvidence: /exit code 3, expected 4/ },
    { name: 'exit nonzero', command: 'false', pass: '`exit nonzero`', fail: '`exit 0`', failEvidence: /exit code 1/ },
    { name: 'exit nonzero on success', command: 'true', pass: '`exit 0`', fail: '`exit nonzero`', failEvidence: /exit code 0, expected nonzero/ },
    { name: 'stdout contains', command: 'echo "service is Healthy"', pass: '`stdout contains "is Healthy"`', fail: '`stdout contains "is healthy"`', failEvidence: /does not contain "is healthy"/ },
    { name: 'stderr contains', command: 'echo "warning: disk 91%" >&2', pass: '`stderr contains "disk 91%"`', fail: '`stderr contains "disk 95%"`', failEvidence: /does not contain "disk 95%"/ },
    { name: 'stdout matches /re/i', command: 'echo "STATUS: Ready"', pass: '`stdout matches /status:\\s+ready/i`', fail: '`stdout matches /status:\\s+failed/i`', failEvidence: /no line of stdout .* matches/ },
    { name: 'stdout is empty', command: 'true', pass: '`stdout is empty`', fail: '`stderr contains "x"`', failEvidence: /stderr is empty, expected it to contain "x"/ },
    { name: 'stdout is empty, failing', command: 'echo something', pass: '`stderr is empty`', fail: '`stdout is empty`', failEvidence: /stdout .* is not empty/ },
    { name: 'stderr is empty, failing', command: 'echo oops >&2', pass: '`stdout is empty`', fail: '`stderr is empty`', failEvidence: /stderr .* is not empty/ },
    { name: 'lines >= N', command: 'printf "a\\nb\\nc\\n"', pass: '`lines >= 3`', fail: '`lines >= 4`', failEvidence: /stdout has 3 lines, expected >= 4/ },
  ];

  for (const c of cases) {
    it(`${c.name}: passes, then fails with evidence`, async () => {
      const ws = workspace();
      ws.write('pass.md', runbook('Matcher', [['Check', `- **Command:** \`${c.command}\``, `- **Expected Outcome:** ${c.pass}`]]));
      ws.write('fail.md', runbook('Matcher', [['Check', `- **Command:** \`${c.command}\``, `- **Expected Outcome:** ${c.fail}`]]));
      const passed = await ws.exec('pass.md', { record: false });
      expect(passed.stdout).toContain(`✔ verified: ${c.pass.replaceAll('`', '')}`);
      expect(passed.code).toBe(0);
      const failed = await ws.exec('fail.md', { record: false });
      expect(failed.code).toBe(1);
      const line = failed.stdout.split('\n').find((l) => l.includes(`✖ failed: ${c.fail.replaceAll('`', '')}`));
      expect(line).toMatch(c.failEvidence);
    });
  }

  it('within: passes for a quick command and fails for one slower than the limit', async () => {
    const ws = workspace();
    ws.write('quick.md', runbook('Within', [['Quick', '- **Command:** `true`', '- **Expected Outcome:** `within 1m`']]));
    ws.write('slow.md', runbook('Within', [['Slow', '- **Command:** `sleep 2`', '- **Expected Outcome:** `within 1s`']]));
    const quick = await ws.exec('quick.md', { record: false });
    expect(quick.code).toBe(0);
    expect(quick.stdout).toContain('✔ verified: within 1m');
    const slow = await ws.exec('slow.md', { record: false });
    expect(slow.code).toBe(1);
    expect(slow.stdout).toMatch(/✖ failed: within 1s — took \d+(\.\d+)?s, expected within 1s/);
  });

  it('checks every matcher of an outcome and reports each one', async () => {
    const ws = workspace();
    ws.write('many.md', runbook('Many', [[
      'Several',
      '- **Command:** `echo ready; echo note >&2`',
      '- **Expected Outcome:** the service answers: `stdout contains "ready"`, `stderr contains "note"`, `lines >= 2`',
    ]]));
    const result = await ws.exec('many.md', { record: false });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✔ verified: stdout contains "ready"');
    expect(result.stdout).toContain('✔ verified: stderr contains "note"');
    expect(result.stdout).toContain('✖ failed: lines >= 2');
  });

  it('console transcripts: `...` skips lines; a wrong line fails', async () => {
    const ws = workspace();
    const transcript = (last: string) => `# Transcript\n\n## 1. Status\n\n\`\`\`console\n$ printf 'Deploying web\\nstep 1\\nstep 2\\nstep 3\\nDone: web is live\\n'\nDeploying web\n...\n${last}\n\`\`\`\n`;
    ws.write('good.md', transcript('Done: web is live'));
    ws.write('bad.md', transcript('Done: web is down'));
    const good = await ws.exec('good.md', { record: false });
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('✔ verified: output as in the transcript');
    const bad = await ws.exec('bad.md', { record: false });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/✖ failed: output as in the transcript — .*Done: web is down/);
  });
});

describe('retries and continue on error', () => {
  it('retries a failing command after its delay until it succeeds', async () => {
    const ws = workspace();
    // Fails on the first two attempts, succeeds on the third.
    const flaky = 'n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; echo "attempt $n"; [ "$n" -ge 3 ]';
    ws.write('retry.md', runbook('Retry', [['Flaky', `- **Command:** \`${flaky}\``, '- **Retries:** 3, 200ms apart', '- **Expected Outcome:** `stdout contains "attempt 3"`']]));
    const result = await ws.exec('retry.md');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/\[1\] \$ n=/g)).toHaveLength(3);
    const events = ws.journal();
    expect(events.filter((e) => e.type === 'command-end').map((e) => e.type === 'command-end' && e.result.exitCode)).toEqual([1, 1, 0]);
    expect(stepEnds(events)).toEqual({ 1: 'passed' });
  });

  it('gives up after the last retry', async () => {
    const ws = workspace();
    ws.write('retry.md', runbook('Retry', [['Never', '- **Command:** `echo try >> tries; exit 1`', '- **Retries:** 2, 100ms apart'], ['After', '- **Command:** `touch after.txt`']]));
    const result = await ws.exec('retry.md');
    expect(result.code).toBe(1);
    expect(ws.journal().filter((e) => e.type === 'command-end')).toHaveLength(3);
    expect(ws.exists('after.txt')).toBe(false);
  });

  it('Continue on error: yes runs the next steps, and the run still fails', async () => {
    const ws = workspace();
    ws.write('continue.md', runbook('Continue', [
      ['May fail', '- **Command:** `exit 1`', '- **Continue on error:** yes'],
      ['Next', '- **Command:** `touch next.txt`'],
    ]));
    const result = await ws.exec('continue.md');
    expect(result.code).toBe(1);
    expect(ws.exists('next.txt')).toBe(true);
    expect(stepEnds(ws.journal())).toEqual({ 1: 'failed', 2: 'passed' });
  });
});

describe('--only and --from', () => {
  const steps = runbook('Selection', [
    ['One', '- **Command:** `touch one.txt`'],
    ['Two', '- **Command:** `touch two.txt`'],
    ['Three', '- **Command:** `touch three.txt`'],
  ]);

  it('--only runs just the named step', async () => {
    const ws = workspace();
    ws.write('sel.md', steps);
    const result = await ws.exec('sel.md', { only: ['2'] });
    expect(result.code).toBe(0);
    expect([ws.exists('one.txt'), ws.exists('two.txt'), ws.exists('three.txt')]).toEqual([false, true, false]);
    expect(stepEnds(ws.journal())).toEqual({ 1: 'skipped', 2: 'passed', 3: 'skipped' });
  });

  it('--from starts at the named step and runs the rest', async () => {
    const ws = workspace();
    ws.write('sel.md', steps);
    const result = await ws.exec('sel.md', { from: '2' });
    expect(result.code).toBe(0);
    expect([ws.exists('one.txt'), ws.exists('two.txt'), ws.exists('three.txt')]).toEqual([false, true, true]);
  });

  for (const flag of ['only', 'from'] as const) {
    it(`--${flag} with an unknown id exits 2 and runs nothing`, async () => {
      const ws = workspace();
      ws.write('sel.md', steps);
      const result = await ws.exec('sel.md', flag === 'only' ? { only: ['9'] } : { from: '9' });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('unknown step id `9`');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect([ws.exists('one.txt'), ws.exists('two.txt'), ws.exists('three.txt')]).toEqual([false, false, false]);
      expect(ws.journals()).toEqual([]);
    });
  }
});

describe('bad input', () => {
  it('exits 2 with nothing run when .runbook/ cannot be written, and leaves no lock behind', async () => {
    const ws = workspace();
    ws.write('ok.md', runbook('Ok', [['One', '- **Command:** `touch one.txt`']]));
    ws.write('.runbook/runs', 'a file where a folder should be');
    const result = await ws.exec('ok.md');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^runbook: cannot open the run journal under \.runbook\/: ENOTDIR/);
    expect(ws.exists('one.txt')).toBe(false);
    expect(ws.artefacts().some((a) => a.path.endsWith('.lock'))).toBe(false);
  });

  it('exits 2 before the first step when the working directory or the shell is missing', async () => {
    const ws = workspace();
    ws.write('ok.md', runbook('Ok', [['One', '- **Command:** `touch one.txt`']]));
    ws.write('fish.md', runbook('Fish', [['One', '- **Command:** `touch one.txt`']], 'shell: no-such-shell-xyz'));
    const noDir = await ws.exec('ok.md', { cwd: 'missing-dir' });
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/working directory .*missing-dir does not exist \(--cwd\)/);
    const noShell = await ws.exec('fish.md');
    expect(noShell.code).toBe(2);
    expect(noShell.stderr).toContain('the shell `no-such-shell-xyz` is not installed');
    expect(ws.exists('one.txt')).toBe(false);
    expect(ws.journals()).toEqual([]);
  });
});
