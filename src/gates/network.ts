// Firewalls, interfaces and routes: what cuts a host off the network or changes what reaches it;
// and HTTP calls that delete or replace what an API holds.
import type { GateFamily, Invocation } from './gate-entry.js';

const IPTABLES_READ = ['-L', '--list', '-S', '--list-rules', '-C', '--check', '-h', '--help', '-V', '--version'];
const IPTABLES_VALUES = ['-t', '--table', '-A', '--append', '-I', '--insert', '-D', '--delete', '-R', '--replace', '-N', '--new-chain', '-X', '--delete-chain', '-P', '--policy', '-E', '--rename-chain', '-F', '--flush', '-Z', '--zero', '-L', '--list', '-S', '--list-rules', '-C', '--check', '-s', '--source', '-d', '--destination', '-p', '--protocol', '-j', '--jump', '-g', '--goto', '-i', '--in-interface', '-o', '--out-interface', '-m', '--match', '--dport', '--sport', '--to-destination', '--to-source', '-w', '--wait'];

/** `ip [-4|-6|…] OBJECT COMMAND …`, objects and commands abbreviated as ip allows (`ip l s eth0 down`). */
function ipCall(command: Invocation): { object: string; verb: string; words: (string | null)[] } | undefined {
  const operands = command.argv({ values: ['-n', '-netns', '-b', '-batch', '-rc', '-rcvbuf', '-l', '-loops', '-f', '-family'] }).operands;
  const [object, verb] = operands;
  if (typeof object !== 'string' || typeof verb !== 'string') return undefined;
  return { object, verb, words: operands.slice(2) };
}

const abbreviates = (word: string, full: string, least = 1): boolean => word.length >= least && full.startsWith(word);

export const networkGates: GateFamily = {
  name: 'Network',
  notes:
    'Listing rules (`iptables -L`, `-S`, `-C`, `nft list`, `ip addr show`) is not gated; any change to the firewall is, since a wrong rule can cut the host off, the operator\'s own session included.',
  entries: [
    {
      id: 'http-delete',
      tools: ['curl', 'wget', 'http', 'https', 'xh'],
      reason: 'an HTTP DELETE, PUT or PATCH (or an Elasticsearch _delete_by_query) changes or removes what an API holds',
      matches: '`curl -X DELETE|PUT|PATCH` (`--request`, `-XDELETE`), `wget --method=…`, `http DELETE URL` (HTTPie, xh), a URL ending `/_delete_by_query` or `/_update_by_query`',
      gated: ['curl -X DELETE https://api.internal/v1/orders/123', 'curl -XDELETE localhost:9200/orders-2023', 'curl -s --request PUT -d @flag.json https://flags.internal/api/flags/checkout', 'wget --method=DELETE -qO- https://api.internal/v1/cache', 'http DELETE api.internal/v1/orders/123', 'xh patch api.internal/v1/flags/checkout enabled:=false', 'curl -X POST localhost:9200/orders/_delete_by_query -d @query.json'],
      notGated: ['curl -fsS https://api.internal/health', 'curl -X GET https://api.internal/v1/orders/123', 'curl -I https://example.org', 'http GET api.internal/v1/orders', 'wget -qO- https://api.internal/health'],
      match: (command) => {
        const writes = /^(?:delete|put|patch)$/i;
        if (command.args.some((word) => word !== null && /\/_(?:delete|update)_by_query(?:[?#]|$)/.test(word))) return true;
        if (command.name === 'curl') return command.argv({ values: ['-X', '--request', '-d', '--data', '--data-raw', '--data-binary', '-H', '--header', '-o', '--output', '-u', '--user', '-m', '--max-time'] }).values('-X', '--request').some((method) => command.test(method, writes));
        if (command.name === 'wget') return command.argv().options.some((option) => option.name === '--method' && command.test(option.value, writes));
        const [first] = command.argv({ values: ['-a', '--auth', '-A', '--auth-type', '-o', '--output', '--session'] }).operands;
        return command.test(first, writes);
      },
    },
    {
      id: 'iptables',
      tools: ['iptables', 'ip6tables', 'iptables-legacy', 'iptables-nft', 'iptables-restore', 'ip6tables-restore'],
      reason: 'iptables changes or flushes firewall rules',
      matches: 'any change: `-A`, `-I`, `-D`, `-R`, `-F`, `-X`, `-P`, `-N`, `-E`, `-Z`; `iptables-restore` (not `--test`)',
      gated: ['iptables -F', 'iptables -t nat --flush', 'iptables -D INPUT 3', 'iptables -P INPUT DROP', 'iptables -I INPUT -s 10.0.0.5 -j DROP', 'iptables-restore < rules.v4'],
      notGated: ['iptables -L -n -v', 'iptables -S', 'iptables -C INPUT -p tcp --dport 22 -j ACCEPT', 'iptables-restore --test < rules.v4', 'iptables-save'],
      match: (command) => {
        const argv = command.argv({ values: IPTABLES_VALUES });
        if (command.name.endsWith('-restore')) return !argv.has('-t', '--test');
        return !argv.has(...IPTABLES_READ) && argv.options.length > 0;
      },
    },
    {
      id: 'nft',
      tools: ['nft'],
      reason: 'nft flush, delete, add or a rules file changes the firewall',
      matches: '`flush`, `delete`, `destroy`, `add`, `insert`, `replace`, `create`, `reset`, `-f FILE`',
      gated: ['nft flush ruleset', 'nft delete rule inet filter input handle 7', 'nft add rule inet filter input tcp dport 22 drop', 'nft -f /etc/nftables.conf'],
      notGated: ['nft list ruleset', 'nft -c -f /etc/nftables.conf'],
      match: (command) => {
        const argv = command.argv({ values: ['-f', '--file', '-I', '--includepath'] });
        if (argv.has('-c', '--check')) return false;
        return argv.has('-f', '--file') || command.is(argv.operands[0], 'flush', 'delete', 'destroy', 'add', 'insert', 'replace', 'create', 'reset');
      },
    },
    {
      id: 'ip-down',
      tools: ['ip'],
      reason: 'ip link set down, or an address or route deleted or flushed, takes a host off the network',
      matches: '`link set … down`, `link delete`, `addr del|flush`, `route del|flush|replace|change`, `rule del|flush`, `neigh flush` (abbreviations too)',
      gated: ['ip link set eth0 down', 'ip l s dev eth1 down', 'ip addr del 10.0.0.5/24 dev eth0', 'ip route flush table main', 'ip route replace default via 10.0.0.254', 'ip link delete vxlan0'],
      notGated: ['ip addr show', 'ip route', 'ip link set eth0 up', 'ip -s link show eth0'],
      match: (command) => {
        const call = ipCall(command);
        if (!call) return false;
        const { object, verb, words } = call;
        if (abbreviates(object, 'link')) return (abbreviates(verb, 'set') && words.includes('down')) || abbreviates(verb, 'delete', 3) || verb === 'del';
        if (abbreviates(object, 'address')) return verb === 'del' || abbreviates(verb, 'delete', 3) || abbreviates(verb, 'flush');
        if (abbreviates(object, 'route') || abbreviates(object, 'rule', 2) || abbreviates(object, 'neighbour') || object === 'neighbor') return verb === 'del' || abbreviates(verb, 'delete', 3) || abbreviates(verb, 'flush') || abbreviates(verb, 'replace', 3) || abbreviates(verb, 'change', 2);
        return false;
      },
    },
    {
      id: 'ifdown',
      tools: ['ifdown', 'ifconfig', 'nmcli', 'ufw', 'firewall-cmd'],
      reason: 'ifdown, ifconfig down, nmcli down, or a ufw or firewalld change takes an interface down or changes the firewall',
      matches: '`ifdown`; `ifconfig IF down`; `nmcli connection down|delete`, `nmcli networking off`; `ufw disable|reset|deny|reject|delete|default`; `firewall-cmd --remove-*|--panic-on|--reload|--set-default-zone`',
      gated: ['ifdown eth0', 'ifconfig eth0 down', 'nmcli con down "Wired connection 1"', 'ufw reset', 'ufw deny 22/tcp', 'firewall-cmd --permanent --remove-service=ssh'],
      notGated: ['ifconfig -a', 'nmcli device status', 'ufw status verbose', 'firewall-cmd --list-all'],
      match: (command) => {
        const argv = command.argv();
        const [first, second] = argv.operands;
        switch (command.name) {
          case 'ifdown':
            return true;
          case 'ifconfig':
            return argv.operands.includes('down');
          case 'nmcli':
            return (command.test(first, /^c(?:on(?:nection)?)?$/) && command.is(second, 'down', 'delete', 'del')) || (command.test(first, /^n(?:etworking)?$/) && command.is(second, 'off'));
          case 'ufw':
            return command.is(first, 'disable', 'reset', 'deny', 'reject', 'delete', 'default', 'limit');
          default:
            return argv.options.some((option) => /^--(?:remove-|panic-on$|reload$|complete-reload$|set-default-zone$)/.test(option.name));
        }
      },
    },
  ],
};
