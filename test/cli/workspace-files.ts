// A temporary workspace as the tests read it, whether the CLI ran in it as a process
// (runs-harness.ts) or in-process (test/exec/session-harness.ts): its files, its runs and records.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export class WorkspaceFiles {
  readonly dir: string;

  constructor(prefix: string) {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
  }

  /** Writes a file (a runbook, a fake tool) into the workspace; returns its path. */
  write(name: string, text: string, options: { executable?: boolean } = {}): string {
    const path = join(this.dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    if (options.executable) chmodSync(path, 0o755);
    return path;
  }

  read(name: string): string {
    return readFileSync(join(this.dir, name), 'utf8');
  }

  exists(name: string): boolean {
    return existsSync(join(this.dir, name));
  }

  /** Run ids in this workspace, oldest first (ids start with their start time). */
  runIds(): string[] {
    const dir = join(this.dir, '.runbook', 'runs');
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  }

  onlyRunId(): string {
    const ids = this.runIds();
    if (ids.length !== 1) throw new Error(`expected one run, found ${ids.length}: ${ids.join(', ')}`);
    return ids[0] as string;
  }

  journalText(runId: string): string {
    const path = join(this.dir, '.runbook', 'runs', runId, 'journal.jsonl');
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  }

  /** Records under a folder (default: the default record folder), relative to it, sorted. */
  records(folder = join('docs', 'releases', 'rollback-drills')): string[] {
    const dir = join(this.dir, folder);
    return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).sort() : [];
  }
}
