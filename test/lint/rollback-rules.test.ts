// The rollback rules (SPEC §6) beyond the examples of their pages: the forms each must see
// through, the ones it must leave alone, and the safer commands run for real.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIOUS_STABLE_TAG } from '../../src/lint/rules/sort-v-prerelease.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';
import { findings, lintLines } from './lint-lines.js';

beforeAll(() => loadShellParser());

/** A runbook of one step per command, each in a bash fence (step n's command is on line 6n). */
const steps = (...commands: string[]): string => `# T\n${commands.map((command, i) => `\n### ${i + 1}. S\n\n\`\`\`bash\n${command}\n\`\`\`\n`).join('')}`;

describe('sort-v-prerelease', () => {
  const rule = 'sort-v-prerelease';
  it.each([
    ['git tag --list "v*" | sort --version-sort | tail -n 1'],
    ['git tag | sort -t. -k1,1V | tail -1'],
    ["git for-each-ref --format='%(refname:short)' refs/tags | sort -V"],
    ['git -C repo tag -l | grep -v latest | sort -rV | head -1'],
    ["ssh build 'git tag --list | sort -V | tail -n 2'"],
  ])('sees `%s`', (command) => {
    expect(findings(steps(command), rule)).toHaveLength(1);
  });

  it.each([
    ['ls releases | sort -V'],
    ["git tag --list 'v*' | grep -E '^v[0-9]+\\.[0-9]+\\.[0-9]+$' | sort -V | tail -n 2 | head -n 1"],
    ['git tag --list | grep -v -- -rc | sort -V'],
    ["git tag --list 'v*' --sort=-v:refname | head -n 1"],
  ])('leaves `%s` alone', (command) => {
    expect(findings(steps(command), rule)).toEqual([]);
  });

  describe('its safer command, run against real tags', () => {
    const repo = mkdtempSync(join(tmpdir(), 'sort-v-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    const bash = (script: string) => execFileSync('bash', ['-o', 'pipefail', '-c', script], { cwd: repo, encoding: 'utf8' }).trim();
    beforeAll(() => {
      git('init', '-q');
      git('-c', 'user.email=ci@example.com', '-c', 'user.name=CI', 'commit', '-q', '--allow-empty', '-m', 'start');
      for (const tag of ['v1.1.0', 'v1.2.0-rc.1', 'v1.2.0-rc.2', 'v1.2.0', 'v1.10.0-rc.1', 'v1.9.0', 'v1.10.0']) git('tag', tag);
    });
    afterAll(() => rmSync(repo, { recursive: true, force: true }));

    it('the seed command picks the release being rolled back, or a pre-release', () => {
      expect(bash('git tag --list "v*.*.*" | sort -V | tail -n 2 | head -n 1')).toBe('v1.10.0');
      // The same sort over the tags of the v1.2.0 cut: a release candidate.
      expect(bash("printf '%s\\n' v1.1.0 v1.2.0 v1.2.0-rc.1 v1.2.0-rc.2 | sort -V | tail -n 2 | head -n 1")).toBe('v1.2.0-rc.1');
    });

    it.each([
      ['v1.10.0', 'v1.9.0'],
      ['v1.9.0', 'v1.2.0'],
      ['v1.2.0', 'v1.1.0'],
      ['v1.10.0-rc.1', 'v1.9.0'],
    ])('deployed %s: the previous stable tag is %s', (current, previous) => {
      expect(bash(PREVIOUS_STABLE_TAG.replace('<current-tag>', current))).toBe(previous);
    });

    it('prints nothing and fails when the deployed tag has no stable tag below it, or is unknown', () => {
      for (const current of ['v1.1.0', 'v9.9.9']) expect(() => bash(PREVIOUS_STABLE_TAG.replace('<current-tag>', current))).toThrow();
    });
  });
});

describe('helm-rollback-revision', () => {
  const rule = 'helm-rollback-revision';
  it.each([
    ['helm rollback web 3', 'Unexpected revision 3 written from memory'],
    ['helm -n shop rollback web --wait', 'without a revision'],
    ['sudo helm rollback web 00', 'Unexpected revision 0'],
    ['rev=$(helm history web | tail -n 2 | head -n 1 | cut -f1)\nhelm rollback web "$rev"', 'not read from `helm history` here'],
  ])('sees `%s`', (command, says) => {
    const lines = lintLines(steps(command), { only: new Set([rule]) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(says);
    expect(lines[0]).toContain('helm history web -o json');
    expect(lines[0]).toContain('--history-max');
  });

  it('reads the revision where it is written: the placeholder after the release', () => {
    expect(findings(steps('helm rollback web <revision-number> --wait'), rule)).toEqual(['6:19 helm-rollback-revision']);
  });

  it.each([
    ['rev=$(helm history web -o json | jq -r \'last | .revision\')\nhelm rollback web "$rev"'],
    ['helm rollback web "$(helm history web --output yaml | yq \'.[-1].revision\')"'],
  ])('leaves a revision read from the history in the same script alone: `%s`', (command) => {
    expect(findings(steps(command), rule)).toEqual([]);
  });

  it('names the step whose Capture does not come from `helm history -o json`', () => {
    const runbook = '# T\n\n### 1. Ask\n\n- **Command:** `cat revision.txt`\n- **Capture:** `rev`\n\n### 2. Roll back\n\n- **Command:** `helm rollback web <rev>`\n';
    expect(lintLines(runbook, { only: new Set([rule]) })).toEqual([
      "example.md:10:35  warning  Unexpected <rev> from 1, which does not run `helm history … -o json`; expected the revision read from `helm history web -o json` by an earlier step's Capture (revisions beyond --history-max, 10 by default, are pruned and no longer exist)  helm-rollback-revision",
    ]);
  });
});

describe('migrate-down-after-rollback', () => {
  const rule = 'migrate-down-after-rollback';
  it.each([
    ['helm rollback web <rev>', 'npm run migrate:down'],
    ['kubectl rollout undo deployment/web', 'npx knex migrate:rollback'],
    ['kubectl set image deployment/web web=shop:v1', 'bundle exec rails db:rollback'],
    ['argocd app rollback shop 4', 'python manage.py migrate orders 0007'],
    ['helm rollback web <rev>', 'alembic downgrade -1'],
  ])('sees `%s` then `%s`', (rollback, down) => {
    expect(findings(steps(rollback, down), rule)).toEqual(['12:1 migrate-down-after-rollback']);
  });

  it('sees the order within one script', () => {
    expect(findings(steps('helm rollback web <rev>\nyarn migrate:down'), rule)).toEqual(['7:1 migrate-down-after-rollback']);
  });

  it.each([
    ['npm run migrate:down', 'helm rollback web <rev>'],
    ['helm rollback web <rev>', 'npm run migrate:up'],
    ['helm rollback web <rev>', 'python manage.py migrate'],
  ])('leaves `%s` then `%s` alone', (first, second) => {
    expect(findings(steps(first, second), rule)).toEqual([]);
  });

  it('leaves two alternatives alone: a run takes one of them', () => {
    const runbook = '# T\n\n### Option A: roll back the code\n\n```bash\nhelm rollback web <rev>\n```\n\n### Option B: revert the schema\n\n```bash\nnpm run migrate:down\n```\n';
    expect(findings(runbook, rule)).toEqual([]);
  });

  it('follows Depends on: the run order, not the document order', () => {
    const runbook = '# T\n\n### 1. Down\n\n- **Depends on:** 2\n- **Command:** `npm run migrate:down`\n\n### 2. Roll back\n\n- **Depends on:** none\n- **Command:** `helm rollback web <rev>`\n';
    expect(findings(runbook, rule)).toEqual(['6:17 migrate-down-after-rollback']);
  });
});

describe('describe-grep-image', () => {
  const rule = 'describe-grep-image';
  it.each([
    ['kubectl describe pod web-0 | grep -i image', ".spec.containers[?(@.name==\"<container-name>\")]"],
    ['kubectl -n shop describe deploy/web | awk \'/Image:/ {print $2}\'', 'kubectl get deploy/web -n shop'],
    ['kubectl describe cronjob report | grep Image', '.spec.jobTemplate.spec.template.spec.containers'],
  ])('sees `%s`', (command, suggests) => {
    const lines = lintLines(steps(command), { only: new Set([rule]) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(suggests);
  });

  it.each([['kubectl describe deployment web | grep -v Image'], ['kubectl describe deployment web'], ['kubectl get pods | grep Image']])('leaves `%s` alone', (command) => {
    expect(findings(steps(command), rule)).toEqual([]);
  });
});

describe('double-rollout-undo', () => {
  const rule = 'double-rollout-undo';
  it('sees two undos of one workload, written two ways', () => {
    expect(findings(steps('kubectl rollout undo deployment/web -n shop', 'kubectl -n shop rollout undo deploy web'), rule)).toEqual(['12:1 double-rollout-undo']);
  });

  it('sees two undos in one script', () => {
    expect(findings(steps('kubectl rollout undo deployment/web\nsleep 30\nkubectl rollout undo deployment/web'), rule)).toEqual(['8:1 double-rollout-undo']);
  });

  it('sees an undo to revision 0, which is the previous one again', () => {
    expect(findings(steps('kubectl rollout undo deployment/web', 'kubectl rollout undo deployment/web --to-revision=0'), rule)).toEqual(['12:1 double-rollout-undo']);
  });

  it.each([
    ['kubectl rollout undo deployment/web -n eu', 'kubectl rollout undo deployment/web -n us'],
    ['kubectl rollout undo deployment/web', 'kubectl rollout undo deployment/api'],
    ['kubectl rollout undo deployment/web', 'kubectl rollout undo deployment/web --to-revision 7'],
    ['if kubectl rollout status deployment/web --timeout=1m; then kubectl rollout undo deployment/web; else kubectl rollout undo deployment/web --to-revision=<good>; fi', 'true'],
  ])('leaves `%s` and `%s` alone', (first, second) => {
    expect(findings(steps(first, second), rule)).toEqual([]);
  });
});
