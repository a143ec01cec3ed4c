// `runbook lint FILE…`: one line per diagnostic; exit 1 on errors, 2 when a file is bad input.
// `--rule ID` keeps only these rules of the registry, `--ignore ID` leaves them out; the rules a
// runbook's frontmatter silences are listed with their reasons (on stderr, or as notices), never hidden.
import { colors as pc } from '../output/colors.js';
import { fatalRules, type LintReport } from '../lint/lint-runbook.js';
import { lintRuleIds } from '../lint/rules/index.js';
import type { Diagnostic } from '../model/runbook.js';
import { suggestNearest } from '../format/suggest-nearest.js';
import { loadShellParser } from '../shell/load-shell-parser.js';
import { ExitCode, UsageError } from './errors.js';
import { loadRunbook } from './load-runbook.js';

export interface LintOptions {
  format: 'text' | 'json' | 'github';
  rule?: string[];
  ignore?: string[];
}

interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
  silenced: LintReport['silenced'];
}

export async function runLint(files: string[], options: LintOptions) {
  const only = ruleIds('--rule', options.rule);
  const ignore = ruleIds('--ignore', options.ignore);
  // The rollback rules read commands as bash does.
  await loadShellParser();
  const results: FileResult[] = [];
  let unreadable = false;
  for (const file of files) {
    try {
      const { diagnostics, silenced } = (await loadRunbook(file, { allowFatal: true, lint: { readShell: true, ...(only && { only }), ...(ignore && { ignore }) } }));
      results.push({ file, diagnostics, silenced });
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`runbook: ${file}: ${error.message}\n`);
      unreadable = true;
    }
  }
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    for (const { file, diagnostics, silenced } of results) {
      for (const d of diagnostics) process.stdout.write(`${options.format === 'github' ? githubLine(file, d) : textLine(file, d)}\n`);
      for (const s of silenced) {
        const text = `${s.rule} silenced by the frontmatter (${s.diagnostics.length} finding(s) not shown): ${s.reason}`;
        if (options.format === 'github') process.stdout.write(`::notice file=${property(file)},title=${property(s.rule)}::${escape(text)}\n`);
        else process.stderr.write(`${file}: ${text}\n`);
      }
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

/** The ids given to `--rule` or `--ignore`, each one a rule of the registry. */
function ruleIds(flag: string, given: string[] | undefined): ReadonlySet<string> | undefined {
  if (!given || given.length === 0) return undefined;
  const ids = given.flatMap((value) => value.split(',')).map((id) => id.trim()).filter((id) => id !== '');
  for (const id of ids) {
    if (lintRuleIds.includes(id)) continue;
    const near = suggestNearest(id, lintRuleIds);
    throw new UsageError(`${flag} ${id}: unknown lint rule${near ? `; did you mean ${near}?` : ''} (rules: ${lintRuleIds.join(', ')})`);
  }
  return new Set(ids);
}

function textLine(file: string, d: Diagnostic): string {
  const severity = d.severity === 'error' ? pc.red('error') : pc.yellow('warning');
  return `${file}:${d.position.line}:${d.position.column}  ${severity}  ${d.message}  ${pc.dim(d.ruleId)}`;
}

/** GitHub Actions workflow commands: `%`, CR and LF are escaped as the runner requires, and in properties `:` and `,`. */
const escape = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string) => escape(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function githubLine(file: string, d: Diagnostic): string {
  return `::${d.severity} file=${property(file)},line=${d.position.line},col=${d.position.column},title=${property(d.ruleId)}::${escape(d.message)}`;
}
