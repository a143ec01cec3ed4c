// A step's gates: what the plan shows and the question the operator answers. `Confirm: yes`
// always asks, `Confirm: no` never does (lint notes each gate it silences), and otherwise every
// command is read against the catalogue and the runbook's own patterns.
import { z } from 'zod';
import type { Runbook, Step } from '../model/runbook.js';
import { findGates, type GateOptions } from './find-gate.js';
import type { Gate } from './gate-entry.js';
import { compileGatePatterns, type GatePattern } from './gate-patterns.js';

// The frontmatter was validated when read; a malformed `gates:` was reported there.
const gateSources = z.array(z.string()).catch([]);

/** The runbook's own patterns (frontmatter `gates:`), the valid ones. */
export function readGatePatterns(runbook: Pick<Runbook, 'frontmatter'>): GatePattern[] {
  return compileGatePatterns(gateSources.parse(runbook.frontmatter.gates ?? []));
}

/** Every gate of the commands, in order; `texts` are the commands as they will run (or as written). */
export function findCommandsGates(texts: readonly string[], options: GateOptions = {}): Gate[] {
  return texts.flatMap((text) => findGates(text, options));
}

/**
 * The gates a step asks before it runs, empty when it runs without asking. At parse time the
 * commands are read as written; when the step's turn comes, give `texts` (the commands rendered
 * as they will run) and `env` (the values they read), so the question is about what will run.
 */
export function findStepGates(step: Pick<Step, 'confirm' | 'commands'>, options: GateOptions & { texts?: readonly string[] } = {}): Gate[] {
  if (step.confirm === false) return [];
  const texts = options.texts ?? step.commands.map((command) => command.text);
  if (step.confirm === true) return [{ id: 'confirm-yes', reason: 'Confirm: yes', command: texts.join('\n'), via: [], remote: null }];
  return findCommandsGates(texts, options);
}
