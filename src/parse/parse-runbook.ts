// The parse pipeline: text → mdast → model → validated runbook. Pure; never throws on any input.
import type { Diagnostic, Param, Runbook, Step } from '../model/runbook.js';
import { extractRunbook } from './extract-runbook.js';
import { findDeepNesting, MAX_NESTING } from './find-deep-nesting.js';
import { compileGatePatterns, type GatePattern } from '../gates/gate-patterns.js';
import { describeGate } from '../gates/find-gate.js';
import { findStepGates } from '../gates/find-step-gates.js';
import { parseMarkdown } from './parse-markdown.js';
import { findPlaceholders } from '../resolve/find-placeholders.js';

export function parseRunbook(input: string): Runbook {
  const diagnostics: Diagnostic[] = [];
  // remark already treats CRLF and CR as line endings; normalising keeps them out of command text.
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const tooDeep = findDeepNesting(text);
  if (tooDeep) {
    // Parsing would take minutes (see find-deep-nesting.ts): the text is refused unread.
    diagnostics.push({ severity: 'error', ruleId: 'nesting-too-deep', message: `Lists and quotes nest more than ${MAX_NESTING} levels deep here; a runbook needs far fewer`, position: tooDeep });
    return { title: 'Untitled runbook', frontmatter: {}, shell: 'bash', env: {}, record: {}, params: [], sections: [], steps: [], decisions: [], diagnostics };
  }
  const tree = parseMarkdown(text);
  const extracted = extractRunbook(tree, text, diagnostics);
  const gatePatterns = compileGatePatterns(extracted.frontmatter.gates ?? []);
  const steps = extracted.steps.map((step) => withGate(step, gatePatterns));
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

/** The step carries its first gate's reason (`Confirm: yes` for a step that says so). */
function withGate(step: Step, patterns: readonly GatePattern[]): Step {
  const [gate] = findStepGates(step, { patterns });
  return gate ? { ...step, gate: describeGate(gate) } : step;
}

/** Declared params, then every placeholder used, in order of first use; captures are not params. */
function collectParams(declared: Param[], steps: Step[]): Param[] {
  const captures = new Set(steps.flatMap((step) => step.captures));
  const params = new Map(declared.map((param) => [param.name, param]));
  for (const step of steps) {
    // `Env: TOKEN=<token>` needs a value just as a command does.
    const envPlaceholders = Object.values(step.env).flatMap((value) => findPlaceholders(value, step.position).map((p) => ({ ...p, position: step.position })));
    for (const command of [...step.commands, { placeholders: envPlaceholders }]) {
      for (const placeholder of command.placeholders) {
        if (captures.has(placeholder.name) || params.has(placeholder.name)) continue;
        params.set(placeholder.name, { name: placeholder.name, type: 'string', secret: false, declared: false, position: placeholder.position });
      }
    }
  }
  return [...params.values()];
}
