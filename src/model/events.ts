// Everything the executor does is told as one of these events. The task-list renderers, the
// NDJSON output, the journal, JUnit and the drill record all subscribe to this one stream.
import { z } from 'zod';
import { decisionKindSchema, matcherSchema, positionSchema } from './runbook.js';

export const verdictSchema = z.enum(['verified', 'attested', 'unverified', 'failed', 'planned', 'not-run']);
export type Verdict = z.infer<typeof verdictSchema>;

export const stepStatusSchema = z.enum(['passed', 'failed', 'skipped', 'not-run', 'interrupted', 'timed-out', 'planned']);
export type StepStatus = z.infer<typeof stepStatusSchema>;

/** How a decision point was decided: asked at its turn, `--choose`, implied by `--only`, a checked condition, the runbook's default. */
export const decisionWaySchema = z.enum(['asked', 'choose-flag', 'only-flag', 'check', 'default']);
export type DecisionWay = z.infer<typeof decisionWaySchema>;

/** `incomplete`: nothing failed, but something that needed a person was not confirmed (exit 3). */
export const runStatusSchema = z.enum(['passed', 'failed', 'incomplete', 'aborted', 'timed-out', 'interrupted', 'planned', 'running']);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** The verdict on one expected outcome (or on the implicit exit-code check). */
export const outcomeResultSchema = z.object({
  /** The expected outcome as written, or `exit 0` for the implicit check. */
  expected: z.string(),
  matcher: matcherSchema.optional(),
  verdict: verdictSchema,
  /** The matching excerpt, or why it did not match. Already masked. */
  evidence: z.string(),
  /** Who attested, for verdict `attested`. */
  by: z.string().optional(),
  /** The expectation it judges (`A.2#e1`); absent for the implicit exit-code check. */
  statementId: z.string().optional(),
  /** The exit-code check every command gets, which the author did not write. */
  implicit: z.boolean().optional(),
  /** Where an attestation came from: a person at the terminal, or the --answers file. */
  via: z.enum(['terminal', 'answers']).optional(),
  /** The note given with an answer in the --answers file. */
  note: z.string().optional(),
});
export type OutcomeResult = z.infer<typeof outcomeResultSchema>;

/** One process run, shaped like execa's result: the same keys for success and failure. */
export const commandResultSchema = z.object({
  command: z.string(),
  /** The command as shown to people: placeholders resolved, secrets masked. */
  displayCommand: z.string(),
  cwd: z.string(),
  startedAt: z.string(),
  durationMs: z.number().min(0),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  failed: z.boolean(),
  /** Head and tail of each stream, masked, bounded. */
  stdout: z.string(),
  stderr: z.string(),
  stdoutBytes: z.number().int().min(0),
  stderrBytes: z.number().int().min(0),
  /** The last lines of both streams in the order they were printed (masked), when all were seen. */
  tail: z.array(z.object({ stream: z.enum(['stdout', 'stderr']), line: z.string() })).optional(),
  logFile: z.string().optional(),
});
export type CommandResult = z.infer<typeof commandResultSchema>;

/** A step as planned, carried in the run-start event so a journal alone can render a record. */
export const plannedStepSchema = z.object({
  id: z.string(),
  title: z.string(),
  section: z.string().optional(),
  sectionTitle: z.string().optional(),
  actions: z.array(z.string()),
  /** Commands as they will run, placeholders resolved, secrets masked. */
  commands: z.array(z.string()),
  /** Expected outcomes as written. */
  expected: z.array(z.string()),
  /** The same outcomes with their ids; `checked` when a matcher or transcript judges it, else a person must. */
  expectations: z.array(z.object({ id: z.string(), text: z.string(), checked: z.boolean() })).optional(),
  attestations: z.array(z.object({ id: z.string().optional(), label: z.string().optional(), text: z.string(), kind: z.string() })),
  gate: z.string().optional(),
  dependsOn: z.array(z.string()),
});
export type PlannedStep = z.infer<typeof plannedStepSchema>;

/** A process a step started, as the journal keeps it: `session` stands for every process of the session it leads. */
export const processRefSchema = z.object({
  pid: z.number().int().positive(),
  /** Clock ticks after boot (/proc/PID/stat): tells the process from a later one given its pid. */
  startTime: z.number().int().min(0),
  session: z.boolean(),
});
export type ProcessRef = z.infer<typeof processRefSchema>;

const base = { time: z.string() };

/** A check run before anything else; the run starts only when every one held. */
export const preconditionResultSchema = z.object({
  /** `frontmatter`, or the id of the step whose `Precondition:` it is. */
  from: z.string(),
  command: z.string(),
  /** The matcher as written (`stdout contains "staging"`); absent: exit 0 is enough. */
  says: z.string().optional(),
  verdict: z.enum(['verified', 'failed', 'planned']),
  evidence: z.string(),
});
export type PreconditionResult = z.infer<typeof preconditionResultSchema>;

/** A read-only command run at the start, for where the drill ran (`kubectl config current-context`). */
export const factResultSchema = z.object({
  name: z.string(),
  command: z.string(),
  /** Trimmed, masked, bounded stdout; null when it did not run (dry run) or printed nothing. */
  value: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  /** Why there is no value: the error's first line, or `dry run`. */
  problem: z.string().optional(),
});
export type FactResult = z.infer<typeof factResultSchema>;

/** The captures the runbook names for the record's versions (frontmatter `record.versions`). */
export const versionCapturesSchema = z.object({ from: z.string().optional(), to: z.string().optional(), lastKnownGood: z.string().optional() });
export type VersionCaptures = z.infer<typeof versionCapturesSchema>;

/** A lint rule the runbook silences in its frontmatter (`lint.ignore`), and why. */
export const silencedRuleSchema = z.object({ rule: z.string(), reason: z.string() });
export type SilencedRule = z.infer<typeof silencedRuleSchema>;

export const runEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('run-start'),
    runId: z.string(),
    runbookPath: z.string(),
    runbookTitle: z.string(),
    sha256: z.string(),
    gitCommit: z.string().nullable(),
    engineVersion: z.string(),
    mode: z.enum(['live', 'dry-run']),
    operator: z.string(),
    params: z.record(z.string(), z.string()),
    options: z.record(z.string(), z.unknown()).default({}),
    /** Which attempt of this run (resume makes 2, 3…). */
    attempt: z.number().int().min(1).default(1),
    steps: z.array(plannedStepSchema),
    /** Free-form facts for the record: participants, environment, release version, objectives. */
    context: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
    /** The machine the run ran on. */
    host: z.string().optional(),
    /** Why nobody can be asked to confirm anything in this attempt (`no terminal`); absent when someone can. */
    unattended: z.string().optional(),
    /** The --answers file, as given, and who its answers are by. */
    answers: z.object({ file: z.string(), by: z.string() }).optional(),
    /** The incident or change this drill belongs to (--ticket). */
    ticket: z.string().optional(),
    /** What the operator said they did before this attempt (`resume --note`). */
    note: z.string().optional(),
    versionCaptures: versionCapturesSchema.optional(),
    preconditions: z.array(preconditionResultSchema).optional(),
    facts: z.array(factResultSchema).optional(),
    /** The lint rules the runbook silences, with their reasons, for the record. */
    lintSilenced: z.array(silencedRuleSchema).optional(),
  }),
  z.object({ ...base, type: z.literal('step-start'), stepId: z.string(), title: z.string(), attempt: z.number().int().min(1).default(1) }),
  z.object({
    ...base,
    type: z.literal('step-output'),
    stepId: z.string(),
    stream: z.enum(['stdout', 'stderr']),
    line: z.string(),
  }),
  z.object({ ...base, type: z.literal('command-end'), stepId: z.string(), result: commandResultSchema }),
  z.object({ ...base, type: z.literal('verdict'), stepId: z.string(), outcome: outcomeResultSchema }),
  z.object({
    ...base,
    type: z.literal('step-end'),
    stepId: z.string(),
    status: stepStatusSchema,
    durationMs: z.number().min(0),
    exitCode: z.number().int().nullable(),
    /** Captured values (masked when secret). */
    captures: z.record(z.string(), z.string()).default({}),
    reason: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('attestation'),
    stepId: z.string(),
    text: z.string(),
    label: z.string().optional(),
    answer: z.enum(['confirmed', 'declined', 'unconfirmed']),
    by: z.string().optional(),
    position: positionSchema.optional(),
    /** `A.2#a1`: answers and the record join on it, never on the text. */
    statementId: z.string().optional(),
    via: z.enum(['terminal', 'answers']).optional(),
    note: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('decision'),
    decisionId: z.string(),
    title: z.string(),
    kind: decisionKindSchema,
    /** The option taken; a choice nobody made takes none (`none`), and each of its branches is skipped. */
    option: z.string(),
    optionTitle: z.string(),
    /** Who or what decided: the operator's name, or what was checked. */
    by: z.string(),
    how: decisionWaySchema,
    /** What a checked condition found (`test -f /tmp/x` exited 1). */
    evidence: z.string().optional(),
    /** The step whose turn brought the decision. */
    stepId: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('gate'),
    stepId: z.string(),
    reason: z.string(),
    approved: z.boolean(),
    by: z.string(),
    /** What the operator answered at the step's turn: run it, skip it (the run goes on), or abort the run. */
    decision: z.enum(['approved', 'skipped', 'aborted']).optional(),
  }),
  /** The run's session after a passed step, kept in `file` (relative to the run's folder) for a resume; `withheld` held secrets and stayed in memory. */
  z.object({ ...base, type: z.literal('session'), stepId: z.string(), file: z.string(), withheld: z.array(z.string()).default([]) }),
  /** The processes a step's command runs in, so a resume after a killed engine can find any still running. */
  z.object({ ...base, type: z.literal('processes'), stepId: z.string(), bootId: z.string().nullable(), processes: z.array(processRefSchema) }),
  z.object({
    ...base,
    type: z.literal('run-end'),
    status: runStatusSchema,
    exitCode: z.number().int(),
    durationMs: z.number().min(0),
    /** Why the run ended as it did, in a line: `9 statements not confirmed (no terminal); give --answers`; an abort at a gate; a log or journal that could not be written. */
    reason: z.string().optional(),
    recordPath: z.string().optional(),
  }),
]);
export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventType = RunEvent['type'];
