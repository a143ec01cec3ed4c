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

export const runStatusSchema = z.enum(['passed', 'failed', 'aborted', 'timed-out', 'interrupted', 'planned', 'running']);
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
  attestations: z.array(z.object({ label: z.string().optional(), text: z.string(), kind: z.string() })),
  gate: z.string().optional(),
  dependsOn: z.array(z.string()),
});
export type PlannedStep = z.infer<typeof plannedStepSchema>;

const base = { time: z.string() };

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
  z.object({ ...base, type: z.literal('gate'), stepId: z.string(), reason: z.string(), approved: z.boolean(), by: z.string() }),
  z.object({ ...base, type: z.literal('run-end'), status: runStatusSchema, exitCode: z.number().int(), durationMs: z.number().min(0), recordPath: z.string().optional() }),
]);
export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventType = RunEvent['type'];
