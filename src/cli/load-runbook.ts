// read → parse → graph → lint, shared by every command that takes a runbook file. The shell
// parser (src/shell) is loaded here, between reading the Markdown and reading its commands, and
// only when a command needs it: a runbook of plain one-line commands never pays for it, and
// every stage after this one stays synchronous and pure.
import { buildGraph } from '../graph/build-graph.js';
import { findInvalidUtf8 } from '../lint/find-invalid-utf8.js';
import { fatalRules, type LintReport, lintRunbookReport, type LintSelection, sortDiagnostics } from '../lint/lint-runbook.js';
import type { Diagnostic, Runbook } from '../model/runbook.js';
import { draftNeedsShellParser, draftRunbook, finishRunbook, parseRunbook } from '../parse/parse-runbook.js';
import { loadShellParser } from '../shell/load-shell-parser.js';
import { UsageError } from './errors.js';
import { readInputBytes } from './read-input.js';

export interface LoadedRunbook {
  file: string;
  text: string;
  runbook: Runbook;
  graph: ReturnType<typeof buildGraph>;
  diagnostics: Diagnostic[];
  /** The rules the frontmatter silences, with what they found all the same. */
  silenced: LintReport['silenced'];
}

export async function loadRunbook(file: string, { allowFatal = false, lint = {} as LintSelection } = {}): Promise<LoadedRunbook> {
  const { text, problem } = decodeRunbook(readInputBytes(file));
  // The lint rules that read the shell parse (and the gates they note) need the parser whatever the commands are.
  if (lint.readShell) await loadShellParser();
  const runbook = await unlessAliasBomb(file, () => parseRunbookText(text));
  const loaded = assemble(file, text, runbook, problem ? [problem] : [], lint);
  const fatal = loaded.diagnostics.find((d) => fatalRules.has(d.ruleId));
  if (fatal && !allowFatal) throw new UsageError(fatal.message, file, fatal.position);
  return loaded;
}

/** The runbook in `text`, with the shell parser loaded first when one of its commands needs it. */
export async function parseRunbookText(text: string): Promise<Runbook> {
  const draft = draftRunbook(text);
  if (draftNeedsShellParser(draft)) await loadShellParser();
  return finishRunbook(draft);
}

/** The text of a runbook, parsed, graphed and linted; `file` is only its name. Pure; the shell parser must be loaded if a command needs it. */
export function readRunbook(file: string, text: string, lint: LintSelection = {}): LoadedRunbook {
  return assemble(file, text, parseRunbook(text), [], lint);
}

function assemble(file: string, text: string, runbook: Runbook, extra: Diagnostic[], lint: LintSelection): LoadedRunbook {
  const graph = buildGraph(runbook);
  const report = lintRunbookReport(runbook, graph.diagnostics, lint);
  const diagnostics = extra.length > 0 ? sortDiagnostics([...extra, ...report.diagnostics]) : report.diagnostics;
  return { file, text, runbook, graph, diagnostics, silenced: report.silenced };
}

/** UTF-8 only: the first byte that is not is an error at its place (and nothing runs). */
export function decodeRunbook(bytes: Uint8Array): { text: string; problem?: Diagnostic } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const position = findInvalidUtf8(bytes) ?? { line: 1, column: 1 };
    const problem: Diagnostic = { severity: 'error', ruleId: 'invalid-utf8', message: 'The runbook is not valid UTF-8 here: save it as UTF-8 (nothing is run from a file whose bytes would have to be guessed)', position };
    return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes), problem };
  }
}

/**
 * The YAML library refuses frontmatter whose aliases would expand beyond reason (a "billion
 * laughs"), by throwing while the frontmatter is read: that is bad input, not a bug.
 */
async function unlessAliasBomb<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ReferenceError && /Excessive alias count/.test(error.message)) {
      throw new UsageError('the frontmatter\'s YAML aliases expand to too much data (an alias bomb); write the values out', file);
    }
    throw error;
  }
}
