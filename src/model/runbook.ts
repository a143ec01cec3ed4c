// The runbook model: what the parser produces and every later stage reads.
// Types are inferred from these schemas; they are never written a second time.
import { z } from 'zod';

// A CLI parses each schema a handful of times: compiling fast paths with `new Function` costs
// more than it saves, and start-up time is a product requirement (SPEC §5).
z.config({ jitless: true });

export const SCHEMA_VERSION = 1;

/** 1-based line and column, as in unist. */
export const positionSchema = z.object({
  line: z.number().int().min(1),
  column: z.number().int().min(1),
});
export type Position = z.infer<typeof positionSchema>;

export const placeholderSchema = z.object({
  /**
   * The name a value is given under: as written between angle brackets (`deployment-name`,
   * `pod name`), a template's inner name (`{{x}}` → `x`), a shell variable's own name
   * (`${BACKUP_FILE}` → `BACKUP_FILE`), the other forms lower-cased (`[NAMESPACE]` → `namespace`,
   * `YYYYMMDD` → `yyyymmdd`, `YOUR_TOKEN` → `your_token`) unless the frontmatter declares the token.
   */
  name: z.string().min(1),
  /** The exact source text: `<deployment-name>`, `[NAMESPACE]`, `${BACKUP_FILE}`. */
  raw: z.string(),
  position: positionSchema,
  /** Which form of SPEC §2 it is (absent: `angle`); `variable` is a shell variable nothing sets. */
  form: z.enum(['angle', 'bracket', 'date', 'your', 'template', 'variable']).optional(),
  /** Index of `raw` in the command text. */
  offset: z.number().int().min(0).optional(),
});
export type Placeholder = z.infer<typeof placeholderSchema>;

export const streamNameSchema = z.enum(['stdout', 'stderr']);
export type StreamName = z.infer<typeof streamNameSchema>;

/** One checkable claim, parsed from inline code in an Expected Outcome (see src/expect). */
export const matcherSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exit'), code: z.union([z.number().int(), z.literal('nonzero')]) }),
  z.object({ kind: z.literal('contains'), stream: streamNameSchema, text: z.string() }),
  z.object({ kind: z.literal('matches'), stream: streamNameSchema, source: z.string(), flags: z.string() }),
  z.object({ kind: z.literal('empty'), stream: streamNameSchema }),
  z.object({
    kind: z.literal('lines'),
    stream: streamNameSchema,
    op: z.enum(['>=', '<=', '==', '>', '<']),
    count: z.number().int().min(0),
  }),
  z.object({ kind: z.literal('within'), ms: z.number().int().positive() }),
]);
export type Matcher = z.infer<typeof matcherSchema>;

export const locatedMatcherSchema = z.object({
  matcher: matcherSchema,
  /** The inline code it came from, e.g. `stdout contains "ok"`. */
  source: z.string(),
  position: positionSchema,
});
export type LocatedMatcher = z.infer<typeof locatedMatcherSchema>;

export const expectationSchema = z.object({
  /** `A.2#e1`: the step's id, `#e`, and its place among the step's expectations (from 1). */
  id: z.string().regex(/^.+#e[1-9]\d*$/),
  /** The prose as written, inline code included. */
  text: z.string(),
  position: positionSchema,
  matchers: z.array(locatedMatcherSchema),
  /** Expected output lines from a console transcript; `...` matches any lines. */
  expectedOutput: z.array(z.string()).optional(),
  /** A sample of output ("Expected output:", "Example output:"): shown beside the real output for a person to attest, never compared. */
  sample: z.array(z.string()).optional(),
  /** Which command of the step this applies to (index); absent: the step as a whole. */
  commandIndex: z.number().int().min(0).optional(),
});
export type Expectation = z.infer<typeof expectationSchema>;

export const commandSchema = z.object({
  /** The command as written (may span lines: heredocs, continuations). */
  text: z.string(),
  position: positionSchema,
  source: z.enum(['inline', 'fence', 'console']),
  /** The fence's language tag, when it came from a fence. */
  lang: z.string().optional(),
  /** Runme-style `{name=…}` attribute. */
  name: z.string().optional(),
  excludeFromRunAll: z.boolean().default(false),
  /** Runme's `interactive`: true needs a terminal, false runs without one; absent, the command decides. */
  interactive: z.boolean().optional(),
  /** Runme's `cwd`: where this command runs, relative to the run's folder. */
  cwd: z.string().optional(),
  /** Runme's `interpreter`, when it is a shell the runner supports: the shell this command runs in. */
  interpreter: z.string().optional(),
  placeholders: z.array(placeholderSchema),
});
export type Command = z.infer<typeof commandSchema>;

/**
 * Why lines of a shell block are done by hand rather than run (SPEC §2 "Not everything in a shell
 * block is a command"); each is also the lint rule that explains it.
 */
export const manualReasonSchema = z.enum([
  /** After a bare `ssh host`, `kubectl exec -it … -- sh`, `oc rsh`, `docker exec -it … sh`: typed on another machine. */
  'remote-session',
  /** After `sudo -i`, `su -`, `bash`, `screen`/`tmux attach`: typed into a shell that needs a terminal. */
  'interactive-session',
  /** Client or REPL input: `mysql>`, `postgres=#`, `>>>`, or SQL after an interactive `mysql -p`. */
  'client-input',
  /** A lone quoted sentence: a message for people. */
  'message',
  /** A block with nothing but comments. */
  'comment-only',
  /** Output pasted after a command: a table header in capitals and its rows, a lone `PONG`. */
  'sample-output',
  /** A block the text right before it says not to run: "Wrong:", "Do not run the following". */
  'counter-example',
  /** A block right after "Example:", "For example:": an illustration, not a step. */
  'example',
  /** `# ` lines of a console block with no `$ ` line: typed at a root shell. */
  'root-prompt',
  /** A block the text before it says to run on another machine: "On the database host, run:". */
  'elsewhere',
]);
export type ManualReason = z.infer<typeof manualReasonSchema>;

/** What makes an attestation a manual step: why, and the session its lines are typed into. */
export const manualStepSchema = z.object({
  reason: manualReasonSchema,
  /** Where the lines are typed, for people: "on db01 (ssh)", "in the mysql session opened by `mysql -u root -p`". */
  session: z.string().optional(),
  /** The program the lines are typed into: `ssh`, `kubectl exec`, `mysql`, `sudo -i`, … */
  program: z.string().optional(),
  /** The host, pod or container the session is on, when known. */
  target: z.string().optional(),
  /** The command that opened the session, as written (it is part of the manual step, never run). */
  opener: z.string().optional(),
});
export type ManualStep = z.infer<typeof manualStepSchema>;

export const attestationSchema = z.object({
  /** `A.2#a1`: the step's id, `#a`, and its place among the step's attestations (from 1). */
  id: z.string().regex(/^.+#a[1-9]\d*$/),
  /**
   * `task` for a `- [ ]` item, `label` for Status/Waiver/Policy/…, `note` for anything else kept,
   * `manual` for lines of a shell block done by hand (its text is the lines as written).
   */
  kind: z.enum(['task', 'label', 'note', 'manual']),
  /** The label as written (`Waiver`), for kind `label`. */
  label: z.string().optional(),
  text: z.string(),
  /** For task-list items: was it already ticked in the source. */
  checked: z.boolean().optional(),
  /** For kind `manual`: why it is done by hand, and in which session. */
  manual: manualStepSchema.optional(),
  position: positionSchema,
});
export type Attestation = z.infer<typeof attestationSchema>;

export const durationMsSchema = z.number().int().positive();

export const stepSchema = z.object({
  /** Stable, unique: `A.1`, `A.2.1`, or a slug. */
  id: z.string().min(1),
  title: z.string(),
  /** Id of the section (H2) it belongs to, if any. */
  section: z.string().optional(),
  /** For a sub-step (a second Action in one step): the id and title of the step it came from. */
  parent: z.object({ id: z.string(), title: z.string() }).optional(),
  /** Labels and prose that are neither commands nor attestations, kept so nothing is dropped. */
  notes: z.array(z.object({ label: z.string().optional(), text: z.string(), position: positionSchema })).default([]),
  position: positionSchema,
  /** The Action text(s), prose. */
  actions: z.array(z.string()),
  commands: z.array(commandSchema),
  expectations: z.array(expectationSchema),
  attestations: z.array(attestationSchema),
  /** Names this step's trimmed stdout is stored under. */
  captures: z.array(z.string()),
  /** Explicit dependencies; `null` means the implicit edge to the previous step. */
  dependsOn: z.array(z.string()).nullable(),
  dependsOnPosition: positionSchema.optional(),
  timeoutMs: durationMsSchema.optional(),
  retries: z.number().int().min(0).default(0),
  retryDelayMs: z.number().int().min(0).default(1000),
  /** `Confirm: yes` (true), `Confirm: no` (false), unset (undefined: decided by the command). */
  confirm: z.boolean().optional(),
  continueOnError: z.boolean().default(false),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).default({}),
  /** The branch of a decision point this step belongs to (the innermost one): it runs only when that branch is taken. */
  branch: z.object({ decision: z.string(), option: z.string() }).optional(),
  /** Why this step asks before it runs (`Confirm: yes`, or the command that changes production). */
  gate: z.string().optional(),
});
export type Step = z.infer<typeof stepSchema>;

export const sectionSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  position: positionSchema,
  /** Overview, Symptoms, Contacts…: a section that only informs, whose steps need nothing to run or confirm. */
  informational: z.boolean().optional(),
});
export type Section = z.infer<typeof sectionSchema>;

/** How a step comes to run: in turn, only when its branch of a decision point is taken, or by a person's hands. */
export const stepRunsSchema = z.enum(['always', 'if-chosen', 'manual']);
export type StepRuns = z.infer<typeof stepRunsSchema>;

/** A choice offers branches (Option A / B, Staging / Production); a condition is taken or skipped. */
export const decisionKindSchema = z.enum(['choice', 'condition']);

export const decisionOptionSchema = z.object({
  /** What `--choose DECISION=OPTION` names: `a`, `2`, `production`, `take`, `skip`. */
  id: z.string().min(1),
  title: z.string(),
  /** The steps of this branch in document order; empty for a condition's `skip`. */
  steps: z.array(z.string()),
});
export type DecisionOption = z.infer<typeof decisionOptionSchema>;

/** What decides a condition without a person: a matcher on an earlier step's result, or a command's exit code. */
export const conditionCheckSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('matcher'), step: z.string().min(1), matcher: matcherSchema, source: z.string() }),
  z.object({ kind: z.literal('command'), command: z.string().min(1), position: positionSchema }),
]);
export type ConditionCheck = z.infer<typeof conditionCheckSchema>;

/** A decision point (SPEC §2 "Choices are not sequences"): a run takes at most one of its branches. */
export const decisionSchema = z.object({
  /** Stable and readable: `recover.choice`, `environment`, `if-the-restore-fails`. */
  id: z.string().min(1),
  title: z.string(),
  kind: decisionKindSchema,
  position: positionSchema,
  options: z.array(decisionOptionSchema).min(1),
  /** A condition's text as written (`When:`, or the heading that states it). */
  when: z.string().optional(),
  check: conditionCheckSchema.optional(),
  /** The option taken when nobody chooses (a Runme cell excluded from run-all is skipped). */
  default: z.string().optional(),
  /** The branch of another decision point this one sits in. */
  within: z.object({ decision: z.string(), option: z.string() }).optional(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const paramSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  default: z.string().optional(),
  pattern: z.string().optional(),
  enum: z.array(z.string()).optional(),
  type: z.enum(['string', 'number', 'integer', 'boolean']).default('string'),
  secret: z.boolean().default(false),
  /** An empty or blank value is accepted (refused otherwise: `rm -rf <dir>/old` would be `rm -rf /old`). */
  allowEmpty: z.boolean().optional(),
  /** A value starting with `-` is accepted where the command reads options (refused otherwise). */
  allowDash: z.boolean().optional(),
  /** Where it was declared (frontmatter) or first used (a placeholder). */
  position: positionSchema.optional(),
  declared: z.boolean(),
});
export type Param = z.infer<typeof paramSchema>;

export const recordSettingsSchema = z.object({
  template: z.string().optional(),
  dir: z.string().optional(),
  filename: z.string().optional(),
});

export const severitySchema = z.enum(['error', 'warning']);
export const diagnosticSchema = z.object({
  severity: severitySchema,
  message: z.string(),
  ruleId: z.string(),
  position: positionSchema,
});
export type Diagnostic = z.infer<typeof diagnosticSchema>;

export const runbookSchema = z.object({
  title: z.string(),
  /** Free prose before the first section, kept for the record's objectives. */
  description: z.string().optional(),
  frontmatter: z.record(z.string(), z.unknown()).default({}),
  shell: z.string().default('bash'),
  cwd: z.string().optional(),
  timeoutMs: durationMsSchema.optional(),
  env: z.record(z.string(), z.string()).default({}),
  record: recordSettingsSchema.default({}),
  params: z.array(paramSchema),
  sections: z.array(sectionSchema),
  steps: z.array(stepSchema),
  decisions: z.array(decisionSchema).default([]),
  diagnostics: z.array(diagnosticSchema),
});
export type Runbook = z.infer<typeof runbookSchema>;
