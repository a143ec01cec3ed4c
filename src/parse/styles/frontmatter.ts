// Frontmatter: YAML between `---` lines, or TOML between `+++` lines (Hugo), read into the same settings and params.
import type { FrontmatterBlock } from '../document/blocks.js';
import { readFrontmatter } from '../read-frontmatter.js';
import type { StepReader } from '../step-reader.js';

export function readFrontmatterBlock(reader: StepReader, block: FrontmatterBlock): void {
  reader.frontmatter = readFrontmatter(block.value, block.position, reader.diagnostics, block.format);
}
