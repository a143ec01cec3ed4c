// The one place that defines commands and flags. Each command module is imported lazily, so
// `runbook plan` never loads the executor. main.ts runs it as the process; tests call
// runCommandLine in-process.
import { Command, CommanderError, Option } from 'commander';
import { engineVersion } from '../version.js';
import { ExitCode, PreflightError, UsageError, formatLocation } from './errors.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Every command and flag, on a new program: commander keeps what it parsed on the program itself. */
export function createProgram(): Command {
  const program = new Command('runbook')
    .description('Executable Markdown runbooks with verified outcomes and drill records.')
    .version(engineVersion, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });

  const valueFlags = (command: Command): Command =>
    command
      .option('--set <name=value>', 'give a placeholder a value (repeatable)', collect, [])
      .option('--vars <file>', 'read placeholder values from a YAML or JSON file');

  valueFlags(
    program
      .command('plan')
      .description('show the resolved step graph without running anything')
      .argument('<file>', 'the runbook (Markdown)')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text')),
  )
    .addHelpText('after', '\nExamples:\n  $ runbook plan runbooks/rollback.md --set release-name=web\n  $ runbook plan runbooks/rollback.md --format markdown > plan.md')
    .action(async (file: string, options) => {
      const { runPlan } = await import('./plan-command.js');
      await runPlan(file, options);
    });

  program
    .command('list')
    .description('step ids, titles and first command, one line each')
    .argument('<file>', 'the runbook (Markdown)')
    .addHelpText('after', '\nExample:\n  $ runbook list runbooks/rollback.md')
    .action(async (file: string) => {
      const { runList } = await import('./list-command.js');
      await runList(file);
    });

  program
    .command('lint')
    .description('report structural errors and warnings')
    .argument('<files...>', 'runbooks (Markdown)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option('--rule <id>', 'report only this rule (repeatable; docs/rules/<id>.md)', collect, [])
    .option('--ignore <id>', 'do not report this rule (repeatable)', collect, [])
    .addHelpText('after', '\nExamples:\n  $ runbook lint runbooks/*.md\n  $ runbook lint --format github runbooks/rollback.md\n  $ runbook lint --rule helm-rollback-revision --rule sort-v-prerelease runbooks/rollback.md\n  $ runbook lint --ignore unverifiable-outcome runbooks/*.md\n\nA runbook silences a rule for itself, with a reason the drill record shows:\n  lint:\n    ignore:\n      - rule: describe-grep-image\n        reason: the pod has one container')
    .action(async (files: string[], options) => {
      const { runLint } = await import('./lint-command.js');
      await runLint(files, options);
    });

  valueFlags(
    program
      .command('exec')
      .description('run the runbook, check every expected outcome, write the drill record')
      .argument('<file>', 'the runbook (Markdown)')
      .option('--dry-run', 'run nothing; show the resolved commands and what would be checked')
      .option('-y, --yes', 'approve gated steps without asking (attestations still need a person)')
      .option('--only <ids...>', 'run only these steps')
      .option('--choose <decision=option>', 'take this branch of a decision point (repeatable; see `runbook plan`)', collect, [])
      .option('--from <id>', 'start at this step')
      .option('--concurrency <n>', 'run up to N independent steps at once', '1')
      .option('--timeout <duration>', 'overall time limit, e.g. 10m')
      .option('--strict', 'refuse to start when something will need a person nobody here can be; an outcome that could not be verified fails the step')
      .option('--answers <file>', 'answers to statements given ahead (YAML: `by:` and `answers:` step or statement id → confirmed or declined)')
      .option('--json', 'print NDJSON events on stdout (human output goes to stderr)')
      .option('--junit <file>', 'write JUnit XML results to FILE')
      .option('--cwd <dir>', 'run commands in DIR (default: the runbook\'s folder)')
      .option('--record-dir <dir>', 'write the drill record into DIR')
      .option('--record <file>', 'write the drill record to FILE (`-` for stdout)')
      .option('--no-record', 'do not write a drill record')
      .option('--template <file>', 'render the record with this Handlebars template')
      .option('--participant <name>', 'a drill participant (repeatable)', collect, [])
      .option('--env <name>', 'the environment drilled, e.g. staging')
      .option('--release <version>', 'the release version being rolled back')
      .option('--target <version>', 'the version rolled back to')
      .option('--objective <text>', 'a drill objective (repeatable)', collect, [])
      .option('--operator <name>', 'who runs the drill (default: the current user)')
      .option('--ticket <url>', 'the incident or change this drill belongs to'),
  )
    .addHelpText('after', '\nExamples:\n  $ runbook exec runbooks/rollback.md --set deployment-name=web --set release-name=web --set revision-number=2\n  $ runbook exec runbooks/failover.md --choose recover.choice=b --choose environment=staging\n  $ runbook exec runbooks/rollback.md --vars prod.yaml --yes --env production\n  $ runbook exec runbooks/rollback.md --yes --answers drill-lead.yaml --ticket https://tracker.example.com/CHG-42\n  $ runbook exec runbooks/rollback.md --dry-run --record -\n\nExit codes: 0 passed · 1 a step failed or an outcome was not met · 2 bad input, nothing run ·\n3 incomplete: nothing failed, but a statement that needed a person was not confirmed · 130 interrupted')
    .action(async (file: string, options) => {
      const { runExec } = await import('./exec-command.js');
      await runExec(file, options);
    });

  program
    .command('record')
    .description('render the drill record of a run from its journal')
    .argument('<run>', 'the run id (see `runbook runs`)')
    .option('--record-dir <dir>', 'write the drill record into DIR')
    .option('--record <file>', 'write the drill record to FILE (`-` for stdout)')
    .option('--template <file>', 'render the record with this Handlebars template')
    .option('--workspace <dir>', 'the workspace whose runs to read (default: the git work tree here, else this folder)')
    .addHelpText('after', '\nExample:\n  $ runbook record 20261126-140305-a1b2 --record -')
    .action(async (run: string, options) => {
      const { runRecord } = await import('./record-command.js');
      await runRecord(run, options);
    });

  valueFlags(
    program
      .command('resume')
      .description('continue a failed or interrupted run from its journal')
      .argument('<run>', 'the run id (see `runbook runs`)')
      .option('--force', 'resume even though the runbook changed since the run started')
      .option('--choose <decision=option>', 'take this branch of a decision point the run has not reached yet (repeatable)', collect, [])
      .option('--kill-orphans', 'end the processes a killed engine\'s step left running, then resume')
      .option('-y, --yes', 'approve gated steps without asking (attestations still need a person)')
      .option('--json', 'print NDJSON events on stdout')
      .option('--strict', 'refuse to start when something will need a person nobody here can be; an outcome that could not be verified fails the step')
      .option('--answers <file>', 'answers to statements given ahead (default: the run\'s own --answers file)')
      .option('--note <text>', 'what was done since the last attempt (kept in the record\'s issues)')
      .option('--operator <name>', 'who carries on the drill (default: the current user)')
      .option('--workspace <dir>', 'the workspace whose runs to read (default: the git work tree here, else this folder)')
      .option('--record-dir <dir>', 'write the drill record into DIR')
      .option('--no-record', 'do not write a drill record'),
  )
    .addHelpText('after', '\nExample:\n  $ runbook resume 20261126-140305-a1b2 --yes --note "ran helm rollback web 2 by hand"')
    .action(async (run: string, options) => {
      const { runResume } = await import('./resume-command.js');
      await runResume(run, options);
    });

  program
    .command('runs')
    .description('list past runs, newest first')
    .option('--json', 'print JSON')
    .option('--workspace <dir>', 'the workspace whose runs to list (default: the git work tree here, else this folder)')
    .addHelpText('after', '\nExample:\n  $ runbook runs')
    .action(async (options) => {
      const { runRuns } = await import('./runs-command.js');
      await runRuns(options);
    });

  program
    .command('diff')
    .description('compare runbooks between a git ref and the working tree')
    .argument('<base>', 'git ref to compare with, e.g. origin/main')
    .argument('[files...]', 'runbooks (default: every changed *.md that parses as a runbook)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown']).default('text'))
    .addHelpText('after', '\nExample:\n  $ runbook diff origin/main runbooks/rollback.md --format markdown')
    .action(async (base: string, files: string[], options) => {
      const { runDiff } = await import('./diff-command.js');
      await runDiff(base, files, options);
    });

  program
    .command('drills')
    .description('the drill history, newest first; --check that each release tag has a passing drill')
    .option('--dir <dir>', 'the folder of drill records (default: docs/releases/rollback-drills)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--check', 'exit 1 naming each release tag with no passing live drill after it')
    .option('--since <tag>', 'with --check: the first release tag to check (default: every one)')
    .option('--include-prereleases', 'with --check: check pre-release tags (v1.2.0-rc.1) too')
    .addHelpText('after', '\nExamples:\n  $ runbook drills\n  $ runbook drills --format markdown > docs/releases/DRILLS.md\n  $ runbook drills --check --since v1.2.0')
    .action(async (options) => {
      const { runDrills } = await import('./drills-command.js');
      await runDrills(options);
    });
  return program;
}

/** Runs one command line (`argv` as process.argv has it) and returns its exit code; writes only to process.stdout and process.stderr. */
export async function runCommandLine(argv: readonly string[]): Promise<number> {
  try {
    await createProgram().parseAsync([...argv]);
    return 0;
  } catch (error) {
    return exitCodeFor(error);
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version are successes; every other commander error is a usage error.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    return 2;
  }
  if (error instanceof ExitCode) return error.code;
  if (error instanceof UsageError) {
    process.stderr.write(`runbook: ${formatLocation(error.file, error.position)}${error.message}\n`);
    return 2;
  }
  if (error instanceof PreflightError) {
    process.stderr.write(`runbook: nothing was run:\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`runbook: internal error: ${message}\nThis is a bug in runbook; please report it with the command you ran${process.env.RUNBOOK_DEBUG ? '' : ' (set RUNBOOK_DEBUG=1 for details)'}.\n`);
  if (process.env.RUNBOOK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
  return 70;
}
