// No false errors (SPEC §2 Structure, Frontmatter): real runbooks that a reader follows without
// trouble must not be refused or buried in warnings.
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { lintRunbook } from '../../src/lint/lint-runbook.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';

// Gates are read from the shell parse of each command.
await loadShellParser();

function lint(text: string) {
  const runbook = parseRunbook(text);
  return { runbook, diagnostics: lintRunbook(runbook, buildGraph(runbook).diagnostics) };
}

const body = `# Failover

### 1. Restart

\`\`\`sh
echo restart <region>
\`\`\`
`;

describe('TOML frontmatter', () => {
  it('is read into the same fields as YAML', () => {
    const toml = parseRunbook(`+++\ntitle = "Hugo failover"\nshell = "bash"\ntimeout = "5m"\n[env]\nKUBECONFIG = "/etc/kube"\n[params.region]\ndescription = "Cloud region"\ndefault = "eu-west-1"\n+++\n\n${body}`);
    const yaml = parseRunbook(`---\ntitle: Hugo failover\nshell: bash\ntimeout: 5m\nenv:\n  KUBECONFIG: /etc/kube\nparams:\n  region:\n    description: Cloud region\n    default: eu-west-1\n---\n\n${body}`);
    expect(toml.diagnostics).toEqual([]);
    const fields = (rb: typeof toml) => ({ timeoutMs: rb.timeoutMs, env: rb.env, shell: rb.shell, params: rb.params.map((p) => [p.name, p.description, p.default, p.declared]) });
    expect(fields(toml)).toEqual(fields(yaml));
    expect(fields(toml).params).toEqual([['region', 'Cloud region', 'eu-west-1', true]]);
  });

  it('malformed, is one error at its line', () => {
    const { diagnostics } = lint(`+++\ntitle = "x"\ntimeout = \n+++\n\n${body}`);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.ruleId, d.position.line])).toEqual([['frontmatter-toml', 3]]);
  });

  it('with a field the schema refuses, points at the key', () => {
    const { diagnostics } = lint(`+++\ntitle = "x"\n[params.region]\ndefault = "a"\nbogus = 1\n+++\n\n${body}`);
    expect(diagnostics.map((d) => [d.ruleId, d.position.line])).toEqual([['frontmatter-schema', 3]]);
  });
});

describe('lint that does not cry wolf', () => {
  it('takes a go-template given to a command for what it is, and still flags a template left unfilled', () => {
    const { diagnostics } = lint("# T\n\n### 1. Pods\n\n```sh\nkubectl get pods -o go-template='{{range .items}}{{.metadata.name}}{{end}}'\ndocker inspect -f \"{{ .State.Status }}\" web\necho ${{ values.name }} {{name}}\n```\n");
    expect(diagnostics.filter((d) => d.ruleId === 'template-leftover').map((d) => d.message)).toEqual([
      'Unexpected template leftover `${{ values.name }}` in a command, expected a placeholder such as <name>',
      'Unexpected template leftover `{{name}}` in a command, expected a placeholder such as <name>',
    ]);
  });

  it('suggests tagging a block `sh` only when it looks like shell', () => {
    const { diagnostics } = lint('# T\n\n### 1. Look\n\n```sh\nuptime\n```\n\n```\nls -la /var/log\n```\n\n```\nThis block is prose about the logs.\n```\n\n```\nNAME     READY   STATUS\n```\n');
    const messages = diagnostics.filter((d) => d.ruleId === 'untagged-fence').map((d) => d.message);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain('tag it `sh` to run it');
    expect(messages.slice(1).every((m) => !m.includes('`sh`'))).toBe(true);
  });

  it('gives the same heading in two sections two ids, qualified by their section, with no error', () => {
    const { runbook, diagnostics } = lint('# T\n\n## Staging\n\n### Restart\n\n```sh\necho s\n```\n\n## Production\n\n### Restart\n\n```sh\necho p\n```\n');
    expect(runbook.steps.map((s) => s.id)).toEqual(['staging.restart', 'production.restart']);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reads an Environment label in prose as a note, and NAME=value pairs as the env', () => {
    const { runbook, diagnostics } = lint('# T\n\n### 1. Restart\n\n- **Environment:** the staging cluster, never production\n- **Command:** `echo hi`\n\n### 2. Again\n\n- **Env:** `REGION=eu-west-1 TIER=web`\n- **Command:** `echo again`\n');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(runbook.steps[0]?.env).toEqual({});
    expect(runbook.steps[0]?.notes.map((n) => [n.label, n.text])).toEqual([['Environment', 'the staging cluster, never production']]);
    expect(runbook.steps[1]?.env).toEqual({ REGION: 'eu-west-1', TIER: 'web' });
  });

  it('raises no "no command" warning in sections that only inform', () => {
    const { diagnostics } = lint('# T\n\n## Overview\n\n### What it does\n\nIt restarts things.\n\n## Symptoms\n\n### Errors\n\nUsers see 500s.\n\n## Fix\n\n### 1. Restart\n\n```sh\necho hi\n```\n\n### 2. Think\n\nPonder.\n');
    expect(diagnostics.filter((d) => d.ruleId === 'no-command').map((d) => d.message)).toEqual(['Step fix.2 has no command and no attestation: nothing to run or confirm']);
  });
});
