// The drill record's context: everything a record template can show, and nothing else.
// Every field is present in every context (absent facts are `null` or `[]`, never a missing
// key), so a strict Handlebars template can name any field without tripping over gaps, and
// `validateTemplate` can check a template against this schema before a run starts.
import { z } from 'zod';
import { decisionWaySchema, stepStatusSchema, verdictSchema } from '../model/events.js';
import { sectionSchema, stepSchema } from '../model/runbook.js';

const text = z.string();
/** An ISO 8601 UTC instant, or null when it was not recorded. */
const instant = z.string().nullable();
/** Milliseconds, or null when it was not measured. */
const millis = z.number().min(0).nullable();

export const recordResultSchema = z.enum(['passed', 'failed', 'aborted', 'timed-out', 'interrupted', 'planned']);
export type RecordResult = z.infer<typeof recordResultSchema>;

/** A version taken from a step's capture (see docs/RECORD.md for the capture names read). */
export const versionRefSchema = z.object({
  value: text,
  /** The capture name it came from, e.g. `previous-tag`. */
  capture: text,
  stepId: text,
});
export type VersionRef = z.infer<typeof versionRefSchema>;

export const outcomeRecordSchema = z.object({
  /** The outcome as written, or the matcher's inline code when the verdict is a matcher's. */
  expected: text,
  /** The verdict comes from a checkable matcher (`expected` is then code, e.g. `exit 0`). */
  matcher: z.boolean(),
  verdict: verdictSchema,
  /** Output excerpt or the reason it did not match; already masked, bounded. */
  evidence: z.string().nullable(),
  /** Who attested, for verdict `attested`. */
  by: z.string().nullable(),
});
export type OutcomeRecord = z.infer<typeof outcomeRecordSchema>;

export const commandRecordSchema = z.object({
  /** As run (placeholders resolved, secrets masked), or as planned when it did not run. */
  command: text,
  /** `completed`: it ran to an end; `interrupted`: it was running when the step was cut short. */
  state: z.enum(['completed', 'interrupted', 'not-run', 'planned']),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  startedAt: instant,
  durationMs: millis,
});
export type CommandRecord = z.infer<typeof commandRecordSchema>;

/** One try of a step: a resumed run or a retry makes more than one. */
export const stepTrySchema = z.object({
  /** Which run attempt (run-start) it belongs to. */
  runAttempt: z.number().int().min(1),
  /** Retry number within that run attempt. */
  try: z.number().int().min(1),
  startedAt: instant,
  endedAt: instant,
  durationMs: millis,
  status: stepStatusSchema,
  exitCode: z.number().int().nullable(),
});
export type StepTry = z.infer<typeof stepTrySchema>;

export const captureRecordSchema = z.object({ name: text, value: text });

/** The model's step, as the record shows it: what the run did in place of what it would run. */
export const stepRecordSchema = stepSchema.pick({ id: true, title: true, actions: true }).extend({
  /** Section id (`A`) and heading (`A. Deployment Rollback Procedure`). */
  section: stepSchema.shape.section.unwrap().nullable(),
  sectionTitle: sectionSchema.shape.title.nullable(),
  commands: z.array(commandRecordSchema),
  expected: z.array(text),
  /** One line for the steps table: exit code, captures, outcome counts, reason. */
  actual: text,
  status: stepStatusSchema,
  /** Status in words (`not run`), with qualifiers such as `(1 unverified)`. */
  verdict: text,
  exitCode: z.number().int().nullable(),
  startedAt: instant,
  endedAt: instant,
  durationMs: millis,
  /** Number of tries across all run attempts; the latest one is what this record shows. */
  attempts: z.number().int().min(0),
  tries: z.array(stepTrySchema),
  outcomes: z.array(outcomeRecordSchema),
  captures: z.array(captureRecordSchema),
  /** Tail of the output, kept only for steps that did not pass. Masked, bounded. */
  outputExcerpt: z.string().nullable(),
  reason: z.string().nullable(),
  /** Counted in time-to-roll-back (see docs/RECORD.md). */
  rollback: z.boolean(),
  gate: stepSchema.shape.gate.unwrap().nullable(),
});
export type StepRecord = z.infer<typeof stepRecordSchema>;

export const attestationRecordSchema = z.object({
  stepId: text,
  stepTitle: text,
  kind: text,
  label: z.string().nullable(),
  text,
  /** `planned` in a dry run, `not-asked` when the run never reached it. */
  answer: z.enum(['confirmed', 'declined', 'unconfirmed', 'not-asked', 'planned']),
  by: z.string().nullable(),
  at: instant,
});
export type AttestationRecord = z.infer<typeof attestationRecordSchema>;

export const gateRecordSchema = z.object({
  stepId: text,
  stepTitle: text,
  reason: text,
  approved: z.boolean(),
  by: text,
  at: instant,
});
export type GateRecord = z.infer<typeof gateRecordSchema>;

/** A decision point as the run settled it: which branch, by whom or what, and when. */
export const decisionRecordSchema = z.object({
  decisionId: text,
  title: text,
  kind: z.enum(['choice', 'condition']),
  option: text,
  optionTitle: text,
  by: text,
  how: decisionWaySchema,
  /** What a checked condition found; null when a person or a flag decided. */
  evidence: z.string().nullable(),
  at: text,
});
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;

export const attemptRecordSchema = z.object({
  attempt: z.number().int().min(1),
  mode: z.enum(['live', 'dry-run']),
  operator: text,
  startedAt: text,
  /** The run-end time; null when the attempt never ended (engine killed). */
  endedAt: instant,
  /** The last event seen in this attempt. */
  lastEventAt: text,
  status: recordResultSchema,
  exitCode: z.number().int().nullable(),
  durationMs: z.number().min(0),
});
export type AttemptRecord = z.infer<typeof attemptRecordSchema>;

export const timelineEntrySchema = z.object({
  at: text,
  until: instant,
  stepId: z.string().nullable(),
  event: text,
  status: z.string().nullable(),
  durationMs: millis,
  attempt: z.number().int().min(1),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const issueSchema = z.object({
  kind: z.enum([
    'run-aborted',
    'run-interrupted',
    'step-failed',
    'step-timed-out',
    'step-interrupted',
    'outcome-failed',
    'outcome-unverified',
    'attestation-declined',
    'gate-declined',
  ]),
  stepId: z.string().nullable(),
  text,
});
export type Issue = z.infer<typeof issueSchema>;

export const followUpSchema = z.object({ stepId: z.string().nullable(), text });
export type FollowUp = z.infer<typeof followUpSchema>;

const stepCountsSchema = z.object({
  total: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  timedOut: z.number().int(),
  interrupted: z.number().int(),
  notRun: z.number().int(),
  skipped: z.number().int(),
  planned: z.number().int(),
});

const outcomeCountsSchema = z.object({
  verified: z.number().int(),
  attested: z.number().int(),
  unverified: z.number().int(),
  failed: z.number().int(),
  notRun: z.number().int(),
  planned: z.number().int(),
});

export const totalsSchema = z.object({
  result: recordResultSchema,
  /** One sentence: `7 of 9 steps passed; stopped at A.2.2 (failed)`. */
  summary: text,
  exitCode: z.number().int().nullable(),
  /** Active time: the sum of every attempt's duration. */
  durationMs: z.number().min(0),
  /** First run start to the last event, pauses between attempts included. */
  wallClockMs: z.number().min(0),
  /** Run start to the end of the last rollback step (or of the whole run); null when not reached. */
  timeToRollbackMs: millis,
  /** How time-to-roll-back was measured, or why it was not. */
  timeToRollbackBasis: text,
  rollbackStepIds: z.array(text),
  steps: stepCountsSchema,
  /** `3 passed, 1 failed, 5 not run`. */
  stepSummary: text,
  outcomes: outcomeCountsSchema,
  /** `2 verified, 1 unverified`. */
  outcomeSummary: text,
});
export type Totals = z.infer<typeof totalsSchema>;

export const recordContextSchema = z.object({
  /** The run id. */
  drillId: text,
  /** UTC date of the first attempt's start, `YYYY-MM-DD`. */
  date: text,
  startedAt: text,
  endedAt: instant,
  runbook: z.object({
    title: text,
    path: text,
    sha256: text,
    gitCommit: z.string().nullable(),
  }),
  engineVersion: text,
  mode: z.enum(['live', 'dry-run']),
  operator: z.string().nullable(),
  environment: z.string().nullable(),
  participants: z.array(text),
  releaseVersion: z.string().nullable(),
  rollbackTargetVersion: z.string().nullable(),
  objectives: z.array(text),
  /** Run-start context entries the record has no named field for. */
  notes: z.array(z.object({ key: text, value: text })),
  /** As the engine recorded them: secrets already masked. */
  params: z.array(z.object({ name: text, value: text })),
  versions: z.object({
    from: versionRefSchema.nullable(),
    to: versionRefSchema.nullable(),
    lastKnownGood: versionRefSchema.nullable(),
  }),
  steps: z.array(stepRecordSchema),
  attestations: z.array(attestationRecordSchema),
  waivers: z.array(attestationRecordSchema),
  gates: z.array(gateRecordSchema),
  decisions: z.array(decisionRecordSchema),
  totals: totalsSchema,
  timeline: z.array(timelineEntrySchema),
  attempts: z.array(attemptRecordSchema),
  issues: z.array(issueSchema),
  followUps: z.array(followUpSchema),
});
export type RecordContext = z.infer<typeof recordContextSchema>;
