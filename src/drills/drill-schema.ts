// The drill record's frontmatter, as `runbook drills` reads it: the keys the shipped template
// writes (templates/ROLLBACK_DRILL_TEMPLATE.md), typed from the record context's own schemas.
// A team template may leave the optional keys out, or write a version unquoted (YAML then reads
// `1.4` as a number): both still read. Unknown keys are allowed and ignored.
import { z } from 'zod';
import { recordContextSchema, recordResultSchema } from '../record/record-context.js';

/** Absent, null or empty → null; a number (an unquoted `1.4`) → its text. */
const optionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === undefined || v === null || v === '' ? null : String(v)));

export const drillFrontmatterSchema = z
  .object({
    'drill-id': z.union([z.string().min(1), z.number()]).transform(String),
    runbook: optionalText,
    title: optionalText,
    result: recordResultSchema,
    mode: recordContextSchema.shape.mode,
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
    'started-at': z.iso.datetime({ offset: true }).nullable().optional(),
    environment: optionalText,
    release: optionalText,
    target: optionalText,
    from: optionalText,
    to: optionalText,
    'last-known-good': optionalText,
    'time-to-rollback-ms': z.number().min(0).nullable().optional(),
  })
  .transform((fm) => ({
    drillId: fm['drill-id'],
    runbook: fm.runbook,
    title: fm.title,
    result: fm.result,
    mode: fm.mode,
    date: fm.date,
    /** When it started; a record with a date only counts from the start of that day (UTC). */
    startedAt: fm['started-at'] ?? `${fm.date}T00:00:00.000Z`,
    environment: fm.environment,
    /** What the drill planned (run context). */
    release: fm.release,
    target: fm.target,
    /** What the run observed (captures). */
    from: fm.from,
    to: fm.to,
    lastKnownGood: fm['last-known-good'],
    timeToRollbackMs: fm['time-to-rollback-ms'] ?? null,
  }));

/** One drill, as read from its record file (`path`, relative to the folder the command ran in). */
export type Drill = z.output<typeof drillFrontmatterSchema> & { path: string };
