// Which runbooks a pull request changes: the runbooks matching the globs that differ from the
// base, and the runbooks whose values changed: `X.review.yaml` beside `X.md`, or the shared
// values file (for every runbook that has no values file of its own). Globs are git pathspecs
// (`:(glob)runbooks/**/*.md`), so they match as git matches, with no glob library.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const VALUES_SUFFIX = '.review.yaml';

/** `runbooks/rollback.md` → `runbooks/rollback.review.yaml`. */
export function ownValuesFile(runbook) {
  return runbook.replace(/\.md$/i, VALUES_SUFFIX);
}

function git(cwd, args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

const paths = (out) => out.split('\0').filter((p) => p !== '');
const pathspecs = (globs) => globs.map((g) => `:(glob)${g}`);
const isRunbook = (path) => /\.md$/i.test(path);

/**
 * Paths that differ from the base. A renamed file counts by its new name only: `runbook diff`
 * finds where it came from itself, and naming the old path too would show it deleted.
 */
function changedPaths(cwd, base, specs) {
  const fields = git(cwd, ['diff', '--name-status', '-M', '-z', base, '--', ...specs]).split('\0');
  const found = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i];
    if (status === '') {
      i += 1;
    } else if (/^[RC]/.test(status)) {
      found.push(fields[i + 2]);
      i += 3;
    } else {
      found.push(fields[i + 1]);
      i += 2;
    }
  }
  return found;
}

/**
 * @param {{ cwd: string, base: string, globs: string[], sharedValues: string | null }} options
 * @returns {{ runbooks: { path: string, present: boolean, why: string }[] }}
 * Throws with git's own words when the base cannot be compared (unknown ref, shallow clone).
 */
export function findChangedRunbooks({ cwd, base, globs, sharedValues }) {
  // The checkout is the pull request merged into its base: its difference with the base is
  // exactly what the pull request changes.
  const changed = changedPaths(cwd, base, pathspecs(globs)).filter(isRunbook);
  const current = new Set(paths(git(cwd, ['ls-files', '-z', '--', ...pathspecs(globs)])).filter(isRunbook));
  const valuesSpecs = [...pathspecs(globs.map((g) => g.replace(/\.md$/i, VALUES_SUFFIX))), ...(sharedValues ? [`:(literal)${sharedValues}`] : [])];
  const changedValues = changedPaths(cwd, base, valuesSpecs).filter((p) => p === sharedValues || p.endsWith(VALUES_SUFFIX));

  const why = new Map();
  for (const path of changed) why.set(path, 'changed');
  for (const values of changedValues) {
    if (values === sharedValues) {
      for (const path of current) if (!why.has(path) && !existsSync(join(cwd, ownValuesFile(path)))) why.set(path, `its values (${values}) changed`);
      continue;
    }
    const runbook = values.slice(0, -VALUES_SUFFIX.length) + '.md';
    if (current.has(runbook) && !why.has(runbook)) why.set(runbook, `its values (${values}) changed`);
  }
  const runbooks = [...why].map(([path, reason]) => ({ path, present: existsSync(join(cwd, path)), why: reason }));
  runbooks.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { runbooks };
}
