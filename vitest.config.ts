import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-properties.ts', 'test/shell/setup-shell-parser.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
