#!/usr/bin/env node
// Runs the bundled CLI (dist/cli.cjs, made by `npm install` through the prepare script) with a
// V8 code cache beside it: compiling a megabyte of JavaScript on every start would cost more
// than the work `runbook plan` does.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
let source;
try {
  source = readFileSync(bundle, 'utf8');
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
const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
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
const module = { exports: {} };
script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
