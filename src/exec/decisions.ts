// Decision points at run time (SPEC §2 "Choices are not sequences"): a run takes at most one
// branch of each. Before the run (pure): `--choose DECISION=OPTION` is checked against the
// runbook, `--only` naming one branch's steps picks that branch, a default (a Runme cell left out
// of run-all) is taken, and without someone to ask every decision still open stops the run with
// exit 2, naming each and its options. During the run: when a branch's step comes up, its
// decision is settled once (given before, a checked `When:`, or the operator's pick from a list),
// told as a `decision` event, and the steps of every other branch are skipped as "not chosen".
import { StreamWatch } from '../expect/stream-watch.js';
import { evaluateMatcher } from '../expect/evaluate-matcher.js';
import type { CommandResult, DecisionWay } from '../model/events.js';
import type { Decision, Matcher, Runbook, Step } from '../model/runbook.js';
import { suggestNearest } from '../format/suggest-nearest.js';
import type { Choose } from '../run/decision-question.js';
import type { EventBus } from '../run/event-bus.js';
import type { Mask } from '../run/mask-secrets.js';
import { spawnShell } from '../run/spawn-shell.js';
import { UsageError } from '../cli/errors.js';

/** A decision made before its turn. `silent`: made in an earlier attempt, whose journal already tells it. */
export interface Decided {
  option: string;
  how: DecisionWay;
  silent?: boolean;
}

/** `--choose recover.choice=a` flags by decision id; the last one given for a decision wins. */
export function parseChooseFlags(raw: readonly string[] = []): Record<string, string> {
  const chosen: Record<string, string> = {};
  for (const flag of raw) {
    const match = /^([^=\s]+)=(\S+)$/.exec(flag.trim());
    if (!match?.[1] || !match[2]) throw new UsageError(`--choose ${JSON.stringify(flag)}: expected DECISION=OPTION, such as --choose recover.choice=a (see \`runbook plan\`)`);
    chosen[match[1]] = match[2];
  }
  return chosen;
}

export interface DecisionInput {
  runbook: Runbook;
  /** The steps the run selected (--only, --from). */
  selected: ReadonlySet<string>;
  /** --choose, by decision id. */
  choices: Readonly<Record<string, string>>;
  /** --only as given. */
  only: readonly string[];
  /** Decisions an earlier attempt of this run made (resume). */
  kept: Readonly<Record<string, string>>;
  /** Whether someone at a terminal can be asked at the decision's turn. */
  canAsk: boolean;
}

export interface DecisionPlan {
  decided: Map<string, Decided>;
  problems: string[];
}

export function planDecisions({ runbook, selected, choices, only, kept, canAsk }: DecisionInput): DecisionPlan {
  const decided = new Map<string, Decided>();
  const problems: string[] = [];
  const byId = new Map(runbook.decisions.map((d) => [d.id, d]));
  for (const [id, written] of Object.entries(kept)) if (byId.has(id)) decided.set(id, { option: written, how: 'asked', silent: true });
  for (const [id, written] of Object.entries(choices)) {
    const decision = byId.get(id);
    if (!decision) {
      const near = suggestNearest(id, byId.keys());
      problems.push(`--choose ${id}=${written}: the runbook has no decision point \`${id}\`${near ? ` (did you mean \`${near}\`?)` : ''}; ${byId.size > 0 ? `its decision points are ${[...byId.keys()].map((k) => `\`${k}\``).join(', ')}` : 'it has none'}`);
      continue;
    }
    const option = optionNamed(decision, written);
    if (option === undefined) {
      const ids = decision.options.map((o) => o.id);
      const near = suggestNearest(written, ids);
      problems.push(`--choose ${id}=${written}: \`${id}\` has no option \`${written}\`${near ? ` (did you mean \`${near}\`?)` : ''}; its options are ${ids.map((o) => `\`${o}\``).join(', ')}`);
      continue;
    }
    decided.set(id, { option, how: 'choose-flag' });
  }
  // `--only A.2.2` names one branch's step (or a Runme cell's name): that is the branch to take.
  const named = new Set(only.flatMap((raw) => raw.split(',')).map((s) => s.trim()).filter(Boolean));
  const cells = new Set(runbook.steps.filter((step) => step.commands.some((command) => command.name !== undefined && named.has(command.name))).map((step) => step.id));
  for (const decision of runbook.decisions) {
    if (decided.has(decision.id) || named.size === 0) continue;
    const picked = decision.options.filter((option) => option.steps.some((step) => named.has(step) || cells.has(step)));
    if (picked.length > 1) problems.push(`--only names steps of ${picked.length} branches of \`${decision.id}\` (${picked.map((o) => o.id).join(', ')}); a run takes at most one branch of a decision point`);
    else if (picked[0]) decided.set(decision.id, { option: picked[0].id, how: 'only-flag' });
  }
  for (const decision of runbook.decisions) {
    if (!decided.has(decision.id) && decision.default !== undefined) decided.set(decision.id, { option: decision.default, how: 'default' });
  }
  if (!canAsk) {
    const open = runbook.decisions.filter((d) => !decided.has(d.id) && d.check === undefined && reachable(d, byId, decided, selected));
    for (const decision of open) problems.push(describeOpen(decision, runbook));
  }
  return { decided, problems };
}

/** Whether a decision already made takes another branch than this step's: then it will not run, and needs nothing. */
export function isRefused(step: Step, decided: ReadonlyMap<string, Decided>, runbook: Pick<Runbook, 'decisions'>): boolean {
  const byId = new Map(runbook.decisions.map((d) => [d.id, d]));
  return branchesOf(step, byId).some(({ decision, option }) => {
    const made = decided.get(decision.id);
    return made !== undefined && made.option !== option;
  });
}

/** An option by its id (any case), or by the id of one of its steps. */
function optionNamed(decision: Decision, written: string): string | undefined {
  const folded = written.toLowerCase();
  return (decision.options.find((o) => o.id.toLowerCase() === folded) ?? decision.options.find((o) => o.steps.includes(written)))?.id;
}

/** A decision the run may reach: a selected step on one of its branches, inside branches not already refused. */
function reachable(decision: Decision, byId: ReadonlyMap<string, Decision>, decided: ReadonlyMap<string, Decided>, selected: ReadonlySet<string>): boolean {
  if (!decision.options.some((option) => option.steps.some((step) => selected.has(step)))) return false;
  for (let within = decision.within; within !== undefined; within = byId.get(within.decision)?.within) {
    const outer = decided.get(within.decision);
    if (outer !== undefined && outer.option !== within.option) return false;
  }
  return true;
}

function describeOpen(decision: Decision, runbook: Runbook): string {
  const options = decision.options.map((option) => {
    const command = firstCommandOf(runbook, option.steps);
    return `--choose ${decision.id}=${option.id} (${option.title}${command ? `: \`${command}\`` : ''})`;
  });
  return `decision point \`${decision.id}\` (${decision.title}, line ${decision.position.line}) needs a choice: run in a terminal to pick it at its turn, or give one of ${options.join(', ')}`;
}

/** The first line of the first command on a branch, as written: what the operator sees beside each option. */
export function firstCommandOf(runbook: Pick<Runbook, 'steps'>, steps: readonly string[]): string | undefined {
  for (const id of steps) {
    const command = runbook.steps.find((s) => s.id === id)?.commands[0];
    if (command) return command.text.split('\n').find((line) => line.trim() !== '' && !/^\s*#/.test(line))?.trim() ?? command.text.trim();
  }
  return undefined;
}

export interface DeciderInput {
  runbook: Runbook;
  decided: ReadonlyMap<string, Decided>;
  choose: Choose;
  bus: EventBus;
  operator: string;
  /** Where a `When:` command runs: as the steps' commands do. */
  shell: string;
  cwd: string;
  env: Record<string, string>;
  mask: Mask;
  signal: AbortSignal;
}

/** How long a `When:` command may take to decide. */
const CHECK_TIMEOUT_MS = 60_000;

/**
 * The scheduler's question before each step: why it is skipped (`not chosen`), or undefined when
 * its branches are taken. Each decision is settled once, in the order the run reaches it.
 */
export function createDecider(input: DeciderInput): (step: Step) => Promise<string | undefined> {
  const { runbook, bus } = input;
  const byId = new Map(runbook.decisions.map((d) => [d.id, d]));
  const results = new Map<string, CommandResult>();
  const ended = new Map<string, string>();
  bus.subscribe((event) => {
    if (event.type === 'command-end') results.set(event.stepId, event.result);
    if (event.type === 'step-end') ended.set(event.stepId, event.status);
  });
  const settled = new Map<string, Promise<string>>();
  const settle = (decision: Decision, stepId: string): Promise<string> => {
    let known = settled.get(decision.id);
    if (!known) {
      known = decide(decision, stepId);
      settled.set(decision.id, known);
    }
    return known;
  };

  const decide = async (decision: Decision, stepId: string): Promise<string> => {
    const given = input.decided.get(decision.id);
    if (given) {
      if (!given.silent) tell(decision, given.option, given.how, stepId, byOf(given.how));
      return given.option;
    }
    if (decision.check) {
      const { take, evidence } = await runCheck(decision);
      const option = take ? 'take' : 'skip';
      tell(decision, option, 'check', stepId, 'check', evidence);
      return option;
    }
    const answer = await input.choose({
      stepId,
      decisionId: decision.id,
      title: decision.title,
      kind: decision.kind,
      options: decision.options.map((o) => ({ id: o.id, title: o.title, ...withCommand(firstCommandOf(runbook, o.steps)) })),
      ...(decision.default !== undefined && { default: decision.default }),
    });
    // Preflight stops a run nobody can answer; should an answer still be missing, no branch runs.
    const option = answer !== undefined && decision.options.some((o) => o.id === answer) ? answer : 'none';
    tell(decision, option, 'asked', stepId, answer === undefined ? 'nobody' : input.operator);
    return option;
  };

  const byOf = (how: DecisionWay): string => {
    if (how === 'choose-flag') return `${input.operator} (--choose)`;
    if (how === 'only-flag') return `${input.operator} (--only)`;
    return 'the runbook (default)';
  };

  const tell = (decision: Decision, option: string, how: DecisionWay, stepId: string, by: string, evidence?: string): void => {
    const chosen = decision.options.find((o) => o.id === option);
    bus.emit({
      type: 'decision',
      decisionId: decision.id,
      title: decision.title,
      kind: decision.kind,
      option,
      optionTitle: chosen?.title ?? 'no branch',
      by,
      how,
      ...(evidence !== undefined && { evidence: input.mask(evidence) }),
      stepId,
    });
  };

  const runCheck = async (decision: Decision): Promise<{ take: boolean; evidence: string }> => {
    const check = decision.check;
    if (check?.kind === 'command') {
      const spawned = await spawnShell({ command: check.command, shell: input.shell, cwd: input.cwd, env: input.env, timeoutMs: CHECK_TIMEOUT_MS, signal: input.signal, matchers: [], mask: input.mask });
      const take = spawned.exitCode === 0;
      return { take, evidence: `\`${check.command}\` ${spawned.spawnError ?? (spawned.timedOut ? 'timed out' : `exited ${spawned.exitCode ?? spawned.signal ?? '?'}`)}` };
    }
    if (check?.kind !== 'matcher') return { take: false, evidence: 'nothing to check' };
    const result = results.get(check.step);
    // A step that did not run has no result to hold the condition against: nothing is taken on a guess.
    if (!result) return { take: false, evidence: `${check.step} ${ended.get(check.step) ?? 'did not run'}, so \`${check.source}\` cannot hold` };
    const outcome = evaluateMatcher(check.matcher, summaryOf(result, check.matcher), check.source);
    return { take: outcome.verdict === 'verified', evidence: `${check.step}: \`${check.source}\` ${outcome.verdict === 'verified' ? 'holds' : 'does not hold'} (${outcome.evidence})` };
  };

  return async (step) => {
    for (const { decision, option } of branchesOf(step, byId)) {
      const chosen = await settle(decision, step.id);
      if (chosen !== option) return 'not chosen';
    }
    return undefined;
  };
}

function withCommand(command: string | undefined): { firstCommand?: string } {
  return command === undefined ? {} : { firstCommand: command };
}

/** The branches a step is on, outermost first. */
function branchesOf(step: Step, byId: ReadonlyMap<string, Decision>): { decision: Decision; option: string }[] {
  const chain: { decision: Decision; option: string }[] = [];
  let at = step.branch;
  while (at !== undefined) {
    const decision = byId.get(at.decision);
    if (!decision) break;
    chain.unshift({ decision, option: at.option });
    at = decision.within;
  }
  return chain;
}

/** A journalled command result as the matchers read a finished command. */
function summaryOf(result: CommandResult, matcher: Matcher) {
  const watch = (stream: 'stdout' | 'stderr', text: string): StreamWatch => {
    const w = new StreamWatch({ stream, matchers: [matcher] });
    w.writeDecoded(Buffer.from(text, 'utf8'), text);
    w.end();
    return w;
  };
  return { exitCode: result.exitCode, signal: result.signal, durationMs: result.durationMs, timedOut: result.timedOut, stdout: watch('stdout', result.stdout), stderr: watch('stderr', result.stderr) };
}
