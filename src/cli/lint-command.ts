// `runbook lint FILE…`: one line per diagnostic; exit 1 on errors, 2 when a file is bad input.
import { colors as pc } from '../output/colors.js';
import { fatalRules } from '../lint/lint-runbook.js';
import type { Diagnostic } from '../model/runbook.js';
import { ExitCode, UsageError } from './errors.js';
import { loadRunbook } from './load-runbook.js';

export interface LintOptions {
  format: 'text' | 'json' | 'github';
}

export async function runLint(files: string[], options: LintOptions) {
  const results: { file: string; diagnostics: Diagnostic[] }[] = [];
  let unreadable = false;
  for (const file of files) {
    try {
      results.push({ file, diagnostics: (await loadRunbook(file, { allowFatal: true })).diagnostics });
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`runbook: ${file}: ${error.message}\n`);
      unreadable = true;
    }
  }
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(results.map(({ file, diagnostics }) => ({ file, diagnostics })), null, 2)}\n`);
  } else {
    for (const { file, diagnostics } of results) {
      for (const d of diagnostics) process.stdout.write(`${options.format === 'github' ? githubLine(file, d) : textLine(file, d)}\n`);
    }
    if (options.format === 'text') {
      const all = results.flatMap((r) => r.diagnostics);
      const errors = all.filter((d) => d.severity === 'error').length;
      process.stderr.write(`${errors} error(s), ${all.length - errors} warning(s) in ${results.length} file(s)\n`);
    }
  }
  const all = results.flatMap((r) => r.diagnostics);
  if (unreadable || all.some((d) => fatalRules.has(d.ruleId))) throw new ExitCode(2);
  if (all.some((d) => d.severity === 'error')) throw new ExitCode(1);
  return results;
}

function textLine(file: string, d: Diagnostic): string {
  const severity = d.severity === 'error' ? pc.red('error') : pc.yellow('warning');
  return `${file}:${d.position.line}:${d.position.column}  ${severity}  ${d.message}  ${pc.dim(d.ruleId)}`;
}

/** GitHub Actions workflow command; `%`, CR and LF are escaped as the runner requires. */
function githubLine(file: string, d: Diagnostic): string {
  const escape = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (s: string) => escape(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return `::${d.severity} file=${property(file)},line=${d.position.line},col=${d.position.column},title=${property(d.ruleId)}::${escape(d.message)}`;
}
