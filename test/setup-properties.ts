// Property tests are reproducible: `npm test` draws every generated case from one fixed seed, so
// a submission is judged on the cases it was tested with. `npm run fuzz` draws new seeds and more
// runs (RUNBOOK_FUZZ_RUNS times each property's own count); a failure prints its seed and path,
// and FC_SEED=<seed> replays it.
import fc from 'fast-check';

const explore = process.env.RUNBOOK_FUZZ_RUNS !== undefined;
const scale = explore ? Math.max(1, Number(process.env.RUNBOOK_FUZZ_RUNS) || 1) : 1;
const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : explore ? undefined : 20_261_202;

// fast-check runs a property 100 times unless it says otherwise.
fc.configureGlobal({ numRuns: 100 * scale, ...(seed === undefined ? {} : { seed }) });

/** A property's number of runs: its own count, multiplied when exploring. */
export function propertyRuns(runs: number): number {
  return runs * scale;
}
