// Fixture: manual-steps.md. What in a shell block is not a command for this machine becomes a
// manual step (an attestation of kind manual, with its session); the commands around it stay.
import { describe, expect, it } from 'vitest';
import type { Runbook } from '../../../src/model/runbook.js';
import { parseRunbook } from '../../../src/parse/parse-runbook.js';
import { parseFixture, stepOf } from '../parse-fixture.js';

const block = (body: string, lang = 'bash'): Runbook => parseRunbook(`# T\n\n### 1. S\n\n\`\`\`${lang}\n${body}\n\`\`\`\n`);
const commandsOf = (runbook: Runbook): string[] => runbook.steps.flatMap((s) => s.commands.map((c) => c.text));
const manualOf = (runbook: Runbook): [string | undefined, string][] => runbook.steps.flatMap((s) => s.attestations.filter((a) => a.kind === 'manual').map((a): [string | undefined, string] => [a.manual?.reason, a.text]));

describe('manual steps of the fixture', () => {
  const runbook = parseFixture('manual-steps.md');
  const cases: { id: string; commands: string[]; reason: string; session?: string; first: string }[] = [
    { id: '1', commands: [], reason: 'message', first: '"Deploy is frozen, please hold"' },
    { id: '2', commands: ['echo "before the session"', 'echo "after the session"'], reason: 'remote-session', session: 'on db02 (ssh)', first: 'ssh db02' },
    { id: '3', commands: [], reason: 'client-input', session: 'in the mysql session opened by `mysql -u root -p`', first: 'mysql -u root -p' },
    { id: '4', commands: [], reason: 'client-input', session: 'in the sftp session opened by `sftp deploy@files.example.com`', first: 'sftp deploy@files.example.com' },
    { id: '5', commands: ['kubectl get pods'], reason: 'remote-session', session: 'in pod web-0 (kubectl exec)', first: 'kubectl exec -it web-0 -- sh' },
    { id: '6', commands: [], reason: 'remote-session', session: 'in pod web-1 (oc rsh)', first: 'oc rsh web-1' },
    { id: '7', commands: [], reason: 'comment-only', first: '# Post in #incidents that the rollback has started' },
    { id: '8', commands: [], reason: 'root-prompt', session: 'in a root shell (the `#` prompt)', first: '# systemctl restart nginx' },
    { id: '9', commands: [], reason: 'client-input', session: 'at the `postgres=#` prompt (psql)', first: 'postgres=# SELECT pg_is_in_recovery();' },
    { id: '10', commands: [], reason: 'interactive-session', session: 'in a shell as root (sudo -i)', first: 'sudo -i' },
  ];
  for (const c of cases) {
    it(`step ${c.id}: ${c.reason}${c.session ? `, ${c.session}` : ''}`, () => {
      const step = stepOf(runbook, c.id);
      expect(step.commands.map((command) => command.text)).toEqual(c.commands);
      const manual = step.attestations.filter((a) => a.kind === 'manual');
      expect(manual).toHaveLength(1);
      expect(manual[0]?.manual?.reason).toBe(c.reason);
      expect(manual[0]?.manual?.session).toBe(c.session);
      expect(manual[0]?.text.split('\n')[0]).toBe(c.first);
    });
  }

  it('no line typed into a session or a client is a command', () => {
    const all = commandsOf(runbook).join('\n');
    for (const line of ['systemctl status', 'SELECT', 'reget', 'ls /data', 'curl', 'rm -rf', 'ssh ', 'mysql', 'sftp', 'oc rsh', 'kubectl exec']) expect(all).not.toContain(line);
  });

  it('comments before a transcript say what it is about: only its `$ ` line runs', () => {
    expect(stepOf(runbook, '11').commands.map((c) => c.text)).toEqual(['pgrep -l nginx']);
    expect(stepOf(runbook, '11').attestations).toEqual([]);
  });
});

describe('what opens a session, and what does not', () => {
  it('commands given their input are commands', () => {
    for (const text of ["ssh db01 'uptime'", 'ssh db01 uptime', "mysql -u root -e 'SHOW DATABASES'", "psql -h db -c 'SELECT 1'", 'kubectl exec web-0 -- ls /data', 'redis-cli -h cache PING', "sqlite3 app.db 'SELECT 1'", "python3 -c 'print(1)'", 'echo "Deploy is frozen"']) {
      const runbook = block(text);
      expect(manualOf(runbook), text).toEqual([]);
      expect(commandsOf(runbook), text).toEqual([text]);
    }
  });

  it('a client fed by a heredoc or a pipe reads no keyboard', () => {
    const runbook = block("mysql -u root <<'SQL'\nSHOW DATABASES;\nSQL\necho done | psql");
    expect(manualOf(runbook)).toEqual([]);
    expect(commandsOf(runbook)).toHaveLength(1);
  });

  it('a session opened on another host inside a session is described with both', () => {
    const runbook = block('ssh db01\npsql -U postgres\nSELECT 1;\n\\q\nexit\necho back');
    expect(runbook.steps[0]?.attestations.map((a) => [a.manual?.session, a.text])).toEqual([
      // `psql` is typed on db01; what follows it is typed into psql there.
      ['on db01 (ssh)', 'ssh db01\npsql -U postgres'],
      ['in the psql session opened by `psql -U postgres`, on db01 (ssh)', 'SELECT 1;\n\\q'],
      ['on db01 (ssh)', 'exit'],
    ]);
    expect(commandsOf(runbook)).toEqual(['echo back']);
  });

  it('a session left open goes on into the step\'s next block', () => {
    const runbook = parseRunbook('# T\n\n### 1. S\n\n```bash\nssh db01\n```\n\nThen:\n\n```bash\nsystemctl restart app\nexit\n```\n\n```bash\necho local\n```\n');
    expect(manualOf(runbook).map(([, text]) => text)).toEqual(['ssh db01', 'systemctl restart app\nexit']);
    expect(commandsOf(runbook)).toEqual(['echo local']);
  });

  it('a session does not outlive its step', () => {
    const runbook = parseRunbook('# T\n\n### 1. S\n\n```bash\nssh db01\n```\n\n### 2. Next\n\n```bash\necho local\n```\n');
    expect(commandsOf(runbook)).toEqual(['echo local']);
  });

  it('a placeholder host is a session on a host known at run time', () => {
    const runbook = block('ssh <node>\nreboot');
    expect(runbook.steps[0]?.attestations[0]?.manual).toMatchObject({ reason: 'remote-session', program: 'ssh', target: '<node>', session: 'on <node> (ssh)' });
    expect(commandsOf(runbook)).toEqual([]);
  });

  it('a chat mention is a message; a quoted path is a command', () => {
    expect(manualOf(block('@here rollback starting in 5 minutes'))).toEqual([['message', '@here rollback starting in 5 minutes']]);
    expect(commandsOf(block('"/usr/local/bin/app" --version'))).toEqual(['"/usr/local/bin/app" --version']);
  });

  it('output pasted after a command is output: a header in capitals and the rows under it, a lone reply', () => {
    const table = 'NAME      READY   STATUS    RESTARTS   AGE\nredis-0   1/1     Running   0          3d\nredis-1   1/1     Running   2          3d';
    const runbook = block(`kubectl get pods -n cache\n${table}\nkubectl get svc -n cache`);
    expect(commandsOf(runbook)).toEqual(['kubectl get pods -n cache', 'kubectl get svc -n cache']);
    expect(manualOf(runbook)).toEqual([['sample-output', table]]);
    expect(manualOf(block('redis-cli -h cache-0 ping\nPONG'))).toEqual([['sample-output', 'PONG']]);
    expect(manualOf(block('kubectl top pod\nNAME   CPU(cores)   MEMORY(bytes)\nweb-0  3m           40Mi'))).toEqual([['sample-output', 'NAME   CPU(cores)   MEMORY(bytes)\nweb-0  3m           40Mi']]);
  });

  it('a sentence typed into a block, or a table of output with a header in title case, is no command', () => {
    const message = 'Rolling back orders-api to v1.4.2 now, expect 5 minutes of 502s';
    expect(commandsOf(block(message))).toEqual([]);
    expect(manualOf(block(message))).toEqual([['message', message]]);
    expect(manualOf(block('Please wait until the pods are ready'))).toEqual([['message', 'Please wait until the pods are ready']]);
    const table = 'Filesystem      Size  Used Avail Use% Mounted on\n/dev/nvme1n1    500G  480G   20G  96% /var/lib/postgresql';
    const runbook = block(`df -h /var/lib/postgresql\n${table}`);
    expect(commandsOf(runbook)).toEqual(['df -h /var/lib/postgresql']);
    expect(manualOf(runbook)).toEqual([['sample-output', table]]);
    for (const command of ['Rscript report.R', 'Xvfb :99 -screen 0 1024x768x24', 'Done']) expect(commandsOf(block(command)), command).toEqual([command]);
  });

  it('a block the text right before it says not to run is never run: shown, and asked about', () => {
    const doc = (intro: string, body = 'kubectl delete ns production'): Runbook => parseRunbook(`# T\n\n### 1. S\n\n${intro}\n\n\`\`\`bash\n${body}\n\`\`\`\n`);
    for (const intro of ['Wrong:', '**Wrong:**', '❌ Bad', 'Do **not** run the following, it deletes the data:', "Don't do this:", 'Never use this on production:', 'Avoid running this by hand:', '1. Do not run:']) {
      const runbook = doc(intro);
      expect(commandsOf(runbook), intro).toEqual([]);
      expect(manualOf(runbook), intro).toEqual([['counter-example', 'kubectl delete ns production']]);
    }
    for (const intro of ['Right:', 'Instead, promote:', 'If the restore fails, do not retry; run:', 'Run the following:', 'Do the following:']) {
      expect(commandsOf(doc(intro, 'kubectl get ns')), intro).toEqual(['kubectl get ns']);
    }
  });

  it('a block right after "Example:" illustrates: shown, never run', () => {
    for (const intro of ['Example:', '**For example:**', 'For instance:', 'e.g.']) {
      const runbook = parseRunbook(`# T\n\n### 1. S\n\n\`\`\`bash\nkubectl rollout restart deploy/api\n\`\`\`\n\n${intro}\n\n\`\`\`bash\nkubectl rollout restart deploy/api-canary\n\`\`\`\n`);
      expect(commandsOf(runbook), intro).toEqual(['kubectl rollout restart deploy/api']);
      expect(manualOf(runbook), intro).toEqual([['example', 'kubectl rollout restart deploy/api-canary']]);
    }
  });

  it('a command with capitals in it, or set out in columns, is still a command', () => {
    for (const command of ['AWS_PROFILE=prod aws s3 ls', 'echo NAME READY', 'export KUBECONFIG=/tmp/k', 'kubectl get pods  -n cache  -o wide', 'X', '"NAME" ok', 'make DEPLOY']) {
      expect(commandsOf(block(command))).toEqual([command]);
    }
  });

  it('a prompt inside a heredoc body is the body, not a client', () => {
    const runbook = block("cat > notes.txt <<'EOF'\nmysql> not a prompt here\nEOF");
    expect(manualOf(runbook)).toEqual([]);
    expect(commandsOf(runbook)).toEqual(["cat > notes.txt <<'EOF'\nmysql> not a prompt here\nEOF"]);
  });

  it('a block that is all commands stays exactly as written, blank lines and comments included', () => {
    expect(commandsOf(block('# first\necho a\n\necho b'))).toEqual(['# first\necho a\n\necho b']);
  });
});

describe('blocks the text says to type on another machine', () => {
  const doc = (intro: string, body = 'sudo systemctl stop postgresql'): Runbook => parseRunbook(`# T\n\n### 1. S\n\n${intro}\n\n\`\`\`bash\n${body}\n\`\`\`\n`);
  it('are manual steps there, never run here', () => {
    for (const [intro, where] of [['On the database host, run:', 'on the database host'], ['On `db01.internal`:', 'on `db01.internal`'], ['Log in to the primary (`db01`) and run:', 'on the primary'], ['Run the following on each web node:', 'on each web node'], ['On all nodes, run:', 'on all nodes'], ['SSH into the bastion and run:', 'on the bastion']]) {
      const runbook = doc(intro as string);
      expect(commandsOf(runbook), intro).toEqual([]);
      expect(runbook.steps[0]?.attestations[0]?.manual, intro).toMatchObject({ reason: 'elsewhere', session: where });
    }
    const heading = parseRunbook('# T\n\n### On each web node\n\n```bash\nsudo systemctl restart nginx\n```\n');
    expect(manualOf(heading)).toEqual([['elsewhere', 'sudo systemctl restart nginx']]);
  });

  it('run here when the text names the operator\'s own machine, no machine, or the commands go there themselves', () => {
    for (const intro of ['On your laptop, run:', 'In your terminal:', 'In the cluster, run:', 'On staging:', 'On macOS:', 'On v1.2.3:', 'Check the pods on each node:']) {
      expect(commandsOf(doc(intro)), intro).toEqual(['sudo systemctl stop postgresql']);
    }
    for (const body of ["ssh db01 'sudo systemctl stop postgresql'", 'kubectl -n db exec pg-0 -- pg_ctl stop', '$ ssh db01 uptime']) {
      expect(commandsOf(doc('On the database host:', body)).length, body).toBe(1);
    }
  });
});
