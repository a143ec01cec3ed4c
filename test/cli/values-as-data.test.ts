// Placeholders and values as the spawned CLI reads them (SPEC §2): every form a reader must fill,
// what is not one, names that are not placeholders, typos in --set, and bytes that are not UTF-8.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSchema } from '../../src/plan/plan-schema.js';
import { runCli } from './run-cli.js';
import { runCliInProcess } from './run-cli-in-process.js';

function tempFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-values-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

const fence = (body: string): string => `# V\n\n### 1. Run\n\n\`\`\`sh\n${body}\n\`\`\`\n`;

describe('values a reader must fill', () => {
  it('lists each form with the token as written, and nothing that is shell', async () => {
    const file = tempFile('forms.md', fence([
      'kubectl -n [NAMESPACE] get pods',
      'pg_dump > backup-YYYYMMDD.sql',
      'curl -u admin:your_password https://x',
      'echo {{ image }} ${{ values.tag }}',
      'cp "${BACKUP_FILE}" /restore',
      'echo "${DEFAULTED:-x}"',
      'ls [0-9]*.log [abc]; [[ -f x ]] && arr[IDX]=1',
      '# see [TICKET] and <later>',
    ].join('\n')));
    const { code, stdout } = await runCliInProcess(['plan', file, '--format', 'json']);
    expect(code).toBe(0);
    const plan = planSchema.parse(JSON.parse(stdout));
    expect(plan.missing.map((m) => [m.name, m.tokens])).toEqual([
      ['namespace', ['[NAMESPACE]']],
      ['yyyymmdd', ['YYYYMMDD']],
      ['your_password', ['your_password']],
      ['image', ['{{ image }}']],
      ['values.tag', ['${{ values.tag }}']],
      ['BACKUP_FILE', ['${BACKUP_FILE}']],
    ]);
    expect(plan.missing.find((m) => m.name === 'BACKUP_FILE')?.environment).toEqual(['BACKUP_FILE', 'RUNBOOK_BACKUP_FILE']);
  });

  it('runs nothing until each is given, and takes a shell variable from the environment', async () => {
    const file = tempFile('given.md', fence('echo [NAMESPACE] ${BACKUP_FILE}'));
    expect((await runCliInProcess(['plan', file, '--set', 'namespace=prod'], { env: { BACKUP_FILE: '/b/x.sql' } })).stdout).not.toContain('Missing values');
    const missing = runCli(['exec', file, '--no-record']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no value for \[NAMESPACE\] \(used at .*given\.md:6:\d+\); give it with --set namespace=…/);
    expect(missing.stderr).toMatch(/no value for \$\{BACKUP_FILE\}.*BACKUP_FILE or RUNBOOK_BACKUP_FILE/);
  });

  it('fills a declared name whatever it holds, and looks names up as own properties only', async () => {
    const file = tempFile('names.md', `---\nparams:\n  _ns:\n    default: prod\n---\n${fence('kubectl -n <_ns> get pods; echo <toString>')}`);
    const { code, stdout } = await runCliInProcess(['plan', file, '--format', 'json']);
    expect(code).toBe(0);
    const plan = planSchema.parse(JSON.parse(stdout));
    expect(plan.steps[0]?.commands[0]?.display).toBe('kubectl -n prod get pods; echo <toString>');
    expect(plan.missing.map((m) => m.name)).toEqual(['toString']);
  });
});

describe('bad input', () => {
  it('refuses --set for a name the runbook does not have, naming the nearest one', async () => {
    const file = tempFile('typo.md', `---\nparams:\n  revision:\n    default: "1"\n---\n${fence('helm rollback web <revision>')}`);
    const { code, stdout, stderr } = await runCliInProcess(['plan', file, '--set', 'revison=41']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--set revison: the runbook has no value named "revison"; did you mean "revision"?');
  });

  it('reports a <…> that is no placeholder, where bash would read redirections, as a lint error with its place', async () => {
    const file = tempFile('invalid.md', fence('echo <_x> done'));
    const { code, stdout } = await runCliInProcess(['lint', file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/invalid\.md:6:6 {2}error {2}`<_x>` looks like a placeholder but is not one.*invalid-placeholder/);
  });

  it('reports a command bash cannot parse as a lint error with its place', async () => {
    const file = tempFile('syntax.md', fence('echo "abc'));
    const { code, stdout } = await runCliInProcess(['lint', file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/syntax\.md:6:\d+ {2}error {2}.*bash cannot parse this command.*shell-syntax/);
  });

  it('refuses a runbook that is not UTF-8, at the first bad byte, instead of guessing', async () => {
    const file = tempFile('latin1.md', Buffer.concat([Buffer.from('# V\n\n### 1. Run\n\n```sh\necho caf'), Buffer.from([0xe9]), Buffer.from('\n```\n')]));
    const plan = await runCliInProcess(['plan', file]);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toMatch(/latin1\.md:6:9: The runbook is not valid UTF-8 here/);
    const lint = await runCliInProcess(['lint', file]);
    expect(lint.stdout).toMatch(/latin1\.md:6:9 {2}error {2}The runbook is not valid UTF-8 here.*invalid-utf8/);
  });
});
