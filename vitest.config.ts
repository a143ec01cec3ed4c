import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-properties.ts', 'test/shell/setup-shell-parser.ts'],
    // Most test time is spent waiting on the processes tests start (bash, the CLI, tmux), so
    // more files run at once than there are cores; vitest's default is one fewer than the cores.
    maxWorkers: 3,
    // Files share a worker's loaded modules instead of importing the sources again, file after
    // file (a third of the suite's CPU). Tests restore what they change (cwd, env, argv), and
    // the suite passes in a shuffled file order (--sequence.shuffle.files) as well.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
