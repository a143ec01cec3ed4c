// Nothing of a secret escapes, whatever cuts the text it is in: every output channel of a run
// (plain lines, NDJSON, journal, step logs, record, JUnit, the step summary, the dry run and
// the plan) is scanned for any 12-character piece of each secret.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { runbook, useSessions } from './session-harness.js';

const workspace = useSessions();

const password = 'Zq9-vault!Kx7#pass-Long_2026';
const apiToken = 'tkn-abcdefghijklmnop-123456';
const deployKey = 'lit-Deploy-Key-0042';

/** Every 12-character piece of `secret` that `text` holds. */
function leaks(text: string, secret: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i + 12 <= secret.length; i += 1) if (text.includes(secret.slice(i, i + 12))) found.add(secret.slice(i, i + 12));
  return [...found];
}

function expectNoLeak(channels: { name: string; text: string }[]): void {
  for (const { name, text } of channels) {
    expect(leaks(text, password), name).toEqual([]);
    expect(leaks(text, apiToken), name).toEqual([]);
    expect(leaks(text, deployKey), name).toEqual([]);
  }
}

const leaky = runbook('Leaky', [
  // A secret straddling the 64 KiB cut of a long line, and a matcher that names it.
  ['Long line', "- **Command:** `head -c 65530 /dev/zero | tr '\\0' x; echo \"<db-password>-and-more\"`", '- **Expected Outcome:** `stdout contains "<db-password>"`'],
  // The 8 KiB kept of the output ends inside the secret; the failed matcher's evidence quotes the last line.
  ['Tail cut', "- **Command:** `echo \"<db-password>$(head -c 8180 /dev/zero | tr '\\0' y)\"`", '- **Expected Outcome:** `stdout contains "<db-password>y"` and `stdout contains "nowhere"`', '- **Continue on error:** yes'],
  // A param placed in an env var named like a secret is one.
  ['Env', '- **Command:** `echo "token=$API_TOKEN key=$DEPLOY_KEY"`', '- **Env:** `API_TOKEN=<api-token>`', '- **Env:** `DEPLOY_KEY=lit-Deploy-Key-0042`'],
], `
params:
  db-password:
    secret: true
  api-token:
    description: the API token
`);

describe('masking before cutting, in every channel', () => {
  it('a run leaves no piece of a secret in its output, journal, logs, record, JUnit or step summary', async () => {
    const ws = workspace();
    ws.write('leaky.md', leaky);
    const summary = join(ws.dir, 'summary.md');
    const set = [`db-password=${password}`, `api-token=${apiToken}`];
    const channels: { name: string; text: string }[] = [];
    for (const json of [false, true]) {
      const result = await ws.exec('leaky.md', { set, junit: 'junit.xml', json }, { env: { GITHUB_STEP_SUMMARY: summary } });
      expect(result.code).toBe(1);
      channels.push({ name: `stdout (json ${json})`, text: result.stdout }, { name: `stderr (json ${json})`, text: result.stderr });
      channels.push({ name: `junit (json ${json})`, text: readFileSync(join(ws.dir, 'junit.xml'), 'utf8') });
    }
    channels.push({ name: 'step summary', text: readFileSync(summary, 'utf8') });
    const artefacts = ws.artefacts();
    expect(artefacts.filter((a) => a.path.endsWith('.log')).length).toBeGreaterThan(0);
    channels.push(...artefacts.map((a) => ({ name: a.path, text: a.text })));
    expectNoLeak(channels);
    // The masking is there, not an empty output: the matcher passed and says so, masked.
    const verdicts = ws.journals()[0]?.filter((e) => e.type === 'verdict').map((e) => e.type === 'verdict' && e.outcome) ?? [];
    expect(verdicts).toContainEqual(expect.objectContaining({ expected: 'stdout contains "<db-password>"', verdict: 'verified', matcher: expect.objectContaining({ text: '***' }), evidence: expect.stringMatching(/x\*\*\*-and-more$/) }));
    expect(verdicts).toContainEqual(expect.objectContaining({ expected: 'stdout contains "nowhere"', verdict: 'failed' }));
    const log = artefacts.find((a) => a.path.endsWith(join('logs', '1.log')))?.text ?? '';
    expect(log).toContain('x***-and-more');
    expect(channels[0]?.text).toContain('token=*** key=***');
  });

  it('the dry run and the plan show a param placed in a secret-named env var, and a literal secret-named env value, as ***', async () => {
    const ws = workspace();
    ws.write('leaky.md', leaky);
    const set = [`db-password=${password}`, `api-token=${apiToken}`];
    const dry = await ws.exec('leaky.md', { set, dryRun: true });
    expect(dry.code).toBe(0);
    const plans = ['text', 'json', 'markdown'].map((format) => runCli(['plan', 'leaky.md', '--format', format, ...set.flatMap((s) => ['--set', s])], { cwd: ws.dir }));
    for (const plan of plans) expect(plan.code).toBe(0);
    expectNoLeak([
      { name: 'dry run stdout', text: dry.stdout },
      { name: 'dry run stderr', text: dry.stderr },
      ...plans.map((p, i) => ({ name: `plan ${i}`, text: p.stdout + p.stderr })),
      ...ws.artefacts().map((a) => ({ name: a.path, text: a.text })),
    ]);
    const json = JSON.parse(plans[1]?.stdout ?? '{}') as { steps: { env: Record<string, string> }[]; params: { name: string; value?: string }[] };
    // The entry says where its value comes from; a literal one is hidden.
    expect(json.steps[2]?.env).toEqual({ API_TOKEN: '<api-token>', DEPLOY_KEY: '***' });
    expect(json.params.find((p) => p.name === 'api-token')?.value).toBe('***');
  });
});
