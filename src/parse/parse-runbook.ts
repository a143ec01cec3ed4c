// The parse pipeline: text → mdast → model → validated runbook. Pure; never throws on any input.
// In two steps, so the command layer can load the shell parser in between, only when a command
// needs it (src/cli/load-runbook.ts): draftRunbook reads the Markdown; finishRunbook reads each
// command as bash will (src/resolve/analyze-command.ts: its placeholders, found once; whether it
// parses), the shell variables nothing sets, and the gates.
import type { Command, Diagnostic, Param, Placeholder, Runbook, Step } from '../model/runbook.js';
import { readCommand } from '../resolve/analyze-command.js';
import { envPlaceholderNames } from '../resolve/fill-placeholders.js';
import { ShellVariableScope } from '../resolve/find-unset-variables.js';
import { commandNeedsShellParser } from '../shell/analyze-shell.js';
import { locatePlaceholders } from '../shell/locate-placeholders.js';
import type { ShellScript } from '../shell/shell-schema.js';
import { extractRunbook, type Extracted } from './extract-runbook.js';
import { describeGate } from '../gates/find-gate.js';
import { findStepGates } from '../gates/find-step-gates.js';
import { compileGatePatterns, type GatePattern } from '../gates/gate-patterns.js';
import { findDeepNesting, MAX_NESTING } from './find-deep-nesting.js';
import { findTooManyHeadings, MAX_HEADINGS } from './find-too-many-headings.js';
import { commandPositionOf } from './make-command.js';
import { parseMarkdown } from './parse-markdown.js';
import { withStepId } from './step-drafts.js';

export interface RunbookDraft {
  /** The text as read: BOM removed, line endings `\n`. */
  text: string;
  /** Null when the text is refused unread (nesting too deep, too many headings). */
  extracted: Extracted | null;
  diagnostics: Diagnostic[];
}

export function parseRunbook(input: string): Runbook {
  return finishRunbook(draftRunbook(input));
}

/** The Markdown read into steps; commands not yet read as shell. */
export function draftRunbook(input: string): RunbookDraft {
  const diagnostics: Diagnostic[] = [];
  // remark already treats CRLF and CR as line endings; normalising keeps them out of command text.
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const tooDeep = findDeepNesting(text);
  if (tooDeep) {
    // Parsing would take minutes (see find-deep-nesting.ts): the text is refused unread.
    diagnostics.push({ severity: 'error', ruleId: 'nesting-too-deep', message: `Lists and quotes nest more than ${MAX_NESTING} levels deep here; a runbook needs far fewer`, position: tooDeep });
    return { text, extracted: null, diagnostics };
  }
  const tooMany = findTooManyHeadings(text);
  if (tooMany) {
    diagnostics.push({ severity: 'error', ruleId: 'too-many-headings', message: `More than ${MAX_HEADINGS.toLocaleString('en')} headings: this is the next one; a runbook needs far fewer, split it into runbooks of its parts`, position: tooMany });
    return { text, extracted: null, diagnostics };
  }
  const tree = parseMarkdown(text);
  const extracted = extractRunbook(tree, text, diagnostics);
  return { text, extracted, diagnostics };
}

/** Does finishing the draft need the shell parser loaded? Not when every command is plain. */
export function draftNeedsShellParser({ extracted }: RunbookDraft): boolean {
  if (!extracted) return false;
  const declared = extracted.frontmatter.params.map((param) => param.name);
  return extracted.steps.some((step) => step.commands.some((command) => commandNeedsShellParser(command.text, locatePlaceholders(command.text, { declared }))));
}

export function finishRunbook({ text, extracted, diagnostics }: RunbookDraft): Runbook {
  if (!extracted) return { title: 'Untitled runbook', frontmatter: {}, shell: 'bash', env: {}, record: {}, params: [], sections: [], steps: [], decisions: [], diagnostics };
  const lines = text.split('\n');
  const declared = extracted.frontmatter.params.map((param) => param.name);
  const read = uniqueIds(extracted.steps, diagnostics).map((step) => readCommands(step, declared, lines, diagnostics));
  const patterns = compileGatePatterns(extracted.frontmatter.gates ?? []);
  const steps = withShellVariables(read, extracted.frontmatter, lines).map((step) => withGate(step, declared, patterns));
  const runbook: Runbook = {
    title: extracted.title,
    ...(extracted.description !== undefined && { description: extracted.description }),
    frontmatter: extracted.frontmatter.data,
    shell: extracted.frontmatter.shell ?? 'bash',
    ...(extracted.frontmatter.cwd !== undefined && { cwd: extracted.frontmatter.cwd }),
    ...(extracted.frontmatter.timeoutMs !== undefined && { timeoutMs: extracted.frontmatter.timeoutMs }),
    env: extracted.frontmatter.env,
    record: extracted.frontmatter.record,
    params: collectParams(extracted.frontmatter.params, steps),
    sections: extracted.sections,
    steps,
    decisions: extracted.decisions,
    diagnostics,
  };
  // The model is built by this code, not read from outside: its schema is checked by the tests
  // (and by `plan --format json` consumers), not on every parse, which would cost a 10,000-step
  // runbook a second time over.
  return runbook;
}

interface ReadStep {
  step: Step;
  /** Each command's parse, null when bash cannot parse it. */
  scripts: (ShellScript | null)[];
}

/** Each command's placeholders, and what keeps it from running as written, as diagnostics. */
function readCommands(step: Step, declared: readonly string[], lines: readonly string[], diagnostics: Diagnostic[]): ReadStep {
  const scripts: (ShellScript | null)[] = [];
  const commands = step.commands.map((command): Command => {
    const reading = readCommand(command.text, declared, commandPositionOf(command, lines));
    for (const problem of reading.problems) diagnostics.push({ severity: 'error', ruleId: problem.ruleId, message: problem.message, position: problem.position });
    scripts.push(reading.script);
    return { ...command, placeholders: reading.placeholders };
  });
  return { step: { ...step, commands }, scripts };
}

/** Shell variables a command reads that nothing sets are placeholders too (SPEC §2). */
function withShellVariables(read: ReadStep[], frontmatter: Extracted['frontmatter'], lines: readonly string[]): Step[] {
  const scope = new ShellVariableScope(Object.keys(frontmatter.env));
  return read.map(({ step, scripts }) => {
    const commands = step.commands.map((command, index) => {
      const script = scripts[index];
      if (!script) return command;
      const unset = scope.read(script, Object.keys(step.env));
      if (unset.length === 0) return command;
      const positionOf = commandPositionOf(command, lines);
      const variables = unset.map((expansion): Placeholder => ({ name: expansion.name, raw: expansion.text, position: positionOf(expansion.start), form: 'variable', offset: expansion.start }));
      return { ...command, placeholders: [...command.placeholders, ...variables].sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0)) };
    });
    return { ...step, commands };
  });
}

/** Ids must be unique: a repeat is reported, and renamed so every later stage can still work. */
function uniqueIds(steps: Step[], diagnostics: Diagnostic[]): Step[] {
  const seen = new Map<string, Step>();
  return steps.map((step) => {
    const first = seen.get(step.id);
    if (!first) {
      seen.set(step.id, step);
      return step;
    }
    let n = 2;
    while (seen.has(`${step.id}-${n}`)) n += 1;
    const id = `${step.id}-${n}`;
    diagnostics.push({
      severity: 'error',
      ruleId: 'duplicate-step-id',
      message: `Duplicate step id \`${step.id}\` (first at line ${first.position.line}); this one is called \`${id}\``,
      position: step.position,
    });
    const renamed = withStepId(step, id);
    seen.set(id, renamed);
    return renamed;
  });
}

/** The step carries its first gate's reason as written; the plan decides again with the values (src/plan/step-gate.ts). */
function withGate(step: Step, declared: readonly string[], patterns: readonly GatePattern[]): Step {
  const [gate] = findStepGates(step, { declared, patterns });
  return gate ? { ...step, gate: describeGate(gate) } : step;
}

/** Declared params, then every placeholder used, in order of first use; captures are not params. */
function collectParams(declared: Param[], steps: Step[]): Param[] {
  const captures = new Set(steps.flatMap((step) => step.captures));
  const params = new Map(declared.map((param) => [param.name, param]));
  const names = [...params.keys()];
  const add = (name: string, position: Param['position']): void => {
    if (captures.has(name) || params.has(name)) return;
    params.set(name, { name, type: 'string', secret: false, declared: false, ...(position && { position }) });
  };
  for (const step of steps) {
    for (const command of step.commands) for (const placeholder of command.placeholders) add(placeholder.name, placeholder.position);
    // `Env: TOKEN=<token>` needs a value just as a command does.
    for (const name of envPlaceholderNames(step.env, names)) add(name, step.position);
  }
  return [...params.values()];
}
