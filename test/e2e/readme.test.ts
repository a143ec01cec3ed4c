// The README shows what the program prints. Each runbook example in it is followed by a
// `$ runbook plan FILE …` block: the example is written to FILE, planned by the spawned CLI, and
// the output must be the one the README shows. `runbook --help` likewise.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoDir, runCli, tempDirs } from './helpers.js';

const temp = tempDirs();
const readme = readFileSync(join(repoDir, 'README.md'), 'utf8');

interface Block {
  lang: string;
  body: string;
}

/** Top-level fenced blocks, in order (a longer fence may hold shorter ones). */
function fencedBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = lines[i]!.match(/^(`{3,})(\S*)\s*$/);
    if (!open) continue;
    const close = lines.findIndex((l, j) => j > i && l === open[1]);
    blocks.push({ lang: open[2]!, body: lines.slice(i + 1, close).join('\n') });
    i = close;
  }
  return blocks;
}

const blocks = fencedBlocks(readme);
const examples = blocks.flatMap((block, i) => {
  const next = blocks[i + 1];
  const command = next?.body.match(/^\$ runbook plan (\S+)(.*)$/m);
  if (block.lang !== 'markdown' || !next || !command) return [];
  return [{ file: command[1]!, args: command[2]!.trim().split(/\s+/).filter(Boolean), runbook: `${block.body}\n`, shown: next.body.slice(next.body.indexOf('\n') + 1) }];
});

describe('README', () => {
  it('has a planned example for each of the three styles', () => {
    expect(examples.map((e) => e.file)).toEqual(['checkout-rollback.md', 'cache-flush.md', 'go-no-go.md']);
  });

  it.each(examples)('shows what `runbook plan $file` prints', async ({ file, args, runbook, shown }) => {
    const dir = await temp('runbook-e2e-readme-');
    await writeFile(join(dir, file), runbook);
    const result = await runCli(['plan', file, ...args], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.trimEnd()).toBe(shown.trimEnd());
    const lint = await runCli(['lint', file], dir);
    expect(lint.code).toBe(0);
  });

  it('shows what `runbook --help` prints', async () => {
    const help = blocks.find((b) => b.body.startsWith('$ runbook --help\n'));
    expect(help).toBeDefined();
    const result = await runCli(['--help'], repoDir);
    expect(result.stdout.trimEnd()).toBe(help!.body.slice('$ runbook --help\n'.length).trimEnd());
  });
});
