// Types for gh.mjs (plain JavaScript, no build step): what the tests use.

/** Runs the sandbox gh with `argv`, writing to `stdout` and `stderr`; returns its exit code. */
export function main(argv: string[], options: { defaultState: string; stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } }): number;
