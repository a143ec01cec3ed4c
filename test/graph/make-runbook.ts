// Hand-built runbook models, so graph and resolve tests do not depend on the parser.
import type { Command, Param, Runbook, Step } from '../../src/model/runbook.js';
import { readCommand } from '../../src/resolve/analyze-command.js';

export interface StepInput {
  id: string;
  commands?: string[];
  captures?: string[];
  dependsOn?: string[] | null;
  line?: number;
}

export function makeCommand(text: string, line = 1): Command {
  const position = { line, column: 1 };
  const { placeholders } = readCommand(text, [], (offset) => ({ line: line + text.slice(0, offset).split('\n').length - 1, column: offset - text.lastIndexOf('\n', offset - 1) }));
  return { text, position, source: 'fence', lang: 'sh', excludeFromRunAll: false, placeholders };
}

export function makeStep({ id, commands = [], captures = [], dependsOn = null, line }: StepInput, index = 0): Step {
  const at = line ?? (index + 1) * 10;
  return {
    id,
    title: `Step ${id}`,
    position: { line: at, column: 1 },
    notes: [],
    actions: [],
    commands: commands.map((text, i) => makeCommand(text, at + 1 + i)),
    expectations: [],
    attestations: [],
    captures,
    dependsOn,
    ...(dependsOn !== null && { dependsOnPosition: { line: at + 1, column: 3 } }),
    retries: 0,
    retryDelayMs: 1000,
    continueOnError: false,
    env: {},
  };
}

export function makeParam(name: string, extra: Partial<Param> = {}): Param {
  return { name, type: 'string', secret: false, declared: true, ...extra };
}

export function makeRunbook(steps: StepInput[], params: Param[] = []): Runbook {
  return {
    title: 'Test runbook',
    frontmatter: {},
    shell: 'bash',
    env: {},
    record: {},
    params,
    sections: [],
    steps: steps.map((s, i) => makeStep(s, i)),
    decisions: [],
    diagnostics: [],
  };
}
