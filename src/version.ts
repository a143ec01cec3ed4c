// Set by the bundler (scripts/build.mjs); tests that import src/ directly read package.json's value.
declare const RUNBOOK_VERSION: string | undefined;

export const engineVersion: string = typeof RUNBOOK_VERSION === 'string' ? RUNBOOK_VERSION : '0.0.0-dev';
