// Types for create-sandbox.mjs (plain JavaScript, no build step).

export type Scenario = 'passing' | 'failing';

export interface SandboxParams {
  'deployment-name': string;
  'container-name': string;
  'release-name': string;
}

export interface Sandbox {
  /** The sandbox repository (real path): git history, Makefile, package.json, rollback.md. */
  dir: string;
  /** Holds the sandbox `kubectl`, `helm` and `gh`; first on env.PATH. */
  binDir: string;
  /** Add to the environment of every drill command: PATH, SANDBOX_STATE, SANDBOX_DB, KUBECONFIG, … */
  env: Record<string, string>;
  /** Values for the seed runbook's placeholders in this scenario. */
  params: SandboxParams;
  scenario: Scenario;
  /** The JSON "cluster" the sandbox kubectl, helm and gh read (helm writes it), GitHub runs included. */
  stateFile: string;
  /** The SQLite database the migrations run on. */
  dbFile: string;
  /** A copy of runbooks/rollback.md inside the sandbox, or null if the repository has none. */
  runbookFile: string | null;
  /** The release `make smoke` expects to be serving (v1.1.0). */
  expectedTag: string;
  /** The last-known-good tag the runbook should find (ga-1.1.0). */
  lastKnownGoodTag: string;
}

export interface SchemaInfo {
  /** Highest applied migration, 0 when none. */
  version: number;
  applied: { version: number; name: string }[];
  /** Column names per table, in table order. */
  tables: Record<string, string[]>;
  /** Row count per table. */
  rows: Record<string, number>;
  indexes: string[];
}

export interface ScenarioInfo {
  description: string;
  params: SandboxParams;
  brokenImages: Record<string, { healthy: boolean; reason?: string; note?: string }>;
}

export const SCENARIOS: Record<Scenario, ScenarioInfo>;
export const IMAGE_REPOSITORY: string;
export const KNOWN_GOOD_TAG: string;
export const LAST_KNOWN_GOOD_TAG: string;

export function createSandbox(options: { dir: string; scenario?: Scenario }): Promise<Sandbox>;
export function readSchema(dbFile: string): SchemaInfo;
