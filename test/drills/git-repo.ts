// A real git repository in a temporary folder, for tests that read tags and history: commits and
// tags with the dates a test gives, and no user or system git configuration read.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

export interface GitRepo {
  dir: string;
  git: (args: string[], date?: string) => string;
  write: (path: string, text: string) => void;
  /** Adds everything and commits; returns the commit. */
  commit: (message: string, date?: string) => string;
  /** An annotated tag made at `date` (its tagger date), or a lightweight one. */
  tag: (name: string, date: string, options?: { lightweight?: boolean }) => void;
}

const isolated = (date?: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  for (const key of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[key];
  if (date !== undefined) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return env;
};

/** Repositories removed when the calling file's tests end. */
export function gitRepos(): () => GitRepo {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-git-'));
    dirs.push(dir);
    const git = (args: string[], date?: string): string =>
      execFileSync('git', ['-c', 'user.name=Dana Reyes', '-c', 'user.email=dana@example.com', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: dir, env: isolated(date), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    git(['init', '-q', '-b', 'main']);
    return {
      dir,
      git,
      write: (path, text) => {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      },
      commit: (message, date) => {
        git(['add', '-A']);
        git(['commit', '-q', '--allow-empty', '-m', message], date);
        return git(['rev-parse', 'HEAD']).trim();
      },
      tag: (name, date, options = {}) => {
        if (options.lightweight) git(['tag', name], date);
        else git(['tag', '-a', name, '-m', `Release ${name}`], date);
      },
    };
  };
}
