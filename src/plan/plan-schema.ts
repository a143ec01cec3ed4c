// What `plan --format json` prints: a versioned, validated description of what would run.
import { z } from 'zod';
import {
  commandSchema,
  decisionSchema,
  expectationSchema,
  locatedMatcherSchema,
  paramSchema,
  positionSchema,
  runbookSchema,
  SCHEMA_VERSION,
  sectionSchema,
  stepSchema,
  stepRunsSchema,
} from '../model/runbook.js';

// Each planned part is the model's schema with what the plan works out put in place of what it
// reads, so a field added to or changed in the model shows up here (and in build-plan's types).

export const plannedCommandSchema = commandSchema.omit({ text: true, placeholders: true }).extend({
  /** As it would run: placeholders resolved and shell-quoted, secrets masked. */
  display: z.string(),
  /** As written in the runbook. */
  template: commandSchema.shape.text,
  /** Placeholders without a value (captures are filled at run time and not listed). */
  missing: z.array(z.string()),
  /** Captures this command reads, filled in when the producing step has run. */
  usesCaptures: z.array(z.string()),
  /** Values that cannot go where they sit (or a command bash cannot parse): exec refuses to start. */
  refused: z.array(z.string()).optional(),
});

export const plannedExpectationSchema = expectationSchema.omit({ matchers: true, commandIndex: true }).extend({
  /** `checked` when a matcher or transcript verifies it, else `attested` by an operator (a sample of output is shown to them). */
  kind: z.enum(['checked', 'attested']),
  /** The matchers' inline code, as written. */
  checks: z.array(locatedMatcherSchema.shape.source),
});

/** `confirm` is not planned: the parser has already turned it into `gate`. */
export const planStepSchema = stepSchema.omit({ commands: true, expectations: true, dependsOn: true, dependsOnPosition: true, confirm: true }).extend({
  sectionTitle: sectionSchema.shape.title.optional(),
  kind: z.enum(['command', 'attestation', 'note']),
  /** `always` in turn; `if-chosen` only when its branch of a decision point is taken; `manual` by a person's hands. */
  runs: stepRunsSchema,
  /** Resolved from the graph: the implicit edge to the previous step is written out. */
  dependsOn: z.array(stepSchema.shape.id),
  commands: z.array(plannedCommandSchema),
  expectations: z.array(plannedExpectationSchema),
});

export const planParamSchema = paramSchema.pick({ name: true, description: true, default: true, secret: true, declared: true }).extend({
  /** Masked when secret. */
  value: z.string().optional(),
  source: z.enum(['set', 'vars', 'env', 'default']).optional(),
  missing: z.boolean(),
  /** Why the given value was refused (pattern, enum, type). */
  invalid: z.string().optional(),
  positions: z.array(positionSchema),
});

export const planSchema = runbookSchema.pick({ title: true, description: true, shell: true, diagnostics: true }).extend({
  schemaVersion: z.literal(SCHEMA_VERSION),
  file: z.string(),
  params: z.array(planParamSchema),
  /**
   * Each value nothing gave: its name (for --set), the tokens it is written as (`<x>`,
   * `[NAMESPACE]`, `YYYYMMDD`, `${BACKUP_FILE}`), and the environment variables that give it.
   */
  missing: z.array(z.object({ name: paramSchema.shape.name, positions: z.array(positionSchema), tokens: z.array(z.string()), environment: z.array(z.string()) })),
  invalid: z.array(z.object({ name: paramSchema.shape.name, message: z.string() })),
  order: z.array(stepSchema.shape.id),
  steps: z.array(planStepSchema),
  /** Decision points: each with its options and the steps of each (SPEC §2 "Choices are not sequences"). */
  decisions: z.array(decisionSchema),
});

export type Plan = z.infer<typeof planSchema>;
export type PlanStep = z.infer<typeof planStepSchema>;
export type PlanParam = z.infer<typeof planParamSchema>;
export type PlanDecision = z.infer<typeof decisionSchema>;
