// The rules about what is not a command and what needs a person: each by its own example, made
// right, and the fix each one names.
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { lintRunbook } from '../../src/lint/lint-runbook.js';
import type { Diagnostic } from '../../src/model/runbook.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';

const lint = (markdown: string): Diagnostic[] => {
  const runbook = parseRunbook(markdown);
  return lintRunbook(runbook, buildGraph(runbook).diagnostics);
};
const step = (body: string, lang = 'bash', frontmatter = ''): string => `${frontmatter}# T\n\n### 1. S\n\n\`\`\`${lang}\n${body}\n\`\`\`\n`;

const examples: { rule: string; bad: string; good: string; fix: RegExp }[] = [
  { rule: 'manual-remote-session', bad: step('ssh db01\nsystemctl restart app\nexit'), good: step("ssh db01 'systemctl restart app'"), fix: /`ssh db01 'systemctl restart app'`/ },
  { rule: 'manual-remote-session', bad: step('kubectl exec -it web-0 -- sh\nls /data\ndf -h'), good: step('kubectl exec web-0 -- sh -c \'ls /data; df -h\''), fix: /`kubectl exec -i web-0 -- sh <<'EOF'`/ },
  { rule: 'manual-interactive-session', bad: step('sudo -i\nsystemctl restart app'), good: step('sudo systemctl restart app'), fix: /`sudo systemctl restart app`/ },
  { rule: 'manual-client-input', bad: step('psql -h db -U app\nSELECT count(*) FROM jobs;'), good: step("psql -h db -U app -c 'SELECT count(*) FROM jobs;'"), fix: /`psql -h db -U app -c 'SELECT count\(\*\) FROM jobs;'`/ },
  { rule: 'manual-client-input', bad: step('mysql -u root -p\nSHOW DATABASES;\nSHOW PROCESSLIST;'), good: step("mysql -u root <<'SQL'\nSHOW DATABASES;\nSHOW PROCESSLIST;\nSQL"), fix: /`mysql -u root -p <<'EOF'` with the lines, then `EOF`/ },
  { rule: 'manual-client-input', bad: step('mysql> SHOW DATABASES;'), good: step("mysql -e 'SHOW DATABASES;'"), fix: /on the command line or as a heredoc/ },
  { rule: 'manual-message', bad: step('"Rollback starting, please hold deploys"'), good: step('echo "Rollback starting, please hold deploys"'), fix: /outside the code block, or `echo` it/ },
  { rule: 'manual-comment-only', bad: step('# restart the workers from the admin page'), good: '# T\n\n### 1. S\n\n- [ ] Workers restarted from the admin page\n', fix: /task item/ },
  { rule: 'manual-sample-output', bad: step('kubectl get pods\nNAME    READY   STATUS\nweb-0   1/1     Running'), good: '# T\n\n### 1. S\n\n```bash\nkubectl get pods\n```\n\nExpected output:\n\n```text\nNAME    READY   STATUS\nweb-0   1/1     Running\n```\n', fix: /`text` block after an "Expected output:" line/ },
  { rule: 'manual-counter-example', bad: '# T\n\n### 1. S\n\nWrong:\n\n```bash\nkubectl delete ns production\n```\n', good: '# T\n\n### 1. S\n\nWrong:\n\n```text\nkubectl delete ns production\n```\n', fix: /tag it `text`/ },
  { rule: 'manual-example', bad: '# T\n\n### 1. S\n\nExample:\n\n```bash\nkubectl get pods -n web\n```\n', good: '# T\n\n### 1. S\n\nList the pods:\n\n```bash\nkubectl get pods -n web\n```\n', fix: /tag it `text`/ },
  { rule: 'manual-root-prompt', bad: step('# systemctl restart nginx', 'console'), good: step('$ sudo systemctl restart nginx', 'console'), fix: /`sudo systemctl restart nginx`/ },
  { rule: 'interactive-command', bad: step('kubectl edit configmap/app'), good: step('kubectl patch configmap/app --patch-file patch.yaml'), fix: /kubectl patch/ },
  { rule: 'interactive-command', bad: step('vim /etc/app.conf'), good: step("sed -i 's/debug/info/' /etc/app.conf"), fix: /sed -i/ },
  { rule: 'interactive-command', bad: step('docker exec -it web ls /data'), good: step('docker exec web ls /data'), fix: /drop `-it`/ },
  { rule: 'never-ending-command', bad: step('kubectl logs -f deploy/web'), good: step('kubectl logs --tail=100 deploy/web'), fix: /--tail=100/ },
  { rule: 'never-ending-command', bad: step('ping db01'), good: step('ping -c 4 db01'), fix: /ping -c 4/ },
  { rule: 'runme-cwd', bad: '# T\n\n### 1. S\n\n```sh {cwd=app}\nls\n```\n\n```sh\nls\n```\n', good: '# T\n\n### 1. S\n\n```sh {cwd=app}\nls\n```\n\n### 2. T\n\n```sh\nls\n```\n', fix: /heading/ },
  { rule: 'runme-interpreter', bad: step('echo hi', 'sh {interpreter=zsh}'), good: step('echo hi', 'sh {interpreter=zsh}', '---\nshell: zsh\n---\n'), fix: /shell: zsh/ },
];

describe('manual-step and terminal rules, each by its own example', () => {
  for (const { rule, bad, good, fix } of examples) {
    it(`${rule}: ${bad.split('\n').slice(5, 6).join('')}`, async () => {
      const found = lint(bad).filter((d) => d.ruleId === rule);
      expect(found, lint(bad).map((d) => `${d.ruleId}: ${d.message}`).join('\n')).toHaveLength(1);
      expect(found[0]?.message).toMatch(fix);
      expect(lint(good).filter((d) => d.ruleId === rule)).toEqual([]);
    });
  }

  it('places a manual step at its first line, and a command that needs a terminal at its line', async () => {
    const found = lint(step('echo a\nssh db01\nuptime')).find((d) => d.ruleId === 'manual-remote-session');
    expect(found?.position).toEqual({ line: 7, column: 1 });
    const edit = lint(step('echo a\n\nkubectl edit cm/app')).find((d) => d.ruleId === 'interactive-command');
    expect(edit?.position).toEqual({ line: 8, column: 1 });
  });

  it('a never-ending command in a step with a Timeout is not flagged', async () => {
    expect(lint('# T\n\n### 1. S\n\n- **Command:** `kubectl get pods -w`\n- **Timeout:** 2m\n').filter((d) => d.ruleId === 'never-ending-command')).toEqual([]);
  });
});
