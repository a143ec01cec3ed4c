// Frontmatter: YAML between `---` lines is read into settings and params; TOML (`+++`) is reported.
import type { FrontmatterBlock } from '../document/blocks.js';
import { readFrontmatter } from '../read-frontmatter.js';
import type { StepReader } from '../step-reader.js';

export function readFrontmatterBlock(reader: StepReader, block: FrontmatterBlock): void {
  if (block.format === 'toml') {
    reader.report({ severity: 'error', ruleId: 'frontmatter-toml', message: 'Unexpected TOML frontmatter (`+++`), expected YAML between `---` lines', position: block.position });
    return;
  }
  reader.frontmatter = readFrontmatter(block.value, block.position, reader.diagnostics);
}
