// End-to-end helpers: the real CLI (bin/runbook.js over the dist/ bundle the global setup built)
// and the demo script, spawned as a user would, in fresh sandboxes; and readers for the Markdown
// drill record, so tests can check it field by field.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { createSandbox, type Sandbox, type Scenario } from '../../examples/sandbox/create-sandbox.mjs';

export const repoDir = fileURLToPath(new URL('../..', import.meta.url));
export const binFile = join(repoDir, 'bin', 'runbook.js');
export const demoFile = join(repoDir, 'scripts', 'demo.mjs');

export interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a spawned CLI: the caller's, without anything that would change its output. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('RUNBOOK_') || key === 'GITHUB_STEP_SUMMARY' || key === 'FORCE_COLOR' || key === 'GIT_DIR' || key === 'GIT_WORK_TREE') delete env[key];
  }
  Object.assign(env, { NO_COLOR: '1' }, extra);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env as NodeJS.ProcessEnv;
}

/** Spawns a program with no terminal (pipes only) and collects its output. */
export function spawnCollect(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; onStdout?: (text: string, child: ReturnType<typeof spawn>) => void }): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      options.onStdout?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `runbook ARGS…` in `cwd`, with the sandbox environment when one is given. */
export function runCli(args: string[], cwd: string, sandbox?: Sandbox, extraEnv: Record<string, string | undefined> = {}): Promise<Spawned> {
  return spawnCollect(process.execPath, [binFile, ...args], { cwd, env: cleanEnv({ ...sandbox?.env, ...extraEnv }) });
}

/** Temporary folders removed when the calling file's tests end. */
export function tempDirs(): (prefix?: string) => Promise<string> {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  return async (prefix = 'runbook-e2e-') => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

/** Fresh sandboxes, removed when the calling file's tests end. */
export function sandboxes(): (scenario: Scenario) => Promise<Sandbox> {
  const temp = tempDirs();
  return async (scenario) => createSandbox({ dir: await temp('runbook-e2e-sandbox-'), scenario });
}

// --- Reading a drill record --------------------------------------------------------------------

/** The lines of `## Title` (or `### Title`), up to the next heading of the same or a higher level. */
export function section(record: string, title: string, level = 2): string[] {
  const lines = record.split('\n');
  const marker = `${'#'.repeat(level)} ${title}`;
  const start = lines.indexOf(marker);
  if (start < 0) throw new Error(`the record has no section "${marker}"`);
  const end = lines.findIndex((l, i) => i > start && /^#{1,6} /.test(l) && l.indexOf(' ') <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** `- **Label:** value` in the given lines (the first one), or undefined. */
export function field(lines: string[] | string, label: string): string | undefined {
  const all = typeof lines === 'string' ? lines.split('\n') : lines;
  const prefix = `- **${label}:** `;
  return all.find((l) => l.startsWith(prefix))?.slice(prefix.length);
}

/**
 * The Markdown tables in the given lines, each as rows of cells (header row first, the `|---|`
 * row left out). Escaped pipes (`\|`) stay inside their cell.
 */
export function tables(lines: string[]): string[][][] {
  const found: string[][][] = [];
  let current: string[][] | undefined;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    if (/^\|(\s*:?-+:?\s*\|)+$/.test(line)) continue;
    const cells = line
      .slice(1, line.endsWith('|') ? -1 : undefined)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
    if (!current) {
      current = [];
      found.push(current);
    }
    current.push(cells);
  }
  return found;
}

/** A table as objects keyed by its header cells. */
export function rowsOf(table: string[][] | undefined): Record<string, string>[] {
  if (!table) throw new Error('no such table');
  const [header, ...rows] = table;
  return rows.map((cells) => Object.fromEntries((header ?? []).map((h, i) => [h, cells[i] ?? ''])));
}

/** The body of the first fenced block after a line that starts with `after`. */
export function fenceAfter(lines: string[], after: string): string {
  const start = lines.findIndex((l) => l.startsWith(after));
  if (start < 0) throw new Error(`no line starts with ${JSON.stringify(after)}`);
  const open = lines.findIndex((l, i) => i > start && /^(`{3,}|~{3,})/.test(l));
  const fence = (lines[open] ?? '').match(/^(`{3,}|~{3,})/)?.[1] ?? '```';
  const close = lines.findIndex((l, i) => i > open && l === fence);
  return lines.slice(open + 1, close).join('\n');
}

// --- Reading Markdown -----------------------------------------------------------------------------

export interface Block {
  lang: string;
  body: string;
}

/** Outermost fenced blocks, in order, list-item indentation removed (a longer fence may hold shorter ones). */
export function fencedBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = lines[i]!.match(/^( *)(`{3,})(\S*)\s*$/);
    if (!open) continue;
    const [, indent = '', fence = ''] = open;
    const close = lines.findIndex((l, j) => j > i && l === `${indent}${fence}`);
    blocks.push({ lang: open[3]!, body: lines.slice(i + 1, close).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n') });
    i = close;
  }
  return blocks;
}
