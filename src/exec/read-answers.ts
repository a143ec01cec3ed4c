// `--answers FILE`: answers to a run's statements given ahead, for CI and scheduled drills, by
// a named person. YAML:
//
//   by: Dana Reyes (drill lead)
//   answers:
//     B.1: confirmed                  # every statement of step B.1 (or of a section, or a parent step)
//     B.2#a1:                         # one statement: step B.2's first attestation
//       answer: declined
//       note: the waiver is not signed yet
//
// A statement id names one more exactly than its step's id does, so it wins. An id the runbook
// does not have, or one that names an outcome a matcher checks, is bad input.
import { isMap, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../cli/errors.js';
import { readTextFile } from '../cli/read-input.js';
import { suggestNearest } from '../format/suggest-nearest.js';
import type { Position, Step } from '../model/runbook.js';
import { commandsToRun } from '../run/step-needs.js';
import { allStatementIds, statementsOf } from '../run/statement-ids.js';

const answerWordSchema = z.enum(['confirmed', 'declined']);
const answerSchema = z.union([
  answerWordSchema.transform((answer) => ({ answer })),
  z.object({ answer: answerWordSchema, note: z.string().trim().min(1).optional() }).strict(),
]);

export const answersFileSchema = z.object({
  by: z.string().trim().min(1, 'say who gives these answers'),
  answers: z.record(z.string(), answerSchema),
}).strict();

type Given = z.infer<typeof answerSchema>;

export interface Answer {
  answer: z.infer<typeof answerWordSchema>;
  by: string;
  note?: string;
}

export interface AnswerBook {
  /** The file as it was named on the command line. */
  file: string;
  by: string;
  answers: ReadonlyMap<string, Answer>;
}

/** Reads and checks the file against the runbook's steps; every problem is a UsageError with its place. */
export function readAnswers(file: string, steps: readonly Step[], includeExcluded: boolean): AnswerBook {
  const text = readTextFile(file, 'answers file');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number | undefined): Position | undefined => (offset === undefined ? undefined : positionOf(lines.linePos(offset)));
  const problem = doc.errors[0];
  if (problem) throw new UsageError(`invalid YAML: ${problem.message.split('\n')[0]}`, file, at(problem.pos[0]));
  if (!isMap(doc.contents)) throw new UsageError('expected `by:` (who answers) and `answers:` (step or statement id → confirmed or declined)', file, at(doc.contents?.range?.[0]));
  const parsed = answersFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    const where = issue.path.length > 0 ? `\`${issue.path.join('.')}\`` : 'the top level';
    const expected = issue.path[0] === 'answers' && issue.path.length >= 2 ? 'expected confirmed or declined, or `answer:` with an optional `note:`' : issue.message;
    throw new UsageError(`${where}: ${expected}`, file, at(node?.range?.[0] ?? keyOffset(doc, issue.path)));
  }

  const { by } = parsed.data;
  // Keys as written: YAML reads `1.10` as the number 1.1, but it is step 1.10.
  const given = answerEntries(doc);
  const statements = new Map(steps.map((s) => [s.id, statementsOf(s, commandsToRun(s, includeExcluded).length > 0)]));
  const known = [...new Set(steps.flatMap((s) => [s.id, ...allStatementIds(s)]))];
  const answers = new Map<string, Answer>();
  // Step ids first, then statement ids, which say more exactly what they answer.
  const entries = given.sort((a, b) => Number(a.id.includes('#')) - Number(b.id.includes('#')));
  for (const { id, value, offset } of entries) {
    const place = at(offset);
    const answer: Answer = { answer: value.answer, by, ...('note' in value && value.note !== undefined && { note: value.note }) };
    const covered = id.includes('#') ? statementById(id, steps, statements) : stepStatements(id, steps, statements);
    if (covered === 'unknown') {
      const near = suggestNearest(id, known);
      throw new UsageError(`unknown ${id.includes('#') ? 'statement' : 'step'} id \`${id}\`${near ? `; did you mean \`${near}\`?` : ' (see `runbook plan`)'}`, file, place);
    }
    if (covered.length === 0) {
      throw new UsageError(id.includes('#') ? `\`${id}\` is checked by the run itself (a matcher, a transcript or a precondition command); only what a person confirms takes an answer` : `step \`${id}\` has nothing for a person to confirm`, file, place);
    }
    for (const statementId of covered) answers.set(statementId, answer);
  }
  return { file, by, answers };
}

function positionOf({ line, col }: { line: number; col: number }): Position {
  return { line, column: col };
}

function statementById(id: string, steps: readonly Step[], statements: ReadonlyMap<string, { id: string }[]>): string[] | 'unknown' {
  const step = steps.find((s) => allStatementIds(s).includes(id));
  if (step === undefined) return 'unknown';
  return (statements.get(step.id) ?? []).some((s) => s.id === id) ? [id] : [];
}

/** A step, a parent of sub-steps or a section: all their statements, as `--only` reads ids. */
function stepStatements(id: string, steps: readonly Step[], statements: ReadonlyMap<string, { id: string }[]>): string[] | 'unknown' {
  const matched = steps.filter((s) => s.id === id || s.parent?.id === id || s.section === id);
  if (matched.length === 0) return 'unknown';
  return matched.flatMap((s) => (statements.get(s.id) ?? []).map((x) => x.id));
}

function answerEntries(doc: ReturnType<typeof parseDocument>): { id: string; value: Given; offset: number | undefined }[] {
  const map = doc.get('answers', true);
  if (!isMap(map)) return [];
  return map.items.map((pair) => {
    const key = pair.key as { source?: string; value?: unknown; range?: [number, number, number] };
    const id = String(key.source ?? key.value).trim();
    // Already checked against answersFileSchema as a whole; read again for this key's value.
    const value = answerSchema.parse((pair.value as { toJSON(): unknown } | null)?.toJSON());
    return { id, value, offset: key.range?.[0] };
  });
}

function keyOffset(doc: ReturnType<typeof parseDocument>, path: readonly PropertyKey[]): number | undefined {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1) as (string | number)[], true) : doc.contents;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path.at(-1));
  return (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
}
