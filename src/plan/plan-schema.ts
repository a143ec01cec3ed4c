// What `plan --format json` prints: a versioned, validated description of what would run.
import { z } from 'zod';
import { attestationSchema, diagnosticSchema, positionSchema, SCHEMA_VERSION } from '../model/runbook.js';

export const plannedCommandSchema = z.object({
  /** As it would run: placeholders resolved and shell-quoted, secrets masked. */
  display: z.string(),
  /** As written in the runbook. */
  template: z.string(),
  position: positionSchema,
  source: z.enum(['inline', 'fence', 'console']),
  lang: z.string().optional(),
  name: z.string().optional(),
  excludeFromRunAll: z.boolean(),
  /** Placeholders without a value (captures are filled at run time and not listed). */
  missing: z.array(z.string()),
  /** Captures this command reads, filled in when the producing step has run. */
  usesCaptures: z.array(z.string()),
});

export const plannedExpectationSchema = z.object({
  text: z.string(),
  position: positionSchema,
  /** `checked` when a matcher or transcript verifies it, else `attested` by an operator. */
  kind: z.enum(['checked', 'attested']),
  checks: z.array(z.string()),
  expectedOutput: z.array(z.string()).optional(),
});

export const planStepSchema = z.object({
  id: z.string(),
  title: z.string(),
  section: z.string().optional(),
  sectionTitle: z.string().optional(),
  parent: z.object({ id: z.string(), title: z.string() }).optional(),
  position: positionSchema,
  kind: z.enum(['command', 'attestation', 'note']),
  actions: z.array(z.string()),
  dependsOn: z.array(z.string()),
  commands: z.array(plannedCommandSchema),
  expectations: z.array(plannedExpectationSchema),
  attestations: z.array(attestationSchema),
  notes: z.array(z.object({ label: z.string().optional(), text: z.string(), position: positionSchema })),
  captures: z.array(z.string()),
  gate: z.string().optional(),
  /** One of several alternatives: runs only when picked with --only. */
  alternative: z.boolean().optional(),
  timeoutMs: z.number().optional(),
  retries: z.number(),
  retryDelayMs: z.number(),
  continueOnError: z.boolean(),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()),
});

export const planParamSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  /** Masked when secret. */
  value: z.string().optional(),
  source: z.enum(['set', 'vars', 'env', 'default']).optional(),
  default: z.string().optional(),
  secret: z.boolean(),
  declared: z.boolean(),
  missing: z.boolean(),
  /** Why the given value was refused (pattern, enum, type). */
  invalid: z.string().optional(),
  positions: z.array(positionSchema),
});

export const planSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  file: z.string(),
  title: z.string(),
  description: z.string().optional(),
  shell: z.string(),
  params: z.array(planParamSchema),
  missing: z.array(z.object({ name: z.string(), positions: z.array(positionSchema) })),
  invalid: z.array(z.object({ name: z.string(), message: z.string() })),
  order: z.array(z.string()),
  steps: z.array(planStepSchema),
  diagnostics: z.array(diagnosticSchema),
});

export type Plan = z.infer<typeof planSchema>;
export type PlanStep = z.infer<typeof planStepSchema>;
export type PlanParam = z.infer<typeof planParamSchema>;
