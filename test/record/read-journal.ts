// Reads a fixture journal the way `runbook record` does: one event per line, parsed by the model.
import { readFileSync } from 'node:fs';
import { runEventSchema, type RunEvent } from '../../src/model/events.js';

export function readJournal(file: string): RunEvent[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => runEventSchema.parse(JSON.parse(line)));
}
