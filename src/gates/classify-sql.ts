// What a piece of SQL (or mongosh JavaScript) given to a database client does, as far as gates
// care: statement by statement, with comments and quoted text set aside so that
// `SELECT 'DROP TABLE'` is a SELECT.

export const SQL_KINDS = ['drop', 'truncate', 'delete', 'update-all', 'alter', 'replication', 'terminate', 'rewrite', 'file'] as const;
export type SqlKind = (typeof SQL_KINDS)[number];

// Comments and quoted text are set aside as each dialect reads them, and the readings joined, so
// that no reading a client might make can hide a statement: what one reading takes for a
// comment (`#`, `--1` in MySQL is arithmetic) another reads as code. A dollar-quoted body is
// read as statements (a `DO $$ … $$` block runs them).
const READINGS: readonly { dollars: boolean; pattern: RegExp }[] = [
  // PostgreSQL: `--` comments, `''` inside strings, "identifiers".
  { dollars: true, pattern: /--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"/g },
  // PostgreSQL E'…' strings, or standard_conforming_strings off: backslash escapes.
  { dollars: true, pattern: /--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\]|''|\\.)*'|"(?:[^"]|"")*"/g },
  // MySQL: `-- ` needs a blank after it, `#` comments, backslash escapes, `backticks`.
  { dollars: false, pattern: /--(?=\s|$)[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\]|''|\\.)*'|"(?:[^"\\]|""|\\.)*"|`[^`]*`/g },
];

/** The statement's words, upper-cased; none for a plain EXPLAIN, which only plans. */
function statementWords(statement: string): string[] {
  const words: string[] = statement.toUpperCase().match(/[A-Z_][A-Z0-9_]*/g) ?? [];
  if (words[0] === 'EXPLAIN') return words.includes('ANALYZE') ? words.filter((word) => !['EXPLAIN', 'ANALYZE', 'VERBOSE'].includes(word)) : [];
  return words;
}

function classifyStatement(statement: string, found: Set<SqlKind>): void {
  // psql's \i, \include, \! (a shell command) and \gexec (runs what a query returns), mysql's
  // `source` and `\.`: what runs is not in this text.
  if (/^\s*(?:\\(?:i|ir|include|include_relative|!)|source\s|\\\.\s)|\\gexec\b/im.test(statement)) found.add('file');
  // Other psql meta-commands (`\c app`, `\x`) take their line.
  const words = statementWords(statement.replace(/^\s*\\[^\n]*/gm, ''));
  const [first, second] = words;
  const has = (word: string): boolean => words.includes(word);
  // A CTE may hide a data change: `WITH gone AS (DELETE FROM …) SELECT …`.
  const verbs = first === 'WITH' ? words : [first];
  if (verbs.includes('DROP')) found.add('drop');
  if (verbs.includes('TRUNCATE')) found.add('truncate');
  if (verbs.includes('DELETE')) found.add('delete');
  if (verbs.includes('UPDATE') && !has('WHERE')) found.add('update-all');
  if (first === 'ALTER' || first === 'RENAME') found.add('alter');
  if (
    ((first === 'STOP' || first === 'RESET') && ['SLAVE', 'REPLICA', 'MASTER', 'BINARY'].includes(second ?? '')) ||
    (first === 'CHANGE' && (second === 'MASTER' || second === 'REPLICATION')) ||
    (first === 'SET' && (has('READ_ONLY') || has('SUPER_READ_ONLY'))) ||
    has('PG_PROMOTE') ||
    has('PG_DROP_REPLICATION_SLOT')
  ) {
    found.add('replication');
  }
  if (first === 'KILL' || first === 'SHUTDOWN' || has('PG_TERMINATE_BACKEND') || has('PG_CANCEL_BACKEND')) found.add('terminate');
  if ((first === 'VACUUM' && has('FULL')) || first === 'CLUSTER' || (first === 'REINDEX' && !has('CONCURRENTLY'))) found.add('rewrite');
}

/** The kinds of change in `sql`: every statement, separated by `;`. */
export function classifySql(sql: string): Set<SqlKind> {
  const found = new Set<SqlKind>();
  for (const { dollars, pattern } of READINGS) {
    const stripped = (dollars ? sql.replace(/\$\w*\$/g, ';') : sql).replace(pattern, ' ');
    for (const statement of stripped.split(/;|\\g\b/)) classifyStatement(statement, found);
  }
  return found;
}

const MONGO: readonly [RegExp, SqlKind][] = [
  [/\.(?:drop|dropDatabase|dropIndex|dropIndexes|dropUser|dropAllUsers|dropRole)\s*\(/, 'drop'],
  [/\.(?:deleteMany|deleteOne|remove|findOneAndDelete|findAndModify)\s*\(/, 'delete'],
  [/\.updateMany\s*\(\s*\{\s*\}/, 'update-all'],
  [/\.renameCollection\s*\(|\bcollMod\b/, 'alter'],
  [/\brs\.(?:stepDown|remove|reconfig|freeze|add|addArb)\s*\(|\breplSetStepDown\b|\breplSetReconfig\b/, 'replication'],
  [/\.(?:shutdownServer|killOp)\s*\(|\bshutdown\s*:|\bkillSessions\b|\bkillAllSessions\b/, 'terminate'],
  [/\bcompact\s*:|\.reIndex\s*\(/, 'rewrite'],
  [/\bload\s*\(/, 'file'],
];

/** The same kinds for mongosh JavaScript. */
export function classifyMongo(script: string): Set<SqlKind> {
  return new Set(MONGO.filter(([pattern]) => pattern.test(script)).map(([, kind]) => kind));
}
