// Signals and the machine itself: kill, pkill, killall, reboot, shutdown, runlevels, fuser -k.
import type { GateFamily, Invocation } from './gate-entry.js';

/** kill's signal (`-9`, `-KILL`, `-s KILL`, `-n 9`), and whether it only lists or checks. */
function readKill(command: Invocation): { signal: string | null; lists: boolean; targets: number } {
  let signal: string | null = 'TERM';
  let lists = false;
  let targets = 0;
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? null;
    if (word === '--') {
      targets += args.length - i - 1;
      break;
    }
    if (word === null || !word.startsWith('-') || word === '-') targets++;
    else if (['-l', '-L', '--list', '--table'].includes(word) || word.startsWith('--list=')) lists = true;
    else if (['-s', '-n', '--signal'].includes(word)) signal = args[++i] ?? null;
    else if (/^-\d+$/.test(word) && i + 1 >= args.length) targets++; // `kill -1234` with nothing after is a process group
    else signal = word.replace(/^--?(?:signal=)?/, '');
  }
  return { signal, lists, targets };
}

/** Signal 0 tests that a process exists; nothing is sent. */
const checksOnly = (signal: string | null): boolean => signal !== null && /^(?:0|SIG0|NULL)$/i.test(signal);

const POWER = ['reboot', 'shutdown', 'halt', 'poweroff'];

export const processesGates: GateFamily = {
  name: 'Processes and the machine',
  notes:
    'Signal 0 (`kill -0 PID`) only checks that a process exists and is not gated, nor are `kill -l` and `shutdown -c` (which cancels a pending shutdown). ' +
    'A signal only known at run time is taken to be one that ends the process.',
  entries: [
    {
      id: 'kill',
      tools: ['kill'],
      reason: 'kill sends a signal that ends or disturbs a process',
      matches: '`kill` with any signal but 0, in any spelling (`-9`, `-KILL`, `-s KILL`)',
      gated: ['kill 1234', 'kill -9 1234', 'sudo kill -s KILL $(pidof java)', 'kill -HUP 1234', 'kill %1'],
      notGated: ['kill -0 1234', 'kill -l', 'kill -s 0 1234'],
      match: (command) => {
        const kill = readKill(command);
        return !kill.lists && kill.targets > 0 && !checksOnly(kill.signal);
      },
    },
    {
      id: 'pkill',
      tools: ['pkill', 'killall', 'skill'],
      reason: 'pkill or killall sends a signal to every process it matches',
      matches: '`pkill`, `killall` (not `killall -l`, not signal 0)',
      gated: ['pkill -9 -f "java .*worker"', 'pkill nginx', 'killall -HUP nginx', 'sudo killall -u deploy'],
      notGated: ['pgrep -f worker', 'killall -l', 'pkill -0 nginx'],
      match: (command) => {
        const kill = readKill(command);
        return !kill.lists && !checksOnly(kill.signal);
      },
    },
    {
      id: 'reboot',
      tools: POWER,
      reason: 'reboot, shutdown, halt or poweroff takes the machine down',
      matches: '`reboot`, `shutdown` (not `-c`, `-k`), `halt`, `poweroff`',
      gated: ['reboot', 'sudo shutdown -r now', 'shutdown -h +5 "maintenance"', 'poweroff -f', 'halt'],
      notGated: ['shutdown -c', 'shutdown -k now', 'uptime', 'last reboot'],
      match: (command) => {
        const argv = command.argv();
        return !argv.has('--help', '--version') && !(command.name === 'shutdown' && argv.has('-c', '-k'));
      },
    },
    {
      id: 'runlevel',
      tools: ['init', 'telinit'],
      reason: 'init or telinit changes the runlevel: 0 halts, 6 reboots, 1 leaves only a root shell',
      matches: '`init 0-6|s|S`, `telinit …`',
      gated: ['init 6', 'sudo telinit 1', 'init 0'],
      notGated: ['init --version', 'runlevel'],
      match: (command) => command.test(command.argv().operands[0], /^[0-6sS]$/),
    },
    {
      id: 'fuser-kill',
      tools: ['fuser'],
      reason: 'fuser -k kills every process using a file, mount or port',
      matches: '`fuser -k`',
      gated: ['fuser -k 8080/tcp', 'fuser -km /mnt/data'],
      notGated: ['fuser -v /mnt/data', 'fuser 8080/tcp'],
      match: (command) => command.argv().has('-k', '--kill'),
    },
    {
      id: 'crontab-replace',
      tools: ['crontab'],
      reason: 'crontab -r, or crontab with a file, removes or replaces all of a user\'s scheduled jobs',
      matches: '`crontab -r`, `crontab FILE`',
      gated: ['crontab -r', 'crontab -u deploy new-jobs.txt'],
      notGated: ['crontab -l', 'crontab -u deploy -l'],
      match: (command) => {
        const argv = command.argv({ values: ['-u'] });
        return argv.has('-r') || (!argv.has('-l', '-e') && argv.operands.length > 0);
      },
    },
  ],
};
