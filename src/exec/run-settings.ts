// One settings object per run, whatever started it: `exec`'s flags, or a journal's run-start plus
// `resume`'s flags. zod checks it once; preflight, the session and the renderers read only this.
import { z } from 'zod';
import { resolve } from 'node:path';
import { parseDuration } from '../expect/parse-duration.js';
import type { RunEvent } from '../model/events.js';
import { UsageError } from '../cli/errors.js';
import { parseSetFlags } from '../cli/read-values.js';
import { parseChooseFlags } from './decisions.js';

/** The longest time a Node timer can wait (2^31 - 1 ms, about 24.8 days): a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Why a time limit cannot be kept, or undefined: 0 is no limit, and a timer cannot wait longer than MAX_TIMER_MS. */
export function timeLimitProblem(ms: number): string | undefined {
  if (ms <= 0) return 'expected a duration longer than 0, such as 90s, 10m or 1h';
  if (ms > MAX_TIMER_MS) return 'longer than the engine can wait (at most 24 days)';
  return undefined;
}

/** Drill facts given by flags; the runbook's frontmatter fills in the rest. */
export const recordFactsSchema = z.object({
  participants: z.array(z.string()).optional(),
  environment: z.string().optional(),
  releaseVersion: z.string().optional(),
  rollbackTargetVersion: z.string().optional(),
  objectives: z.array(z.string()).optional(),
});

export const runSettingsSchema = z.object({
  /** Values given by name (--set; on resume also what the journal kept): they win over every other source. */
  values: z.record(z.string(), z.string()),
  varsFile: z.string().optional(),
  dryRun: z.boolean(),
  yes: z.boolean(),
  only: z.array(z.string()),
  from: z.string().optional(),
  /** `--choose DECISION=OPTION`, by decision id. */
  choices: z.record(z.string(), z.string()).default({}),
  /** Decisions an earlier attempt of this run made (resume keeps them): told once, in that attempt. */
  decided: z.record(z.string(), z.string()).default({}),
  concurrency: z.number().int().min(1),
  timeoutMs: z.number().int().min(1).max(MAX_TIMER_MS).optional(),
  strict: z.boolean(),
  json: z.boolean(),
  junit: z.string().optional(),
  /** As given; the session resolves it against the workspace. */
  cwd: z.string().optional(),
  /** `false` for --no-record, `-` for stdout, else a file or folder; absent: the default folder. */
  record: z.union([z.literal(false), z.string()]).optional(),
  recordDir: z.string().optional(),
  template: z.string().optional(),
  operator: z.string().optional(),
  facts: recordFactsSchema,
  /** The --answers file, as given. */
  answers: z.string().optional(),
  /** The incident or change the drill belongs to (--ticket). */
  ticket: z.url({ protocol: /^https?$/, error: 'expected the URL of the incident or change, such as https://tracker.example.com/INC-42' }).optional(),
  /** What the operator did before this attempt (`resume --note`). */
  note: z.string().trim().min(1).optional(),
});
export type RunSettings = z.infer<typeof runSettingsSchema>;

/**
 * What a run-start event keeps of its settings (`options`), so that a resume and `runbook record`
 * carry on as the run was told. A field an older or hand-edited journal spells otherwise is left out.
 */
export const journalOptionsSchema = z.object({
  concurrency: z.number().int().min(1).optional().catch(undefined),
  strict: z.boolean().optional().catch(undefined),
  only: z.array(z.string()).optional().catch(undefined),
  from: z.string().nullable().optional().catch(undefined),
  cwd: z.string().optional().catch(undefined),
  yes: z.boolean().optional().catch(undefined),
  template: z.string().nullable().optional().catch(undefined),
  recordDir: z.string().nullable().optional().catch(undefined),
  /** The --answers file, absolute, so a resume started elsewhere finds it. */
  answers: z.string().nullable().optional().catch(undefined),
  ticket: z.string().nullable().optional().catch(undefined),
});
export type JournalOptions = z.infer<typeof journalOptionsSchema>;

/** The run-start `options` of a run with these settings, commands run in `cwd`. */
export function journalOptionsOf(settings: RunSettings, cwd: string, startedIn: string): Required<JournalOptions> {
  return {
    concurrency: settings.concurrency,
    strict: settings.strict,
    only: settings.only,
    from: settings.from ?? null,
    cwd,
    yes: settings.yes,
    // Paths as a command started anywhere else can read them.
    template: settings.template === undefined ? null : resolve(startedIn, settings.template),
    recordDir: settings.recordDir === undefined ? null : resolve(startedIn, settings.recordDir),
    answers: settings.answers === undefined ? null : resolve(startedIn, settings.answers),
    ticket: settings.ticket ?? null,
  };
}

/** `runbook exec` flags as commander hands them over. */
export interface ExecFlags {
  set?: string[];
  vars?: string;
  dryRun?: boolean;
  yes?: boolean;
  only?: string[];
  from?: string;
  choose?: string[];
  concurrency?: string;
  timeout?: string;
  strict?: boolean;
  json?: boolean;
  junit?: string;
  cwd?: string;
  recordDir?: string;
  /** commander: `true` unless --no-record (false) or --record FILE. */
  record?: string | boolean;
  template?: string;
  participant?: string[];
  env?: string;
  release?: string;
  target?: string;
  objective?: string[];
  operator?: string;
  answers?: string;
  ticket?: string;
}

/** Flags → settings; a malformed flag is bad input, named with what was expected. */
export function settingsFromFlags(flags: ExecFlags): RunSettings {
  const values = parseSetFlags(flags.set);
  if (flags.json && flags.record === '-') throw new UsageError('--record - writes the drill record to stdout, where --json writes events; give --record a file name');
  const concurrency = Number(flags.concurrency ?? '1');
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency ${JSON.stringify(flags.concurrency)}: expected a whole number of at least 1`);
  let timeoutMs: number | undefined;
  if (flags.timeout !== undefined) {
    timeoutMs = parseDuration(flags.timeout);
    if (timeoutMs === undefined) throw new UsageError(`--timeout ${JSON.stringify(flags.timeout)}: expected a duration such as 90s, 10m or 1h`);
    const problem = timeLimitProblem(timeoutMs);
    if (problem) throw new UsageError(`--timeout ${JSON.stringify(flags.timeout)}: ${problem}`);
  }
  const nonEmpty = (list: string[] | undefined) => (list && list.length > 0 ? list : undefined);
  return parseSettings({
    values,
    varsFile: flags.vars,
    dryRun: flags.dryRun === true,
    yes: flags.yes === true,
    only: flags.only ?? [],
    from: flags.from,
    choices: parseChooseFlags(flags.choose),
    concurrency,
    timeoutMs,
    strict: flags.strict === true,
    json: flags.json === true,
    junit: flags.junit,
    cwd: flags.cwd,
    record: recordFlag(flags.record),
    recordDir: flags.recordDir,
    template: flags.template,
    operator: flags.operator,
    facts: {
      participants: nonEmpty(flags.participant),
      environment: flags.env,
      releaseVersion: flags.release,
      rollbackTargetVersion: flags.target,
      objectives: nonEmpty(flags.objective),
    },
    answers: flags.answers,
    ticket: flags.ticket,
  });
}

/** A flag zod refuses is bad input, named with what was expected. */
function parseSettings(input: unknown): RunSettings {
  const parsed = runSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const flag = `--${String(issue?.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const given = (input as Record<string, unknown>)[String(issue?.path[0])];
  throw new UsageError(`${flag} ${JSON.stringify(given)}: ${issue?.message ?? 'invalid'}`);
}

/** `runbook resume` flags. */
export interface ResumeFlags {
  set?: string[];
  choose?: string[];
  vars?: string;
  force?: boolean;
  yes?: boolean;
  json?: boolean;
  strict?: boolean;
  recordDir?: string;
  record?: string | boolean;
  /** End what a killed engine's step left running before resuming, instead of stopping. */
  killOrphans?: boolean;
  answers?: string;
  /** What the operator did between attempts, kept in the record's issues. */
  note?: string;
  /** Where the run's journal is (default: the git work tree of the current folder, else it). */
  workspace?: string;
  /** Who carries on the drill (default: the current user). */
  operator?: string;
}

/**
 * The settings of the attempt a resume starts: the run's own (selection, strictness, folder,
 * template, the values and captures its journal kept in the clear), then what resume is given now.
 */
export function settingsFromJournal(start: Extract<RunEvent, { type: 'run-start' }>, kept: Record<string, string>, flags: ResumeFlags, decided: Record<string, string> = {}): RunSettings {
  const was = journalOptionsSchema.parse(start.options);
  return parseSettings({
    values: { ...kept, ...parseSetFlags(flags.set) },
    varsFile: flags.vars,
    dryRun: false,
    yes: flags.yes === true,
    only: was.only ?? [],
    from: was.from ?? undefined,
    choices: parseChooseFlags(flags.choose),
    decided,
    concurrency: was.concurrency ?? 1,
    strict: flags.strict ?? was.strict === true,
    json: flags.json === true,
    cwd: was.cwd,
    record: recordFlag(flags.record),
    recordDir: flags.recordDir ?? was.recordDir ?? undefined,
    template: was.template ?? undefined,
    facts: {},
    answers: flags.answers ?? was.answers ?? undefined,
    ticket: was.ticket ?? undefined,
    note: flags.note,
    operator: flags.operator,
  });
}

function recordFlag(flag: string | boolean | undefined): RunSettings['record'] {
  return flag === false ? false : typeof flag === 'string' ? flag : undefined;
}
