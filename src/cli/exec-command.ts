// `runbook exec FILE`: preflight (nothing runs until every value, gate and id is settled), then the
// run, the journal, the drill record and the exit code of SPEC §1.
import { createHash } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseDuration } from '../expect/parse-duration.js';
import type { RunEvent, PlannedStep } from '../model/events.js';
import type { Runbook, Step } from '../model/runbook.js';
import { renderCommand } from '../resolve/render-command.js';
import { EventBus } from '../run/event-bus.js';
import { executeRun } from '../run/execute-run.js';
import { openJournal, runDir } from '../run/journal.js';
import { createMask, secretEnvValues } from '../run/mask-secrets.js';
import { createPlainRenderer } from '../run/render-plain.js';
import { createRunId } from '../run/run-id.js';
import { acquireRunLock } from '../run/run-lock.js';
import { resolveCwd } from '../run/resolve-cwd.js';
import { selectSteps } from '../run/select-steps.js';
import { killAllGroups } from '../run/spawn-shell.js';
import { engineVersion } from '../version.js';
import { loadTemplate, recordFolderProblem, writeDrillRecord } from './drill-record.js';
import { ExitCode, PreflightError, UsageError } from './errors.js';
import { gitCommitOf } from './git-info.js';
import { loadRunbook, type LoadedRunbook } from './load-runbook.js';
import { readValues, type ValueFlags } from './read-values.js';
import { buildPlan } from '../plan/build-plan.js';
import { renderPlanText } from '../plan/render-plan-text.js';
import { colors, errorColors } from '../output/colors.js';
import { envPlaceholderNames } from '../resolve/fill-placeholders.js';

export interface ExecOptions extends ValueFlags {
  dryRun?: boolean;
  yes?: boolean;
  only?: string[];
  from?: string;
  concurrency?: string;
  timeout?: string;
  strict?: boolean;
  json?: boolean;
  junit?: string;
  cwd?: string;
  recordDir?: string;
  record?: string | boolean;
  template?: string;
  participant?: string[];
  env?: string;
  release?: string;
  target?: string;
  objective?: string[];
  operator?: string;
}

export async function runExec(file: string, options: ExecOptions): Promise<number> {
  keepRunningWithoutReaders();
  const loaded = loadRunbook(file);
  const prepared = await prepareRun(loaded, options);
  const code = await startRun(loaded, prepared, options);
  if (code !== 0) throw new ExitCode(code);
  return code;
}

export interface PreparedRun {
  values: Record<string, string>;
  captures: Record<string, string>;
  selected: Set<string>;
  concurrency: number;
  timeoutMs?: number;
  template?: { text: string; source: string };
  operator: string;
  approvedGates: { stepId: string; reason: string; by: string }[];
}

/** Everything that can be known to be wrong is found here, before the first process starts. */
export async function prepareRun(loaded: LoadedRunbook, options: ExecOptions, { askGates = true, skip = new Set<string>() }: { askGates?: boolean; skip?: ReadonlySet<string> } = {}): Promise<PreparedRun> {
  const { runbook, graph, diagnostics, file } = loaded;
  const problems: string[] = [];
  for (const d of diagnostics.filter((d) => d.severity === 'error')) problems.push(`${file}:${d.position.line}:${d.position.column}: ${d.message} (${d.ruleId})`);
  let resolved = readValues(runbook, options);
  const captureNames = new Set(runbook.steps.flatMap((s) => s.captures));
  const { selected, problems: selectionProblems } = selectSteps(runbook.steps, graph.order, options.only, options.from);
  problems.push(...selectionProblems);
  // In a terminal, a value nobody gave is asked for (SPEC §2); anywhere else it stops the run.
  if (resolved.missing.length > 0 && process.stdin.isTTY === true && process.stderr.isTTY === true && !options.json && !options.dryRun) {
    const usedBySelected = new Set(runbook.steps.filter((s) => selected.has(s.id)).flatMap((s) => s.commands.flatMap((c) => c.placeholders.map((p) => p.name))));
    const answers: Record<string, string> = {};
    for (const { name } of resolved.missing.filter((m) => usedBySelected.has(m.name))) {
      const param = runbook.params.find((p) => p.name === name);
      const answer = await askValue(`<${name}>${param?.description ? ` (${param.description})` : ''}: `, param?.secret === true);
      if (answer !== '') answers[name] = answer;
    }
    if (Object.keys(answers).length > 0) resolved = readValues(runbook, options, answers);
  }
  // Steps a resume will not run again need no values and ask nothing.
  const selectedSteps = runbook.steps.filter((s) => selected.has(s.id) && !skip.has(s.id));
  const used = new Set(selectedSteps.flatMap((s) => [...s.commands.flatMap((c) => c.placeholders.map((p) => p.name)), ...envPlaceholderNames(s.env)]));
  for (const missing of resolved.missing) {
    if (!used.has(missing.name)) continue;
    problems.push(`no value for <${missing.name}> (used at ${missing.positions.map((p) => `${file}:${p.line}:${p.column}`).join(', ')}); give it with --set ${missing.name}=…, --vars FILE or ${envName(missing.name)}`);
  }
  for (const invalid of resolved.invalid) problems.push(`invalid value for <${invalid.name}>: ${invalid.message}`);
  // A value that cannot be quoted safely where its placeholder sits stops the run here, not at
  // its step. Captures are only known while running; run-step checks those.
  for (const step of selectedSteps) {
    for (const command of step.commands) {
      for (const unsafe of renderCommand(command, resolved.values, { keepMissing: true }).unsafe) {
        problems.push(`value of <${unsafe.name}> cannot be inserted safely at ${file}:${command.position.line}:${command.position.column}: ${unsafe.reason}`);
      }
    }
  }
  // A capture made by a step that will not run must be given with --set.
  const captures: Record<string, string> = {};
  for (const raw of options.set ?? []) {
    const name = raw.slice(0, raw.indexOf('='));
    if (captureNames.has(name)) captures[name] = raw.slice(raw.indexOf('=') + 1);
  }
  for (const step of selectedSteps) {
    for (const command of step.commands) {
      for (const p of command.placeholders) {
        if (!captureNames.has(p.name) || p.name in captures) continue;
        const maker = runbook.steps.find((s) => s.captures.includes(p.name));
        if (maker && !selected.has(maker.id)) problems.push(`<${p.name}> is captured by ${maker.id}, which will not run; give it with --set ${p.name}=…`);
      }
    }
  }
  if (options.json && options.record === '-') throw new UsageError('--record - writes the drill record to stdout, where --json writes events; give --record a file name');
  const concurrency = Number(options.concurrency ?? '1');
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency ${JSON.stringify(options.concurrency)}: expected a whole number of at least 1`);
  let timeoutMs: number | undefined;
  if (options.timeout !== undefined) {
    timeoutMs = parseDuration(options.timeout);
    if (timeoutMs === undefined) throw new UsageError(`--timeout ${JSON.stringify(options.timeout)}: expected a duration such as 90s, 10m or 1h`);
  }
  timeoutMs ??= runbook.timeoutMs;
  let template: PreparedRun['template'];
  if (options.record !== false) template = loadTemplate(options.template ?? runbook.record.template);
  const operator = options.operator ?? safeUser();
  const approvedGates: PreparedRun['approvedGates'] = [];
  if (!options.dryRun) {
    // Otherwise every step would fail the same way, after the first ones had already run.
    const cwd = runCwd(loaded, options);
    if (!isDirectory(cwd)) problems.push(`the commands' working directory ${cwd} does not exist${options.cwd !== undefined ? ' (--cwd)' : ''}`);
    const shell = runbook.shell.split(/\s+/)[0] ?? 'bash';
    if (!findExecutable(shell)) problems.push(`the shell \`${shell}\` is not installed (or not on PATH)${runbook.shell !== 'bash' ? '; the runbook\'s frontmatter asks for it' : ''}`);
  }
  if (problems.length > 0) throw new PreflightError(problems);
  // Checking the record's folder creates it, so only once the rest of the input is sound.
  const recordProblem = template && recordFolderProblem({
    ...(typeof options.record === 'string' && { file: options.record }),
    ...((options.recordDir ?? runbook.record.dir) !== undefined && { dir: options.recordDir ?? runbook.record.dir }),
  }, process.cwd());
  if (recordProblem) throw new PreflightError([recordProblem]);
  if (!options.dryRun && askGates) {
    const gated = selectedSteps.filter((s) => s.gate !== undefined && s.commands.length > 0);
    const interactive = process.stdin.isTTY === true && !options.json;
    const refused: string[] = [];
    for (const step of gated) {
      const shown = step.commands.map((c) => renderCommand(c, { ...resolved.values, ...captures }, { mask: secretNames(runbook), keepMissing: true }).display).join('\n      ');
      if (options.yes) approvedGates.push({ stepId: step.id, reason: step.gate as string, by: `${operator} (--yes)` });
      else if (interactive) {
        if (await askOnTerminal(`${step.id} ${step.title} asks first (${step.gate}):\n      ${shown}\n  Run it when its turn comes? [y/N] `)) approvedGates.push({ stepId: step.id, reason: step.gate as string, by: operator });
        else refused.push(`${step.id} was not approved`);
      } else refused.push(`${step.id} asks before it runs (${step.gate}); run in a terminal to approve it, or pass --yes`);
    }
    if (refused.length > 0) throw new PreflightError(refused);
  }
  return { values: resolved.values, captures, selected, concurrency, ...(timeoutMs !== undefined && { timeoutMs }), ...(template && { template }), operator, approvedGates };
}

/** Runs a prepared runbook: journal, lock, renderers, signals, record. Returns the exit code. */
export async function startRun(loaded: LoadedRunbook, prepared: PreparedRun, options: ExecOptions, resume?: { runId: string; attempt: number; priorEvents: RunEvent[]; alreadyPassed: Set<string> }): Promise<number> {
  const { runbook, graph, text, file } = loaded;
  const workspace = process.cwd();
  const runId = resume?.runId ?? createRunId();
  const secrets = secretNames(runbook);
  const mask = createMask([...[...secrets].map((n) => prepared.values[n]).filter((v): v is string => v !== undefined), ...secretEnvValues(process.env)]);
  const maskedParams = Object.fromEntries(Object.entries(prepared.values).map(([k, v]) => [k, secrets.has(k) ? '***' : mask(v)]));
  const bus = new EventBus();
  const events: RunEvent[] = [...(resume?.priorEvents ?? [])];
  bus.subscribe((event) => {
    if (event.type !== 'step-output') events.push(event);
  });
  // `--json` and `--record -` own stdout: people read the run on stderr then.
  const human = options.json || options.record === '-' ? (t: string) => process.stderr.write(t) : (t: string) => process.stdout.write(t);
  if (options.json) bus.subscribe((event) => process.stdout.write(`${JSON.stringify(event)}\n`));
  const tty = !options.json && process.stdout.isTTY === true && !process.env.CI && !options.dryRun;
  if (!tty) bus.subscribe(createPlainRenderer(human, { palette: options.json || options.record === '-' ? errorColors : colors }));
  // A terminal nobody gave a size (`script`, some containers) reports 0 columns, and the task list
  // would wrap one character per line.
  if (tty && !process.stdout.columns) process.stdout.columns = 80;
  const dryRun = options.dryRun === true;

  let journal: ReturnType<typeof openJournal> | undefined;
  let releaseLock: (() => void) | undefined;
  if (!dryRun) {
    const lock = unlessUnwritable('take the run lock', () => acquireRunLock(workspace, file, { pid: process.pid, user: prepared.operator, startedAt: new Date().toISOString(), runId }));
    if (!lock.ok) {
      const h = lock.holder;
      throw new UsageError(`another run of this runbook is in progress: run ${h.runId} by ${h.user} (pid ${h.pid} on ${h.host}), started ${h.startedAt}`, file);
    }
    if (lock.tookOverFrom) process.stderr.write(`runbook: warning: took over the lock of run ${lock.tookOverFrom.runId} (pid ${lock.tookOverFrom.pid}, no longer running)\n`);
    releaseLock = lock.release;
    try {
      journal = unlessUnwritable('open the run journal', () => openJournal(runDir(workspace, runId)));
    } catch (error) {
      releaseLock();
      throw error;
    }
    bus.subscribe(journal.subscriber);
  }

  const cwd = runCwd(loaded, options);
  const started = performance.now();
  bus.emit({
    type: 'run-start',
    runId,
    runbookPath: relative(workspace, resolve(file)) || file,
    runbookTitle: runbook.title,
    sha256: createHash('sha256').update(text).digest('hex'),
    gitCommit: gitCommitOf(file),
    engineVersion,
    mode: dryRun ? 'dry-run' : 'live',
    operator: prepared.operator,
    params: maskedParams,
    // The record flags too, so a resume and `runbook record` render with the same template, into the same folder.
    options: { concurrency: prepared.concurrency, strict: options.strict === true, only: options.only ?? [], from: options.from ?? null, cwd, yes: options.yes === true, template: options.template ?? null, recordDir: options.recordDir ?? null },
    attempt: resume?.attempt ?? 1,
    steps: plannedSteps(runbook, graph.order, graph.dependencies, { ...prepared.values, ...prepared.captures }, secrets, mask),
    context: recordFacts(runbook, options),
  });
  for (const gate of prepared.approvedGates) bus.emit({ type: 'gate', stepId: gate.stepId, reason: gate.reason, approved: true, by: gate.by });

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts === 1) {
      process.stderr.write('\nrunbook: interrupted; ending running steps (Ctrl-C again to quit at once)\n');
      controller.abort();
    } else {
      // Quit at once, but leave a journal that says so and a lock the next run need not take over.
      killAllGroups('SIGKILL');
      bus.emit({ type: 'run-end', status: 'aborted', exitCode: 130, durationMs: Math.round(performance.now() - started) });
      journal?.close();
      releaseLock?.();
      process.exit(130);
    }
  };
  // A closed terminal (SIGHUP) or a supervisor's SIGTERM ends the run as cleanly as Ctrl-C does.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onSigint);

  let status: Extract<RunEvent, { type: 'run-end' }>['status'];
  let exitCode: number;
  try {
    if (dryRun) {
      // What would run, resolved, and what would be checked: the plan, with this run's values.
      if (!options.json) {
        const plan = buildPlan({ file, runbook, graph, resolved: readValues(runbook, options), diagnostics: loaded.diagnostics });
        human(renderPlanText({ ...plan, steps: plan.steps.filter((s) => prepared.selected.has(s.id)) }));
      }
      for (const id of graph.order) {
        bus.emit({ type: 'step-end', stepId: id, status: prepared.selected.has(id) ? 'planned' : 'skipped', durationMs: 0, exitCode: null, captures: {} });
      }
      status = 'planned';
      exitCode = 0;
    } else {
      const result = await executeRun({
        steps: runbook.steps,
        order: graph.order,
        dependencies: graph.dependencies,
        selected: prepared.selected,
        concurrency: prepared.concurrency,
        display: tty ? 'tty' : 'silent',
        interactive: process.stdin.isTTY === true && !options.json && !options.yes,
        signal: controller.signal,
        ...(prepared.timeoutMs !== undefined && { timeoutMs: prepared.timeoutMs }),
        ...(resume && { alreadyPassed: resume.alreadyPassed, attempt: resume.attempt }),
        context: {
          bus,
          shell: runbook.shell,
          cwd,
          env: commandEnv(runbook, prepared.values, runId),
          values: prepared.values,
          captures: { ...prepared.captures },
          secretNames: secrets,
          mask,
          strict: options.strict === true,
          operator: prepared.operator,
          ...(journal && { logDir: `${runDir(workspace, runId)}/logs` }),
          ...(process.env.RUNBOOK_KILL_GRACE_MS !== undefined && { killGraceMs: Number(process.env.RUNBOOK_KILL_GRACE_MS) }),
          includeExcluded: (options.only?.length ?? 0) > 0,
        },
      });
      status = result.status;
      exitCode = result.exitCode;
    }
  } finally {
    for (const signal of signals) process.off(signal, onSigint);
  }

  // One run end for the record and the journal (the bus keeps a given time), so that
  // `runbook record` renders from the journal exactly the record written here.
  const end = { time: new Date().toISOString(), type: 'run-end' as const, status, exitCode, durationMs: Math.round(performance.now() - started) };
  let recordPath: string | undefined;
  if (options.record !== false && prepared.template) {
    try {
      recordPath = writeDrillRecord([...events, end], {
        ...(typeof options.record === 'string' && { file: options.record }),
        ...((options.recordDir ?? runbook.record.dir) !== undefined && { dir: options.recordDir ?? runbook.record.dir }),
        ...(runbook.record.filename !== undefined && { pattern: runbook.record.filename }),
      }, prepared.template, {}, workspace);
    } catch (error) {
      process.stderr.write(`runbook: could not write the drill record: ${(error as Error).message}\n`);
    }
  }
  bus.emit({ ...end, ...(recordPath && recordPath !== '-' && { recordPath: relative(workspace, recordPath) || recordPath }) });
  if (options.junit) {
    const { writeJunit } = await import('../run/write-junit.js');
    writeJunit(options.junit, events, mask);
  }
  if (process.env.GITHUB_STEP_SUMMARY) {
    const { appendStepSummary } = await import('./step-summary.js');
    const { renderRunSummary } = await import('../run/render-run-summary.js');
    appendStepSummary(renderRunSummary(events));
  }
  if (tty) process.stdout.write(`\nrun ${status} in ${((performance.now() - started) / 1000).toFixed(1)}s${recordPath && recordPath !== '-' ? `\ndrill record: ${relative(workspace, recordPath)}` : ''}\n`);
  journal?.close();
  releaseLock?.();
  return exitCode;
}

/** A workspace where .runbook/ cannot be written is bad input: say so, with nothing run. */
function unlessUnwritable<T>(what: string, act: () => T): T {
  try {
    return act();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new UsageError(`cannot ${what} under .runbook/: ${(error as Error).message}`);
  }
}

/** Where commands run: --cwd, else the frontmatter's cwd or the runbook's folder. */
function runCwd(loaded: LoadedRunbook, options: ExecOptions): string {
  return options.cwd !== undefined ? resolve(options.cwd) : resolveCwd(resolve(dirname(loaded.file)), loaded.runbook.cwd);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function findExecutable(name: string): boolean {
  const candidates = name.includes('/') ? [resolve(name)] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name));
  return candidates.some((path) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}

function plannedSteps(runbook: Runbook, order: string[], dependencies: Record<string, string[]>, values: Record<string, string>, secrets: ReadonlySet<string>, mask: (text: string) => string): PlannedStep[] {
  const byId = new Map(runbook.steps.map((s) => [s.id, s]));
  const sections = new Map(runbook.sections.map((s) => [s.id, s.title]));
  return order.map((id) => byId.get(id) as Step).map((step) => ({
    id: step.id,
    title: step.title,
    ...(step.section !== undefined && { section: step.section }),
    ...(step.section !== undefined && sections.has(step.section) && { sectionTitle: sections.get(step.section) as string }),
    actions: step.actions,
    commands: step.commands.map((c) => mask(renderCommand(c, values, { mask: secrets, keepMissing: true }).display)),
    expected: step.expectations.map((e) => e.text),
    attestations: step.attestations.map((a) => ({ ...(a.label !== undefined && { label: a.label }), text: a.text, kind: a.kind })),
    ...(step.gate !== undefined && { gate: step.gate }),
    dependsOn: dependencies[step.id] ?? [],
  }));
}

/** Participants, environment, versions and objectives: flags first, then frontmatter. */
function recordFacts(runbook: Runbook, options: ExecOptions): Record<string, string | string[]> {
  const fm = runbook.frontmatter;
  const pick = (flag: string | undefined, ...keys: string[]): string | undefined => flag ?? keys.map((k) => fm[k]).find((v): v is string => typeof v === 'string');
  const list = (flag: string[] | undefined, key: string): string[] | undefined => (flag && flag.length > 0 ? flag : Array.isArray(fm[key]) ? (fm[key] as unknown[]).map(String) : undefined);
  const facts: Record<string, string | string[] | undefined> = {
    participants: list(options.participant, 'participants'),
    environment: pick(options.env, 'environment'),
    releaseVersion: pick(options.release, 'release', 'releaseVersion'),
    rollbackTargetVersion: pick(options.target, 'target', 'rollbackTargetVersion'),
    objectives: list(options.objective, 'objectives'),
  };
  return Object.fromEntries(Object.entries(facts).filter((e): e is [string, string | string[]] => e[1] !== undefined));
}

function commandEnv(runbook: Runbook, values: Record<string, string>, runId: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, runbook.env);
  for (const [name, value] of Object.entries(values)) env[name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')] = value;
  env.RUNBOOK_RUN_ID = runId;
  return env;
}

export function secretNames(runbook: Runbook): Set<string> {
  return new Set(runbook.params.filter((p) => p.secret).map((p) => p.name));
}

function envName(name: string): string {
  return `RUNBOOK_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * `runbook exec … | head` must not kill the engine halfway through a rollback: when nobody reads
 * stdout or stderr any more, output is dropped and the run, its journal and its record go on.
 */
function keepRunningWithoutReaders(): void {
  for (const stream of [process.stdout, process.stderr]) {
    // Replaces the entry point's handler, which ends read-only commands quietly on EPIPE.
    stream.removeAllListeners('error');
    stream.on('error', () => undefined);
  }
}

function safeUser(): string {
  try {
    return process.env.RUNBOOK_OPERATOR ?? userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** A value typed at the terminal; a secret is not echoed. Ctrl-C leaves with nothing run. */
async function askValue(question: string, secret: boolean): Promise<string> {
  return secret ? readHidden(question) : (await askLine(question)).trim();
}

/** Reads a line in raw mode without echoing it: Enter ends it, Backspace edits, Ctrl-C leaves. */
function readHidden(question: string): Promise<string> {
  process.stderr.write(question);
  const stdin = process.stdin;
  return new Promise((resolveValue, reject) => {
    let value = '';
    const wasRaw = stdin.isRaw;
    stdin.setRawMode?.(true);
    stdin.resume();
    const done = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (data: Buffer): void => {
      for (const char of data.toString('utf8')) {
        if (char === '\u0003') {
          done();
          process.stderr.write('runbook: interrupted; nothing was run\n');
          reject(new ExitCode(130));
          return;
        }
        if (char === '\r' || char === '\n') {
          done();
          resolveValue(value.trim());
          return;
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function askOnTerminal(question: string): Promise<boolean> {
  return /^y(es)?$/i.test((await askLine(question)).trim());
}

/** One line typed at the terminal. Ctrl-C (or Ctrl-D) there: the operator left before anything ran. */
async function askLine(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } catch (error) {
    process.stderr.write(`\nrunbook: interrupted; nothing was run\n`);
    throw new ExitCode((error as Error).name === 'AbortError' ? 130 : 2);
  } finally {
    rl.close();
  }
}
