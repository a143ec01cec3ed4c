// Table-driven tests for one family of the catalogue: each entry's own examples (those
// docs/GATES.md shows), and further cases the family's test file adds.
import { beforeAll, describe, expect, it } from 'vitest';
import type { GateFamily } from '../../src/gates/gate-entry.js';
import { findGate } from '../../src/gates/find-gate.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';

export interface FamilyCases {
  /** More commands and the entry that must gate each. */
  gated?: readonly (readonly [command: string, id: string])[];
  /** More near-misses that nothing may gate. */
  notGated?: readonly string[];
}

export function testFamily(family: GateFamily, more: FamilyCases = {}): void {
  beforeAll(() => loadShellParser());
  describe(family.name, () => {
    const gated = [...family.entries.flatMap((entry) => entry.gated.map((command) => [command, entry.id] as const)), ...(more.gated ?? [])];
    it.each(gated)('gates %j as %s', (command, id) => {
      expect(findGate(command)?.id).toBe(id);
    });
    const notGated = [...family.entries.flatMap((entry) => entry.notGated), ...(more.notGated ?? [])];
    it.each(notGated)('does not gate %j', (command) => {
      expect(findGate(command)).toBeUndefined();
    });
    it('has a gated example for every entry, and near-misses for the family', () => {
      for (const entry of family.entries) expect(entry.gated.length, entry.id).toBeGreaterThan(0);
      expect(notGated.length).toBeGreaterThan(0);
    });
  });
}
