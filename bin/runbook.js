#!/usr/bin/env node
// The built CLI lives in dist/ (made by `npm install` through the prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('runbook: the build is missing; run `npm install` (or `npm run build`) in the runbook folder.\n');
  process.exit(2);
}
await import(entry.href);
