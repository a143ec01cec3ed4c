// Service managers: what stops, restarts or takes down a service or the machine it runs on.
import type { GateEntry, GateFamily, Invocation } from './gate-entry.js';

const SYSTEMCTL_VALUES = [
  '-H', '--host', '-M', '--machine', '-t', '--type', '-p', '--property', '-s', '--signal', '--state', '-n', '--lines',
  '-o', '--output', '--root', '--image', '--kill-whom', '--kill-value', '--job-mode', '--boot-loader-entry',
  '--boot-loader-menu', '--timestamp', '--what', '--message', '--reboot-argument', '--when', '--drop-in',
];

const systemctl = (id: string, reason: string, verbs: readonly string[], gated: string[], notGated: string[]): GateEntry => ({
  id,
  tools: ['systemctl'],
  reason,
  matches: verbs.map((verb) => `\`${verb}\``).join(', '),
  gated,
  notGated,
  match: (command) => command.is(command.argv({ values: SYSTEMCTL_VALUES }).operands[0], ...verbs),
});

/** `service NAME VERB`, `/etc/init.d/NAME VERB`, `rc-service NAME VERB`, `invoke-rc.d NAME VERB`. */
function initScriptVerb(command: Invocation): string | null | undefined {
  const operands = command.argv().operands;
  return command.name === 'init.d' ? operands[0] : operands[1];
}

const SUPERVISORCTL_VALUES = ['-c', '--configuration', '-s', '--serverurl', '-u', '--username', '-p', '--password', '-r', '--history-file'];

export const servicesGates: GateFamily = {
  name: 'Services',
  notes:
    '`start`, `reload`, `status` and the other read-only verbs are not gated: starting is how a stopped service is brought back. ' +
    '`systemctl -H host` and `ssh host systemctl …` are read the same way as a local call.',
  entries: [
    systemctl('systemctl-stop', 'systemctl stop, kill, disable, mask or clean takes a service down or keeps it down', ['stop', 'kill', 'disable', 'mask', 'freeze', 'clean'],
      ['systemctl stop nginx', 'sudo systemctl disable --now nginx', 'systemctl kill -s KILL nginx', 'systemctl mask postgresql', 'systemctl -H db01 stop postgresql'],
      ['systemctl status nginx', 'systemctl start nginx', 'systemctl is-active nginx', 'systemctl list-units --failed']),
    systemctl('systemctl-restart', 'systemctl restart restarts a service, dropping its connections', ['restart', 'try-restart', 'reload-or-restart', 'try-reload-or-restart', 'condrestart', 'force-reload'],
      ['systemctl restart nginx', 'sudo systemctl restart postgresql@14-main', 'systemctl try-restart web.service'],
      ['systemctl reload nginx', 'systemctl daemon-reload']),
    systemctl('systemctl-power', 'systemctl reboot, poweroff, halt or isolate takes the whole machine down or to another state', ['reboot', 'poweroff', 'halt', 'kexec', 'soft-reboot', 'suspend', 'hibernate', 'hybrid-sleep', 'suspend-then-hibernate', 'isolate', 'rescue', 'emergency'],
      ['systemctl reboot', 'systemctl isolate rescue.target', 'systemctl poweroff'],
      ['systemctl get-default']),
    {
      id: 'service-stop',
      tools: ['service', 'init.d', 'rc-service', 'invoke-rc.d'],
      reason: 'service stop or restart takes a service down',
      matches: '`service NAME stop|restart|force-reload|…`, `/etc/init.d/NAME stop|restart`, `rc-service`, `invoke-rc.d`',
      gated: ['service nginx stop', 'sudo service postgresql restart', '/etc/init.d/haproxy restart', 'rc-service sshd stop'],
      notGated: ['service nginx status', 'service --status-all', 'service nginx start', '/etc/init.d/haproxy status'],
      match: (command) => command.is(initScriptVerb(command), 'stop', 'restart', 'force-stop', 'force-reload', 'condrestart', 'try-restart', 'zap'),
    },
    {
      id: 'supervisorctl-stop',
      tools: ['supervisorctl', 'pm2'],
      reason: 'supervisorctl or pm2 stops, restarts or removes the programs it runs',
      matches: '`supervisorctl stop|restart|shutdown|remove|signal|update|reload`, `pm2 stop|restart|reload|delete|kill`',
      gated: ['supervisorctl restart all', 'supervisorctl -c /etc/supervisord.conf stop worker:*', 'pm2 delete api', 'pm2 restart all'],
      notGated: ['supervisorctl status', 'pm2 list', 'pm2 logs api --lines 50'],
      match: (command) => {
        const verb = command.argv({ values: SUPERVISORCTL_VALUES }).operands[0];
        return command.name === 'pm2'
          ? command.is(verb, 'stop', 'restart', 'reload', 'delete', 'kill')
          : command.is(verb, 'stop', 'restart', 'shutdown', 'remove', 'signal', 'update', 'reload');
      },
    },
  ],
};
