// Markdown → mdast. One processor, made on first use: plugins are cheap to reuse, costly to rebuild.
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

let processor: ReturnType<typeof createProcessor> | undefined;

function createProcessor() {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm);
}

export function parseMarkdown(text: string): Root {
  processor ??= createProcessor();
  return processor.parse(text);
}
