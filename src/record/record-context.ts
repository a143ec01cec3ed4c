// The drill record's context: everything a record template can show, and nothing else.
// Every field is present in every context (absent facts are `null` or `[]`, never a missing
// key), so a strict Handlebars template can name any field without tripping over gaps, and
// `validateTemplate` can check a template against this schema before a run starts.
import { z } from 'zod';
import { decisionWaySchema, factResultSchema, preconditionResultSchema, silencedRuleSchema, stepStatusSchema, verdictSchema } from '../model/events.js';
import { sectionSchema, stepSchema } from '../model/runbook.js';

const text = z.string();
/** An ISO 8601 UTC instant, or null when it was not recorded. */
const instant = z.string().nullable();
/** Milliseconds, or null when it was not measured. */
const millis = z.number().min(0).nullable();

/** `incomplete`: nothing failed, but a statement that needed a person was not confirmed. */
export const recordResultSchema = z.enum(['passed', 'failed', 'incomplete', 'aborted', 'timed-out', 'interrupted', 'planned']);
export type RecordResult = z.infer<typeof recordResultSchema>;

/** A version as the run established it: from the capture the runbook names for it, from what the run was told, or both. */
export const versionFactSchema = z.object({
  /** The version, when the sources agree (or there is one); null when not recorded or in conflict. */
  value: z.string().nullable(),
  /** The capture frontmatter `record.versions` names, and what it captured (trimmed). */
  capture: z.object({ name: text, stepId: text, value: text }).nullable(),
  /** What the run was told: `--release` / `--target`, or the frontmatter's `release` / `target`. */
  given: z.object({ source: text, value: text }).nullable(),
  /** The capture and what the run was told disagree: the record shows both, and decides nothing. */
  conflict: z.boolean(),
});
export type VersionFact = z.infer<typeof versionFactSchema>;

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
  /** `A.2#e1`; null for the implicit exit-code check. */
  statementId: z.string().nullable(),
  /** The exit-code check every command gets, not an outcome the author wrote. */
  implicit: z.boolean(),
  /** `answers` when the --answers file gave the answer. */
  via: z.enum(['terminal', 'answers']).nullable(),
  note: z.string().nullable(),
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
  /** Why it did not pass, as the engine said it. */
  reason: z.string().nullable(),
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
  /** Tail of the output, kept only for steps that did not pass: both streams in the order printed, stderr lines marked. Masked, bounded. */
  outputExcerpt: z.string().nullable(),
  reason: z.string().nullable(),
  /** Counted in time-to-roll-back (see docs/RECORD.md). */
  rollback: z.boolean(),
  gate: stepSchema.shape.gate.unwrap().nullable(),
});
export type StepRecord = z.infer<typeof stepRecordSchema>;

export const attestationRecordSchema = z.object({
  /** `A.2#a1`, or null in a journal written before statements had ids. */
  statementId: z.string().nullable(),
  stepId: text,
  stepTitle: text,
  kind: text,
  label: z.string().nullable(),
  text,
  /** `planned` in a dry run, `not-asked` when the run never reached it. */
  answer: z.enum(['confirmed', 'declined', 'unconfirmed', 'not-asked', 'planned']),
  by: z.string().nullable(),
  at: instant,
  via: z.enum(['terminal', 'answers']).nullable(),
  note: z.string().nullable(),
});
export type AttestationRecord = z.infer<typeof attestationRecordSchema>;

export const gateRecordSchema = z.object({
  stepId: text,
  stepTitle: text,
  reason: text,
  approved: z.boolean(),
  /** What the operator answered: run it, skip the step, abort the run (`declined`: a journal that does not say). */
  decision: z.enum(['approved', 'skipped', 'aborted', 'declined']),
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
  /** What the operator said they did before this attempt (`resume --note`). */
  note: z.string().nullable(),
  /** Parameters whose value differs from the attempt before (secrets stay masked). */
  paramsChanged: z.array(z.object({ name: text, from: z.string().nullable(), to: z.string().nullable() })),
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
    'attempt-failed',
    'operator-note',
    'version-conflict',
  ]),
  stepId: z.string().nullable(),
  text,
});
export type Issue = z.infer<typeof issueSchema>;

/** An action item; owner and due date are for the people reviewing the drill to fill in. */
export const followUpSchema = z.object({ stepId: z.string().nullable(), text, owner: z.string().nullable(), due: z.string().nullable() });
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

const exitCheckCountsSchema = z.object({ passed: z.number().int(), failed: z.number().int(), notRun: z.number().int() });

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
  /** One sentence that says which result and why: `Incomplete: 9 statements not confirmed (no terminal); give --answers; 9 of 9 steps passed.` */
  summary: text,
  /** Statements (attestations and outcomes only a person can judge) nobody confirmed. */
  unconfirmed: z.number().int(),
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
  /** The outcomes the author wrote; the implicit exit-code checks are counted apart. */
  outcomes: outcomeCountsSchema,
  /** `2 verified, 1 unverified`. */
  outcomeSummary: text,
  exitChecks: exitCheckCountsSchema,
  /** `4 of 4 passed`. */
  exitCheckSummary: text,
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
  /** The machine the drill ran on (the latest attempt's). */
  host: z.string().nullable(),
  environment: z.string().nullable(),
  /** The incident or change (--ticket). */
  ticket: z.string().nullable(),
  /** The --answers file and who gave its answers. */
  answersFile: z.object({ file: text, by: text }).nullable(),
  /** Why nobody could be asked (`no terminal`), in the latest attempt; null when someone could. */
  unattended: z.string().nullable(),
  preconditions: z.array(preconditionResultSchema),
  facts: z.array(factResultSchema),
  participants: z.array(text),
  releaseVersion: z.string().nullable(),
  rollbackTargetVersion: z.string().nullable(),
  objectives: z.array(text),
  /** Run-start context entries the record has no named field for. */
  notes: z.array(z.object({ key: text, value: text })),
  /** As the engine recorded them: secrets already masked. */
  params: z.array(z.object({ name: text, value: text })),
  /** From → to and the last known good, only as the runbook declares them (`record.versions`) or the run was told. */
  versions: z.object({
    from: versionFactSchema,
    to: versionFactSchema,
    lastKnownGood: versionFactSchema,
  }),
  steps: z.array(stepRecordSchema),
  /** Every statement that was asked (or given by the answers file), with its answer. */
  attestations: z.array(attestationRecordSchema),
  /** Statements never asked because the run stopped first: one line, not a row each. */
  notAsked: z.object({ count: z.number().int(), text }).nullable(),
  waivers: z.array(attestationRecordSchema),
  /** Lint rules the runbook silences in its frontmatter (`lint.ignore`), each with its reason. */
  lintSilenced: z.array(silencedRuleSchema),
  gates: z.array(gateRecordSchema),
  decisions: z.array(decisionRecordSchema),
  totals: totalsSchema,
  timeline: z.array(timelineEntrySchema),
  attempts: z.array(attemptRecordSchema),
  issues: z.array(issueSchema),
  followUps: z.array(followUpSchema),
  /** One line per participant (`Alice Ng (drill lead)` → role and name); the usual roles, blank, without participants. */
  signOff: z.array(z.object({ role: text, name: z.string().nullable() })),
  /** The timeline as a Mermaid gantt chart (GitHub renders it); null when nothing ran. */
  gantt: z.string().nullable(),
});
export type RecordContext = z.infer<typeof recordContextSchema>;
