// Finds the shipped record template. It sits in the package's `templates/` folder, which is
// two levels above this file in the sources and one above it in the bundle (`dist/cli.cjs`),
// so look upwards instead of hard-coding one layout.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_TEMPLATE_NAME = 'ROLLBACK_DRILL_TEMPLATE.md';

let cached: string | undefined;

export function defaultTemplatePath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'templates', DEFAULT_TEMPLATE_NAME);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`The default record template (templates/${DEFAULT_TEMPLATE_NAME}) is missing from the installation.`);
}

/** The shipped template's text, read once. */
export function readDefaultTemplate(): string {
  cached ??= readFileSync(defaultTemplatePath(), 'utf8');
  return cached;
}
