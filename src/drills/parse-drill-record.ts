// A drill record's text → the drill its frontmatter describes, or why it cannot be read as one.
// Pure; never throws: one odd file in the records folder must not hide every other drill.
import { parseDocument } from 'yaml';
import { drillFrontmatterSchema, type Drill } from './drill-schema.js';

export type ParsedDrillRecord = { ok: true; drill: Drill } | { ok: false; problem: string };

/** The YAML between a first line `---` and the next line `---` (or `...`). */
const frontmatterPattern = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

export function parseDrillRecord(text: string, path: string): ParsedDrillRecord {
  const match = frontmatterPattern.exec(text);
  if (!match) return { ok: false, problem: 'no frontmatter (a record written before records had one can be rendered again with `runbook record RUN`)' };
  const document = parseDocument(match[1] ?? '', { prettyErrors: false, uniqueKeys: true });
  const error = document.errors[0];
  if (error) return { ok: false, problem: `malformed frontmatter: ${error.message.split('\n')[0]}` };
  const data: unknown = document.toJS();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, problem: 'the frontmatter is not a mapping of keys to values' };
  const parsed = drillFrontmatterSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') || 'frontmatter';
    return { ok: false, problem: `not a drill record's frontmatter: \`${key}\`: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, drill: { path, ...parsed.data } };
}
