// The interactive path in a real terminal: `runbook exec` inside tmux draws its task list, asks a
// gated step's question at its turn (run, skip, abort, or Ctrl-C), asks the operator to attest an
// outcome no matcher can check and to confirm a task item and a waiver; the keys are typed with
// `tmux send-keys`, the screen is read with `tmux capture-pane`. Each test uses its own tmux
// server (-L) and kills it at the end.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binFile, cleanEnv, fencedBlocks, field, repoDir, rowsOf, section, tables, tempDirs } from './helpers.js';

const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
const skipped = hasTmux ? '' : ' (skipped: tmux is not installed; .ci/run installs it)';
const temp = tempDirs();

/** The gate of A.2 as the task list asks it, at the step's turn. */
const GATE_QUESTION = 'A.2 Restart the cache asks first (Confirm: yes):\n  $ echo "cache restarted"\n  [y] run  [s] skip  [a] abort';

/** Long enough for a slow, busy machine; the tests never measure time. */
const DEADLINE_MS = 60_000;

// The runbook the README shows in "In a terminal", so the README and this test cannot drift apart.
const RUNBOOK = readmeRunbook('# Cache restart drill\n');

function readmeRunbook(start: string): string {
  const block = fencedBlocks(readFileSync(join(repoDir, 'README.md'), 'utf8')).find((b) => b.lang === 'markdown' && b.body.startsWith(start));
  if (!block) throw new Error(`README.md has no markdown example starting with ${JSON.stringify(start)}`);
  return `${block.body}\n`;
}

/** A tmux server of our own, one 200×50 window running a command. */
class Terminal {
  readonly socket = `runbook-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly env = cleanEnv({ CI: undefined, TMUX: undefined, TMUX_PANE: undefined, TERM: 'xterm-256color' });

  constructor(cwd: string, command: string) {
    // The pane stays open after the command ends, showing its exit code, until the server is killed.
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-x', '200', '-y', '50', '-s', 'drill', '-c', cwd, `${command}; echo "[exit $?]"; exec sleep 3600`);
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { env: this.env, encoding: 'utf8' });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', 'drill');
  }

  /** Types keys: `keys('y')` is one keypress, `keys('y', 'Enter')` a line. */
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'drill', ...keys);
  }

  /** Polls the screen until it shows `text`; fails with the screen as it was. */
  async waitFor(text: string | RegExp): Promise<string> {
    const deadline = Date.now() + DEADLINE_MS;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the screen never showed ${String(text)}; it showed:\n${last}`);
  }

  /** Ends the server and everything in it, and removes its socket file. */
  kill(): void {
    const path = spawnSync('tmux', ['-L', this.socket, 'display-message', '-p', '#{socket_path}'], { env: this.env, encoding: 'utf8' }).stdout?.trim();
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { env: this.env, stdio: 'ignore' });
    if (path) rmSync(path, { force: true });
  }
}

async function startDrill(): Promise<{ dir: string; term: Terminal }> {
  const dir = await temp('runbook-e2e-tty-');
  await writeFile(join(dir, 'drill.md'), RUNBOOK);
  const term = new Terminal(dir, `${process.execPath} ${binFile} exec drill.md --operator alice`);
  return { dir, term };
}

/** Confirms A.1's task item, then waits for A.2's gate: its question at its turn. */
async function untilTheGate(term: Terminal): Promise<string> {
  await term.waitFor('A.1 confirm: The on-call channel knows a drill is starting [y/n]');
  term.keys('y');
  return term.waitFor(GATE_QUESTION);
}

function readRecord(dir: string, screen: string): string {
  const path = screen.match(/^drill record: (\S+)$/m)?.[1];
  if (!path) throw new Error(`no record path on the screen:\n${screen}`);
  return readFileSync(join(dir, path), 'utf8');
}

describe('runbook exec in a terminal', () => {
  it.skipIf(!hasTmux)(`asks, draws the task list, and records the operator's answers${skipped}`, async () => {
    const { dir, term } = await startDrill();
    try {
      // The task item of A.1, asked inside the task list; then the gate at A.2's turn, once
      // A.1 passed, with the command as it will run.
      const gate = await untilTheGate(term);
      expect(gate).toMatch(/✔ A\.1 {2}Announce the drill — passed/);
      term.keys('y');
      // A.2's outcome has no matcher: the operator sees the output and attests it.
      await term.waitFor(/A\.2 expected: The cache comes back and answers requests\.\n\s+output: cache restarted\n\s+Confirmed\? \[y\/n\]/);
      term.keys('y');
      await term.waitFor('A.3 confirm: Waiver: Cached sessions are lost on restart; users sign in again. [y/n]');
      term.keys('y');
      const screen = await term.waitFor('[exit 0]');

      // The task list as drawn, with the answers.
      expect(screen).toMatch(/✔ A\.1 {2}Announce the drill — passed/);
      expect(screen).toMatch(/✔ A\.2 {2}Restart the cache — passed \(1 verified, 1 attested\)/);
      expect(screen).toContain('› $ echo "cache restarted"');
      expect(screen).toContain('✔ The cache comes back and answers requests.: confirmed by alice after seeing the output');
      expect(screen).toMatch(/✔ A\.3 {2}Data — passed/);
      expect(screen).toMatch(/^run passed in /m);

      const record = readRecord(dir, screen);
      expect(field(record, 'Operator')).toBe('alice');
      expect(field(record, 'Result')).toBe('**PASSED** — 3 of 3 steps passed.');
      const steps = rowsOf(tables(section(record, 'Steps'))[0]);
      expect(steps.map((r) => [r.Step, r['Actual outcome'], r.Verdict])).toEqual([
        ['**A.1** Announce the drill', 'Attestations: 1 confirmed.', 'passed'],
        // The outcomes the author wrote; the exit check is the `Exit 0`.
        ['**A.2** Restart the cache', 'Exit 0; outcomes: 1 attested.', 'passed (1 attested)'],
        ['**A.3** Data', 'Attestations: 1 confirmed.', 'passed'],
      ]);
      const a2 = section(record, 'A.2 Restart the cache', 3);
      expect(a2).toContain('**Expected:** The cache comes back and answers requests. — **attested** (attested by alice)');
      const [statements, waivers, gates] = tables(section(record, 'Attestations and waivers')).map(rowsOf);
      expect(statements?.map((r) => [r.Step, r.Statement, r.Answer, r['Answered by']])).toEqual([
        ['A.1', 'The on-call channel knows a drill is starting', 'confirmed', 'alice'],
      ]);
      expect(waivers?.map((r) => [r.Step, r.Waiver, r.Answer, r['Answered by']])).toEqual([
        ['A.3', 'Cached sessions are lost on restart; users sign in again.', 'confirmed', 'alice'],
      ]);
      expect(gates?.map((r) => [r.Step, r.Gate, r.Decision, r['Approved by']])).toEqual([['A.2', 'Confirm: yes', 'approved', 'alice']]);
      expect(section(record, 'Action items').filter(Boolean)).toEqual(['None.']);
    } finally {
      term.kill();
    }
  }, 4 * DEADLINE_MS);

  it.skipIf(!hasTmux)(`fails the step whose outcome the operator declines${skipped}`, async () => {
    const { dir, term } = await startDrill();
    try {
      await untilTheGate(term);
      term.keys('y');
      await term.waitFor('Confirmed? [y/n]');
      term.keys('n');
      const screen = await term.waitFor('[exit 1]');
      expect(screen).toMatch(/A\.2 {2}Restart the cache — failed/);
      expect(screen).toMatch(/^run failed in /m);

      const record = readRecord(dir, screen);
      expect(field(record, 'Result')).toMatch(/^\*\*FAILED\*\* — Failed at step A\.2 \(Restart the cache\)/);
      const a2 = section(record, 'A.2 Restart the cache', 3);
      expect(field(a2, 'Verdict')).toMatch(/^failed/);
      expect(a2).toContain('**Expected:** The cache comes back and answers requests. — **failed** (attested by alice)');
      // What the failure left unasked is one line, not a row each.
      const asked = section(record, 'Attestations and waivers');
      expect(tables(asked).map((t) => t[0]?.[1])).toEqual(['Statement', 'Gate']);
      expect(asked).toContain('1 statement was not asked: the run stopped at step A.2 (failed) first (step A.3).');
      expect(section(record, 'Action items').join('\n')).toContain('A.2');
    } finally {
      term.kill();
    }
  }, 4 * DEADLINE_MS);

  it.skipIf(!hasTmux)(`s at the gate skips the step, recorded, and the run goes on to end incomplete${skipped}`, async () => {
    const { dir, term } = await startDrill();
    try {
      await untilTheGate(term);
      term.keys('s');
      await term.waitFor('A.3 confirm: Waiver: Cached sessions are lost on restart; users sign in again. [y/n]');
      term.keys('y');
      const screen = await term.waitFor(/\[exit \d+\]/);
      expect(screen).toMatch(/A\.2 {2}Restart the cache — skipped by alice at its gate/);
      expect(screen).toMatch(/✔ A\.3 {2}Data — passed/);
      expect(screen).not.toContain('› cache restarted');
      // A step left out is not a pass (SPEC §4): incomplete, exit 3, naming the step.
      expect(screen).toMatch(/run incomplete in [0-9.]+s: A\.2 skipped at its gate/);
      expect(screen).toContain('[exit 3]');
      const record = readRecord(dir, screen);
      expect(record).toContain('Incomplete: A.2 skipped at its gate;');
      const [, , gates] = tables(section(record, 'Attestations and waivers')).map(rowsOf);
      expect(gates?.map((r) => [r.Step, r.Decision, r['Approved by']])).toEqual([['A.2', 'skipped', 'alice']]);
    } finally {
      term.kill();
    }
  }, 4 * DEADLINE_MS);

  it.skipIf(!hasTmux)(`a at the gate aborts the run: exit 130, a record marked aborted${skipped}`, async () => {
    const { dir, term } = await startDrill();
    try {
      await untilTheGate(term);
      term.keys('a');
      const screen = await term.waitFor('[exit 130]');
      expect(screen).toMatch(/^run aborted in /m);
      expect(screen).not.toContain('A.3 confirm');
      expect(field(readRecord(dir, screen), 'Result')).toMatch(/^\*\*ABORTED\*\*/);
    } finally {
      term.kill();
    }
  }, 4 * DEADLINE_MS);

  it.skipIf(!hasTmux)(`Ctrl-C at the gate's question aborts at once, with the record written${skipped}`, async () => {
    const { dir, term } = await startDrill();
    try {
      await untilTheGate(term);
      term.keys('C-c');
      const screen = await term.waitFor('[exit 130]');
      expect(screen).toContain('runbook: interrupted; ending running steps');
      expect(screen).not.toContain('› cache restarted');
      expect(field(readRecord(dir, screen), 'Result')).toMatch(/^\*\*ABORTED\*\*/);
    } finally {
      term.kill();
    }
  }, 4 * DEADLINE_MS);

  it.skipIf(!hasTmux)(`asks for a value nobody gave, without echoing a secret${skipped}`, async () => {
    const dir = await temp('runbook-e2e-ask-');
    await writeFile(join(dir, 'ask.md'), '---\nparams:\n  token:\n    secret: true\n---\n# Ask\n\n### 1. Greet\n\n- **Command:** `echo hello <who> <token> > out.txt`\n');
    const term = new Terminal(dir, `${process.execPath} ${binFile} exec ask.md --no-record`);
    try {
      await term.waitFor('<token>: ');
      term.keys('s3cret-value', 'Enter');
      await term.waitFor('<who>: ');
      term.keys('world', 'Enter');
      const screen = await term.waitFor('[exit 0]');
      expect(screen).not.toContain('s3cret-value');
      expect(screen).toContain('$ echo hello world *** > out.txt');
      expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('hello world s3cret-value\n');
    } finally {
      term.kill();
    }
  }, 4 * DEADLINE_MS);

  it.skipIf(!hasTmux)(`asks which branch of a decision point to take, from a list with each option's first command${skipped}`, async () => {
    const dir = await temp('runbook-e2e-choose-');
    await writeFile(join(dir, 'failover.md'), readFileSync(join(repoDir, 'test/fixtures/styles/decision-failover.md'), 'utf8'));
    const term = new Terminal(dir, `${process.execPath} ${binFile} exec failover.md --no-record`);
    try {
      const list = await term.waitFor('↑/↓ or a number, then Enter');
      expect(list).toContain('recover.choice: One of: Scenario A / Scenario B — which branch?');
      expect(list).toContain('› 1) a  Scenario A: the primary is down   $ echo "failover to the replica" >> ran.log');
      expect(list).toContain('  2) b  Scenario B: the primary is back   $ echo "failback to the primary" >> ran.log');
      // Down moves the pointer to the second option; Enter takes it.
      term.keys('Down');
      await term.waitFor('› 2) b');
      term.keys('Enter');
      await term.waitFor('[exit 0]');
      expect(readFileSync(join(dir, 'ran.log'), 'utf8')).toBe('diagnose\nfailback to the primary\nverify\n');
    } finally {
      term.kill();
    }
  }, 4 * DEADLINE_MS);
});
