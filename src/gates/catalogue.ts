// Every family of destructive forms, in the order docs/GATES.md lists them.
import { cloudGates } from './cloud.js';
import { containersGates } from './containers.js';
import { databasesGates } from './databases.js';
import { disksGates } from './disks.js';
import { filesGates } from './files.js';
import type { GateEntry, GateFamily } from './gate-entry.js';
import { gitGates } from './git.js';
import { gitopsGates } from './gitops.js';
import { infraGates } from './infra.js';
import { kubernetesGates } from './kubernetes.js';
import { migrationsGates } from './migrations.js';
import { networkGates } from './network.js';
import { processesGates } from './processes.js';
import { servicesGates } from './services.js';

export const GATE_CATALOGUE: readonly GateFamily[] = [
  kubernetesGates,
  gitopsGates,
  servicesGates,
  processesGates,
  containersGates,
  filesGates,
  disksGates,
  infraGates,
  gitGates,
  databasesGates,
  migrationsGates,
  cloudGates,
  networkGates,
];

const byTool = new Map<string, GateEntry[]>();
const anyTool: GateEntry[] = [];
for (const entry of GATE_CATALOGUE.flatMap((family) => family.entries)) {
  if (entry.tools.length === 0) anyTool.push(entry);
  for (const tool of entry.tools) byTool.set(tool, [...(byTool.get(tool) ?? []), entry]);
}

/** The entries that may match a command of this name, in catalogue order. */
export function entriesFor(tool: string): readonly GateEntry[] {
  const own = byTool.get(tool) ?? [];
  return anyTool.length === 0 ? own : [...own, ...anyTool];
}
