import { beforeAll, describe, expect, it } from 'vitest';
import { listEffectiveCommands } from '../../src/shell/list-effective-commands.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';
import { parseShell } from '../../src/shell/parse-shell.js';

beforeAll(() => loadShellParser());

function effective(text: string, variables: Record<string, string> = {}) {
  const parsed = parseShell(text, variables);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  return listEffectiveCommands(parsed.script, variables).map(({ name, args, via, remote }) => ({ argv: [name, ...args].map((word) => word ?? '…').join(' '), via: via.join(' > '), remote }));
}

const one = (text: string) => {
  const found = effective(text);
  expect(found, text).toHaveLength(1);
  return found[0];
};

describe('listEffectiveCommands', () => {
  it.each([
    ['sudo systemctl restart nginx', 'systemctl restart nginx', 'sudo'],
    ['sudo -u postgres -H psql -c "DROP DATABASE app"', 'psql -c DROP DATABASE app', 'sudo'],
    ['sudo -E FOO=1 kill -9 1234', 'kill -9 1234', 'sudo'],
    ['env -i PATH=/bin HOME=/ rm -rf /srv/old', 'rm -rf /srv/old', 'env'],
    ['nohup ./migrate down &', './migrate down', 'nohup'],
    ['timeout -s KILL 30s pg_ctl stop -m fast', 'pg_ctl stop -m fast', 'timeout'],
    ['nice -n 10 ionice -c 3 dd if=/dev/zero of=/dev/sdb', 'dd if=/dev/zero of=/dev/sdb', 'nice > ionice'],
    ['time -p terraform destroy -auto-approve', 'terraform destroy -auto-approve', 'time'],
    ['command -p reboot', 'reboot', 'command'],
    ['exec -a name shutdown -h now', 'shutdown -h now', 'exec'],
    ['stdbuf -oL helm uninstall web', 'helm uninstall web', 'stdbuf'],
    ['doas -u root mkfs.ext4 /dev/sdb1', 'mkfs.ext4 /dev/sdb1', 'doas'],
    ['xargs -n 1 -P 4 kubectl delete pod', 'kubectl delete pod', 'xargs'],
    ['watch -x kubectl get pods', 'kubectl get pods', 'watch'],
    ['kubectl -n prod exec -it web-0 -c app -- rm -rf /data/cache', 'rm -rf /data/cache', 'kubectl exec'],
    ['docker exec -u root -w /srv web redis-cli FLUSHALL', 'redis-cli FLUSHALL', 'docker exec'],
  ])('%s runs %s via %s', (text, argv, via) => {
    expect(one(text)).toMatchObject({ argv, via });
  });

  it('parses strings given to a shell again, at any depth', () => {
    expect(effective("bash -c 'systemctl stop web && rm -rf /srv/web'")).toEqual([
      { argv: 'systemctl stop web', via: 'bash -c', remote: null },
      { argv: 'rm -rf /srv/web', via: 'bash -c', remote: null },
    ]);
    expect(effective(`ssh db01 "sudo bash -c 'pg_ctl promote'"`)).toEqual([{ argv: 'pg_ctl promote', via: 'ssh > sudo > bash -c', remote: 'db01' }]);
    expect(effective("sh -ec 'kill 1'")).toEqual([{ argv: 'kill 1', via: 'sh -c', remote: null }]);
    expect(effective('eval "helm rollback web 3"')).toEqual([{ argv: 'helm rollback web 3', via: 'eval', remote: null }]);
    expect(effective("su - postgres -c 'dropdb app'")).toEqual([{ argv: 'dropdb app', via: 'su', remote: null }]);
    expect(effective("bash -c 'ssh db01'")).toEqual([{ argv: 'ssh db01', via: 'bash -c', remote: null }]);
    expect(effective("watch 'kubectl delete pod x'")).toEqual([{ argv: 'kubectl delete pod x', via: 'watch', remote: null }]);
    expect(effective("ansible web -b -a 'systemctl restart nginx'")).toEqual([{ argv: 'systemctl restart nginx', via: 'ansible', remote: 'web' }]);
    expect(effective("kubectl exec web-0 -- sh -c 'rm -rf /tmp/*'")).toEqual([{ argv: 'rm -rf /tmp/*', via: 'kubectl exec > sh -c', remote: 'web-0' }]);
    expect(effective('ssh -i key.pem -p 22 admin@db02 systemctl restart postgresql')).toEqual([{ argv: 'systemctl restart postgresql', via: 'ssh', remote: 'admin@db02' }]);
  });

  it('reads a heredoc fed to a shell as the script it is', () => {
    expect(effective("bash <<'EOF'\nsystemctl stop web\nEOF")).toEqual([{ argv: 'systemctl stop web', via: 'bash <<', remote: null }]);
    expect(effective('ssh db01 <<EOF\npg_ctl stop\nEOF')).toEqual([{ argv: 'pg_ctl stop', via: 'ssh <<', remote: 'db01' }]);
  });

  it('keeps `find -exec` both as find and as the command it runs', () => {
    expect(effective('find /var/log -name "*.gz" -exec rm -f {} \\;')).toEqual([
      { argv: 'find /var/log -name *.gz -exec rm -f {} ;', via: '', remote: null },
      { argv: 'rm -f {}', via: 'find -exec', remote: null },
    ]);
  });

  it('sees values the engine passes, so a gate sees the command as it runs', () => {
    const variables = { RUNBOOK_VALUE_1: '-rf', RUNBOOK_VALUE_2: '/srv' };
    expect(effective('sudo rm "$RUNBOOK_VALUE_1" "${RUNBOOK_VALUE_2}"', variables)).toEqual([{ argv: 'rm -rf /srv', via: 'sudo', remote: null }]);
  });

  it('reports a string run again that it cannot read, rather than skipping it', () => {
    expect(effective('bash -c "$CMD"')).toEqual([{ argv: '… …', via: 'bash -c', remote: null }]);
    expect(effective("bash -c 'echo \"unterminated'")).toEqual([{ argv: '… echo "unterminated', via: 'bash -c', remote: null }]);
  });

  it('leaves commands that are not wrappers as they are', () => {
    expect(effective('bash ./deploy.sh prod; ssh db01; kubectl get pods')).toEqual([
      { argv: 'bash ./deploy.sh prod', via: '', remote: null },
      { argv: 'ssh db01', via: '', remote: null },
      { argv: 'kubectl get pods', via: '', remote: null },
    ]);
  });
});
