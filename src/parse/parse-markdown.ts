// Markdown → mdast. One processor, made on first use.
//
// Of GitHub's extensions only tables and task-list items mean anything to a runbook, so only
// those two are added (remark-gfm would also bring autolinks, footnotes and strikethrough, which
// cost start-up and parse time on every `runbook plan` and change nothing we read).
import type { Root } from 'mdast';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

let processor: ReturnType<typeof createProcessor> | undefined;

/** A remark plugin with the table and task-list parts of GitHub Flavored Markdown. */
function remarkTablesAndTasks(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

function createProcessor() {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkTablesAndTasks);
}

export function parseMarkdown(text: string): Root {
  processor ??= createProcessor();
  return processor.parse(text);
}
