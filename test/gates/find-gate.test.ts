// The gate decision as a whole: wrappers looked through, SQL read where a client is given it,
// what cannot be checked, values known at a step's turn, the runbook's own patterns, and every
// command the issue found ungated.
import { describe, expect, it } from 'vitest';
import { describeGate, findGate, findGates } from '../../src/gates/find-gate.js';
import { compileGatePattern, compileGatePatterns } from '../../src/gates/gate-patterns.js';
const expectGatedAs = (command: string, id: string): void => {
  expect(findGate(command)?.id).toBe(id);
};

describe('wrappers are looked through', () => {
  it.each([
    ['sudo systemctl restart nginx', 'systemctl-restart', ['sudo'], null],
    ['sudo -u postgres -E dropdb app', 'dropdb', ['sudo'], null],
    ['env KUBECONFIG=/etc/prod.conf kubectl delete pod web-0', 'kubectl-delete', ['env'], null],
    ['nohup rm -rf /srv/old &', 'rm-recursive', ['nohup'], null],
    ['timeout 30s helm rollback web 41', 'helm-rollback', ['timeout'], null],
    ['cat hosts | xargs -I{} ssh {} sudo reboot', 'reboot', ['xargs', 'ssh', 'sudo'], '{}'],
    ["bash -c 'kubectl drain node-1 --ignore-daemonsets'", 'kubectl-drain', ['bash -c'], null],
    ['ssh db01 "sudo systemctl stop postgresql"', 'systemctl-stop', ['ssh', 'sudo'], 'db01'],
    ["ssh -i key.pem deploy@web01 'pkill -9 -f worker'", 'pkill', ['ssh'], 'deploy@web01'],
    ['kubectl exec -n prod db-0 -- psql -c "DROP TABLE sessions"', 'sql-drop', ['kubectl exec'], 'db-0'],
    ['docker exec -it cache redis-cli FLUSHALL', 'redis-flush', ['docker exec'], 'cache'],
    ['ansible web -b -a "systemctl restart nginx"', 'systemctl-restart', ['ansible'], 'web'],
    ["ssh db01 <<'EOF'\nsudo -u postgres psql -c 'TRUNCATE jobs'\nEOF", 'sql-truncate', ['ssh <<', 'sudo'], 'db01'],
    ["sudo bash -c \"echo 'DROP DATABASE shop' | mysql\"", 'sql-drop', ['sudo', 'bash -c'], null],
    ["ssh db01 'psql app < /tmp/dump.sql'", 'sql-file', ['ssh'], 'db01'],
    ["ssh db01 'psql app' < dump.sql", 'sql-file', ['ssh'], 'db01'],
    ["kubectl exec -i db-0 -- bash -c 'psql app' <<'SQL'\nDROP TABLE t;\nSQL", 'sql-drop', ['kubectl exec', 'bash -c'], 'db-0'],
    ['builtin eval "rm -rf /srv/cache"', 'rm-recursive', ['builtin', 'eval'], null],
    ['parallel -j 4 rm -rf ::: /srv/a /srv/b', 'rm-recursive', ['parallel'], null],
    ['k delete ns orders', 'kubectl-delete', [], null],
    ["salt 'web*' cmd.run 'rm -rf /var/cache/app'", 'rm-recursive', ['salt'], 'web*'],
    ['tf destroy', 'terraform-apply', [], null],
  ])('%j is gated as %s, via %j', (command, id, via, remote) => {
    const gate = findGate(command);
    expect(gate?.id).toBe(id);
    expect(gate?.via).toEqual(via);
    expect(gate?.remote).toBe(remote);
  });

  it('says where a remote gate runs', () => {
    const gate = findGate('ssh db01 "sudo systemctl stop postgresql"');
    expect(gate && describeGate(gate)).toBe('systemctl stop, kill, disable, mask or clean takes a service down or keeps it down (on db01)');
    expect(gate?.command).toBe('systemctl stop postgresql');
  });

  it('checks every command of a pipeline, a list and a subshell, not only the first', () => {
    expect(findGate('kubectl get pods && (cd /srv && rm -rf releases/old)')?.id).toBe('rm-recursive');
    expect(findGate('for n in node-1 node-2; do kubectl cordon "$n"; done')?.id).toBe('kubectl-drain');
    expect(findGate('if curl -fs http://localhost/health; then echo ok; else systemctl restart app; fi')?.id).toBe('systemctl-restart');
  });

  it('gives every match, in order', () => {
    expect(findGates('kubectl scale deployment/web --replicas=0 && helm uninstall web').map((gate) => gate.id)).toEqual(['kubectl-scale', 'helm-uninstall']);
  });
});

describe('SQL given to a client', () => {
  it.each([
    ['psql -c "TRUNCATE TABLE jobs"', 'sql-truncate'],
    ['mysql -u root -e "DROP DATABASE shop"', 'sql-drop'],
    ["psql app <<'SQL'\nDELETE FROM sessions;\nSQL", 'sql-delete'],
    ['psql app <<< "DROP TABLE t"', 'sql-drop'],
    ['psql app < dump.sql', 'sql-file'],
    ['printf "DROP TABLE t;\\n" | psql app', 'sql-drop'],
  ])('%j is gated as %s', expectGatedAs);

  it('does not gate reading queries, nor SQL inside quotes or comments', () => {
    expect(findGates('psql -c "SELECT count(*) FROM sessions"')).toEqual([]);
    expect(findGates("psql -c \"SELECT 'DROP TABLE t'\"")).toEqual([]);
    expect(findGates("psql app <<'SQL'\n-- DROP TABLE t\nSELECT 1;\nSQL")).toEqual([]);
  });
});

describe('what cannot be checked is gated', () => {
  it('a command bash cannot parse', () => {
    const gate = findGate('echo "unclosed');
    expect(gate?.id).toBe('unreadable');
    expect(gate?.reason).toMatch(/^the command cannot be read safely \(.+, line 1, column \d+\)$/);
  });

  it('a command whose name is only known at run time', () => {
    expect(findGate('$TOOL stop web')?.id).toBe('unknown-command');
    expect(findGate('"$(which kubectl)" get pods')?.id).toBe('unknown-command');
  });

  it('a placeholder in a deciding place is a maybe gate, until its value is known', () => {
    const gate = findGate('kubectl <verb> pod web-0');
    expect(gate?.id).toBe('maybe-kubectl-delete');
    expect(gate?.reason).toBe('part of the command is only known at run time, and it may be that kubectl delete deletes Kubernetes resources');
    expect(findGate('psql -c "$SQL"')?.id).toMatch(/^maybe-sql-/);
    // At the step's turn, the rendered command reads its value from the environment.
    expect(findGates('kubectl "$RUNBOOK_VALUE_1" pod web-0', { env: { RUNBOOK_VALUE_1: 'get' } })).toEqual([]);
    expect(findGate('kubectl "$RUNBOOK_VALUE_1" pod web-0', { env: { RUNBOOK_VALUE_1: 'delete' } })?.id).toBe('kubectl-delete');
  });

  it('a certain gate is not described by a guess', () => {
    expect(findGates('kubectl <verb> pod web-0 && helm rollback web 41').map((gate) => gate.id)).toEqual(['helm-rollback']);
  });

  it('a placeholder in a harmless place gates nothing', () => {
    expect(findGates('kubectl get pods -n <namespace>')).toEqual([]);
    expect(findGates('curl -fsS https://<host>/health')).toEqual([]);
  });

  it('declarations and assignments run nothing of their own', () => {
    expect(findGates('export KUBECONFIG=/etc/prod.conf')).toEqual([]);
    expect(findGates('readonly RELEASE=web; unset OLD')).toEqual([]);
    expect(findGate('export OUT="$(rm -rf /tmp/x)"')?.id).toBe('rm-recursive');
  });
});

describe("the runbook's own patterns", () => {
  const patterns = compileGatePatterns(['^\\./bin/purge\\b', '^curl .*-X POST .*/purge\\b']);

  it('match every command as it takes effect, wrappers looked through', () => {
    const gate = findGate('sudo -u app ./bin/purge --all', { patterns });
    expect(gate).toEqual({ id: 'frontmatter-gate', reason: "it matches the runbook's gate /^\\./bin/purge\\b/", command: './bin/purge --all', via: ['sudo'], remote: null });
    expect(findGate('curl -fsS -X POST https://api/cache/purge', { patterns })?.id).toBe('frontmatter-gate');
    expect(findGates('curl -fsS https://api/cache/purge', { patterns })).toEqual([]);
  });

  it('add to the catalogue, never replace it', () => {
    expect(findGates('./bin/purge && kubectl delete ns tmp', { patterns }).map((gate) => gate.id)).toEqual(['frontmatter-gate', 'kubectl-delete']);
  });

  it('an invalid one is not compiled (frontmatter reports it)', () => {
    expect(compileGatePattern('(unclosed')).toBeUndefined();
    expect(compileGatePatterns(['(unclosed', 'ok']).map((pattern) => pattern.source)).toEqual(['ok']);
  });
});

// Each command the issue found ungated, as written there.
describe('the commands that were not gated', () => {
  it.each([
    ['systemctl stop nginx', 'systemctl-stop'],
    ['systemctl restart nginx', 'systemctl-restart'],
    ['kill 4242', 'kill'],
    ['pkill -9 java', 'pkill'],
    ['docker system prune -af', 'docker-remove'],
    ['mkfs.ext4 /dev/sdb1', 'mkfs'],
    ['parted /dev/sdb mklabel gpt', 'parted'],
    ['patronictl failover', 'patroni-failover'],
    ['redis-cli SLAVEOF NO ONE', 'redis-replication'],
    ['argocd app rollback web 41', 'argocd-rollback'],
    ['gh release delete v1.2.3 --yes', 'gh-delete'],
    ['psql app < dump.sql', 'sql-file'],
    ['psql -c "TRUNCATE orders"', 'sql-truncate'],
    ['git push origin --delete release/1.2', 'git-delete-remote'],
    ['etcdctl defrag', 'etcd-maintenance'],
    ['aws s3 rm s3://bucket/backups --recursive', 'aws-delete'],
    ['python manage.py migrate app 0002', 'django-migrate-target'],
    ['sudo reboot', 'reboot'],
    ['ssh db01 "sudo systemctl restart postgresql"', 'systemctl-restart'],
    ['ansible all -a "rm -rf /tmp/cache"', 'rm-recursive'],
  ])('%j is gated as %s', expectGatedAs);
});
