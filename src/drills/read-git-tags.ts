// The repository's tags with the date each was made: the tagger's date for an annotated tag,
// the commit's for a lightweight one (git's `creatordate`), so a release cut is dated when it
// was tagged, not when its last commit was written.
import { execFileSync } from 'node:child_process';

export interface GitTag {
  name: string;
  /** ISO 8601 instant, UTC; null for the rare tag git gives no date (one of a tree or a blob). */
  date: string | null;
}

export type GitTagsResult = { ok: true; tags: GitTag[] } | { ok: false; problem: string };

export function readGitTags(cwd: string): GitTagsResult {
  let out: string;
  try {
    // A tab cannot be part of a ref name, so it safely ends the name.
    out = execFileSync('git', ['for-each-ref', '--format=%(refname:strip=2)%09%(creatordate:iso-strict)', 'refs/tags'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') return { ok: false, problem: 'git is not installed (or not on PATH); the release tags come from `git tag`' };
    const reason = (e.stderr ?? '').trim().split('\n')[0] || e.message;
    if (/not a git repository/i.test(reason)) return { ok: false, problem: 'not inside a git repository: the release tags to check come from `git tag`' };
    return { ok: false, problem: `cannot read the release tags with git in ${cwd}: ${reason}` };
  }
  const tags = out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [name = '', date = ''] = line.split('\t');
      const time = date === '' ? Number.NaN : Date.parse(date);
      return { name, date: Number.isNaN(time) ? null : new Date(time).toISOString() };
    });
  return { ok: true, tags };
}
