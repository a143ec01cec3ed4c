// read → parse → graph → lint, shared by every command that takes a runbook file.
import { buildGraph } from '../graph/build-graph.js';
import { fatalRules, type LintReport, lintRunbookReport, type LintSelection } from '../lint/lint-runbook.js';
import type { Diagnostic, Runbook } from '../model/runbook.js';
import { parseRunbook } from '../parse/parse-runbook.js';
import { loadShellParser } from '../shell/load-shell-parser.js';
import { UsageError } from './errors.js';
import { readTextFile } from './read-input.js';

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
  // Gates read commands through the shell parser (src/gates/find-gate.ts).
  await loadShellParser();
  const loaded = unlessAliasBomb(file, () => readRunbook(file, readTextFile(file), lint));
  const fatal = loaded.diagnostics.find((d) => fatalRules.has(d.ruleId));
  if (fatal && !allowFatal) throw new UsageError(fatal.message, file, fatal.position);
  return loaded;
}

/** The text of a runbook, parsed, graphed and linted; `file` is only its name. Pure. */
export function readRunbook(file: string, text: string, lint: LintSelection = {}): LoadedRunbook {
  const runbook = parseRunbook(text);
  const graph = buildGraph(runbook);
  const { diagnostics, silenced } = lintRunbookReport(runbook, graph.diagnostics, lint);
  return { file, text, runbook, graph, diagnostics, silenced };
}

/**
 * The YAML library refuses frontmatter whose aliases would expand beyond reason (a "billion
 * laughs"), by throwing while the frontmatter is read: that is bad input, not a bug.
 */
function unlessAliasBomb<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ReferenceError && /Excessive alias count/.test(error.message)) {
      throw new UsageError('the frontmatter\'s YAML aliases expand to too much data (an alias bomb); write the values out', file);
    }
    throw error;
  }
}
