// Types for cli.mjs (plain JavaScript, no build step): what the tests use.

/** kubectl's `-o jsonpath=TEMPLATE` over an object; throws a UsageError as kubectl fails. */
export function renderJsonPath(template: string, obj: unknown): string;
