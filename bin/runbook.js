#!/usr/bin/env node
// Runs a bundled CLI (dist/, made by the build: `npm install` runs it through the prepare
// script) with a V8 code cache beside it: compiling a megabyte of JavaScript on every start
// would cost more than the work `runbook plan` does. CommonJS (bin/package.json), since Node
// starts a CommonJS entry sooner than an ES module one.
'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');
// The shell parser sets this flag when it loads (src/shell/load-shell-parser.ts). V8 stamps a code
// cache with the flags in force: set it before the bundle is compiled, or the cache written at
// exit never matches the next start and every run compiles the bundle again.
require('node:v8').setFlagsFromString('--liftoff-only');

// The commands dist/read.cjs leaves out (all but READ_COMMANDS in scripts/build.mjs); it serves
// everything else, help and --version included, with less to load.
const FULL_COMMANDS = new Set(['exec', 'resume', 'record', 'runs', 'diff', 'drills']);
const bundle = join(__dirname, '..', 'dist', FULL_COMMANDS.has(process.argv[2]) ? 'cli.cjs' : 'read.cjs');
let source;
try {
  // The build writes the bundles in ASCII (scripts/build.mjs): read as one byte a character, with
  // no UTF-8 to decode.
  source = readFileSync(bundle, 'latin1');
} catch {
  process.stderr.write('runbook: the build is missing; run `npm install` (or `npm run build`) in the runbook folder.\n');
  process.exit(2);
}
const cacheFile = `${bundle}.${process.version}-${process.arch}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// The bundle is written as a module function (scripts/build.mjs): running the script returns it.
const script = new vm.Script(source, { filename: bundle, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  // Written at exit, so the functions this run compiled are in it too. A read-only install
  // simply runs without a cache.
  process.once('exit', () => {
    try {
      const temp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
    } catch {
      // No cache this time.
    }
  });
}
const module_ = { exports: {} };
script.runInThisContext().call(module_.exports, module_.exports, Module.createRequire(bundle), module_, bundle, dirname(bundle));
