// Commands that open a session of their own: a shell on another machine (a bare `ssh db01`,
// `kubectl exec -it … -- sh`, `oc rsh`, `docker exec -it … sh`), a shell as another user or in a
// terminal multiplexer (`sudo -i`, `su -`, `tmux attach`), or a client that reads the keyboard
// (`mysql -u root -p`, `psql`, `sqlite3 db`, `mongosh`, `redis-cli`, `python3`). What is typed
// after one is typed into that session, never into the runbook's shell (SPEC §2).
import type { ManualReason } from '../../model/runbook.js';
import { SHELLS, unwrapArgv } from '../../shell/unwrap-command.js';
import { consoleSubcommands, interactiveClients, terminalFlags } from '../vocabulary.js';
import { readStatementCommands, type StatementCommand, type StatementWord } from './read-statement-commands.js';

export interface Session {
  /** A shell reads the lines after it (closed by `exit`), or a client does (closed by `quit`, `\q`). */
  kind: 'shell' | 'client';
  reason: Extract<ManualReason, 'remote-session' | 'interactive-session' | 'client-input' | 'root-prompt'>;
  /** `ssh`, `kubectl exec`, `sudo -i`, `mysql`… */
  program: string;
  /** The host, pod or container, as written. */
  target?: string;
  /** For people: "on db01 (ssh)", "in the mysql session opened by `mysql -u root -p`". */
  where: string;
  /** The command that opened it, as written. */
  opener?: string;
}

/** Where the command runs: looked through `ssh host '…'` and `kubectl exec pod --`. */
interface Context {
  via: string[];
  remote: string | null;
  /** The session the wrappers themselves make, for the description ("on db01 (ssh)"). */
  around?: string;
}

const MAX_DEPTH = 3;
const base = (value: string | null | undefined): string => (value ?? '').slice((value ?? '').lastIndexOf('/') + 1);

/** The session a statement's command opens, if it opens one and nothing is fed to it. */
export function findOpener(command: StatementCommand, opener: string): Session | undefined {
  if (command.nested || command.fedInput) return undefined;
  return openerOf(command.argv, { via: [], remote: null }, opener, 0);
}

function openerOf(argv: readonly StatementWord[], context: Context, opener: string, depth: number): Session | undefined {
  for (const layer of unwrapArgv(argv, context.via, context.remote)) {
    const inner: Context = { via: layer.via, remote: layer.remote, ...(context.around !== undefined && { around: context.around }) };
    if (layer.kind === 'stdin-shell') return shellSession(layer.argv as StatementWord[], layer.by, inner, opener, argv);
    if (layer.kind === 'script') {
      const values = layer.words.map((word) => word.value);
      if (depth >= MAX_DEPTH || values.some((value) => value === null)) continue;
      const around = placeOf(layer.by, layer.remote, layer.via);
      for (const nested of readStatementCommands(values.join(' ')) ?? []) {
        if (nested.nested || nested.fedInput) continue;
        const found = openerOf(nested.argv, { via: layer.via, remote: layer.remote, ...(around !== undefined && { around }) }, opener, depth + 1);
        if (found) return found;
      }
      continue;
    }
    const found = toolSession(layer.argv as StatementWord[], inner, opener) ?? clientSession(layer.argv as StatementWord[], inner, opener);
    if (found) return found;
  }
  return undefined;
}

/** A shell given nothing to read: its session is the terminal's. */
function shellSession(argv: readonly StatementWord[], by: string, context: Context, opener: string, whole: readonly StatementWord[]): Session {
  const name = base(argv[0]?.value);
  const wrapper = context.via.at(-1);
  if (by === 'ssh') return remote('ssh', targetRaw(whole, context.remote), opener, context);
  if (wrapper !== undefined && / exec$/.test(wrapper)) {
    const kind = /^(?:kubectl|oc)/.test(wrapper) ? 'pod' : 'container';
    return remote(wrapper, targetRaw(whole, context.remote), opener, context, kind);
  }
  if (by === 'sudo -s') {
    const login = argv.some((word) => /^-[a-zA-Z]*i/.test(word.value ?? '') || word.value === '--login');
    const user = optionValue(argv, ['-u', '--user']) ?? argv.find((word, i) => /^-[a-zA-Z]*u$/.test(argv[i - 1]?.value ?? ''))?.raw;
    const program = login ? 'sudo -i' : 'sudo -s';
    return local(program, `in a shell as ${user ?? 'root'} (${program})`, opener, context, user);
  }
  if (by === 'su') {
    const user = argv.slice(1).find((word) => word.value !== null && !word.value.startsWith('-'))?.raw ?? 'root';
    return local('su', `in a shell as ${user} (su)`, opener, context, user);
  }
  return local(name || by, `in a new ${name || 'shell'} shell`, opener, context);
}

/** `-it`, `-ti`, `-i -t`, `--stdin --tty`: the command gets the keyboard and the terminal. */
export function hasTerminalFlags(values: readonly (string | null)[]): boolean {
  const short = (letter: string): boolean => values.some((value) => value !== null && /^-[a-zA-Z]+$/.test(value) && value.slice(1).includes(letter));
  const long = (names: readonly string[]): boolean => values.some((value) => value !== null && names.includes(value));
  return (short('i') || long(terminalFlags.stdin)) && (short('t') || long(terminalFlags.tty));
}

/** Sessions opened by tools that unwrap-command does not look into. */
function toolSession(argv: readonly StatementWord[], context: Context, opener: string): Session | undefined {
  const name = base(argv[0]?.value);
  const values = argv.map((word) => word.value);
  const operands = operandsOf(argv, 1);
  // A verb only known at run time is no verb we know.
  const verb = operands[0] === undefined ? undefined : (operands[0].value ?? '');
  const has = (...flags: string[]): boolean => values.some((value) => value !== null && flags.includes(value));
  const hasTerminal = (): boolean => hasTerminalFlags(values);
  const endsInShell = (from: number): boolean => {
    const rest = argv.slice(from).filter((word) => word.value !== '--');
    return rest.length === 0 || (rest.length === 1 && SHELLS.has(base(rest[0]?.value)));
  };
  if ((name === 'oc' && verb === 'rsh') || (name === 'kubectl' && verb === 'exec')) {
    const pod = operands[1];
    if (name === 'oc' && pod && operands.length === 2) return remote('oc rsh', pod.raw, opener, context, 'pod');
    return undefined;
  }
  if ((name === 'kubectl' || name === 'oc') && (verb === 'attach' || verb === 'run' || verb === 'debug') && hasTerminal()) {
    const dashes = values.indexOf('--');
    if (dashes !== -1 && !endsInShell(dashes + 1)) return undefined;
    const pod = operands[1]?.raw;
    return remote(`${name} ${verb}`, pod ?? '(a new pod)', opener, context, 'pod');
  }
  if ((name === 'docker' || name === 'podman' || name === 'nerdctl') && (verb === 'run' || verb === 'attach') && (verb === 'attach' || hasTerminal())) {
    const image = operandsOf(argv, argv.indexOf(operands[0] as StatementWord) + 1, CONTAINER_RUN_VALUED)[0];
    if (verb === 'run' && image && !endsInShell(argv.indexOf(image) + 1)) return undefined;
    return remote(`${name} ${verb}`, image?.raw ?? '(a container)', opener, context, 'container');
  }
  if ((name === 'mosh' || name === 'telnet') && operands.length >= 1 && (name === 'telnet' || operands.length === 1)) return remote(name, operands[0]?.raw, opener, context);
  if (name === 'vagrant' && verb === 'ssh' && !has('-c', '--command')) return remote('vagrant ssh', operands[1]?.raw ?? 'the vagrant machine', opener, context);
  if (name === 'gcloud' && values.includes('ssh') && !values.some((value) => value?.startsWith('--command'))) {
    return remote('gcloud compute ssh', operands[operands.findIndex((word) => word.value === 'ssh') + 1]?.raw, opener, context);
  }
  if (name === 'aws' && verb === 'ssm' && operands[1]?.value === 'start-session') return remote('aws ssm start-session', optionValue(argv, ['--target']), opener, context);
  if (name === 'minikube' && verb === 'ssh' && operands.length === 1) return remote('minikube ssh', 'the minikube node', opener, context);
  if (name === 'screen' && !values.some((value) => value !== null && /^-(?:ls|list|d?m\w*|X|Q|v|h|wipe)$/.test(value)) && operands.length <= 1) {
    return local('screen', 'in the screen session (screen)', opener, context);
  }
  if ((name === 'tmux' || name === 'byobu') && (verb === undefined || (['attach', 'a', 'at', 'attach-session', 'new', 'new-session'].includes(verb) && !has('-d')))) {
    return local(`${name}${verb ? ` ${verb}` : ''}`, `in the ${name} session (${name}${verb ? ` ${verb}` : ''})`, opener, context);
  }
  if (name === 'chroot' && operands.length === 1) return local('chroot', `in the chroot ${operands[0]?.raw ?? ''} (chroot)`, opener, context);
  if ((name === 'machinectl' && verb === 'shell') || ((name === 'toolbox' || name === 'distrobox') && verb === 'enter')) return local(`${name} ${verb}`, `in the ${name} shell (${name} ${verb})`, opener, context);
  return undefined;
}

// Options of `docker run` that take a value, so that the image is found after them.
const CONTAINER_RUN_VALUED = ['-e', '--env', '--env-file', '-v', '--volume', '-p', '--publish', '--name', '-w', '--workdir', '-u', '--user', '--network', '--net', '--entrypoint', '--mount', '-l', '--label', '--platform', '--pull', '-h', '--hostname', '--add-host', '--cpus', '-m', '--memory', '--restart', '--device', '--cap-add', '--cap-drop', '--security-opt', '--ulimit', '--log-driver', '--log-opt'];

/** A client that reads its input from the keyboard when it is given none on the command line. */
function clientSession(argv: readonly StatementWord[], context: Context, opener: string): Session | undefined {
  let words = argv;
  // `bundle exec rails c`, `python3 manage.py shell`: the program is the one after the launcher.
  if (base(words[0]?.value) === 'bundle' && words[1]?.value === 'exec') words = words.slice(2);
  if (/^python[\d.]*$/.test(base(words[0]?.value)) && base(words[1]?.value) === 'manage.py') words = words.slice(1);
  const name = base(words[0]?.value);
  const sub = consoleSubcommands.find((entry) => entry.program === name && entry.subcommands.includes(words[1]?.value ?? ''));
  if (sub) return client(sub.client, opener, context);
  const entry = interactiveClients.find((candidate) => candidate.names.includes(name));
  if (!entry) return undefined;
  const given = words.slice(1).some((word) => {
    const value = word.value ?? '';
    return entry.given.some((option) => value === option || value.startsWith(`${option}=`) || (/^-[a-zA-Z]$/.test(option) && value.startsWith(option) && !value.startsWith('--')));
  });
  if (given) return undefined;
  const operands = operandsOf(words, 1, entry.valued ?? []);
  if (operands.length > entry.operands) return undefined;
  // `sftp host:file` fetches a file; `mongosh script.js` runs one.
  if (name === 'sftp' && operands.some((word) => (word.value ?? '').includes(':'))) return undefined;
  if ((name === 'mongosh' || name === 'mongo') && operands.some((word) => /\.js$/.test(word.value ?? ''))) return undefined;
  return client(name, opener, context);
}

function client(program: string, opener: string, context: Context): Session {
  const place = placeOf(context.via.at(-1) ?? '', context.remote, context.via) ?? context.around;
  return { kind: 'client', reason: 'client-input', program, where: `in the ${program} session opened by \`${firstLine(opener)}\`${place ? `, ${place}` : ''}`, opener, ...(context.remote !== null && { target: context.remote }) };
}

function remote(program: string, target: string | undefined, opener: string, context: Context, kind?: 'pod' | 'container'): Session {
  const shown = target ?? '(a host known at run time)';
  const where = kind ? `in ${kind} ${shown} (${program})` : `on ${shown} (${program})`;
  return { kind: 'shell', reason: 'remote-session', program, target: shown, where: context.around ? `${where}, ${context.around}` : where, opener };
}

function local(program: string, where: string, opener: string, context: Context, target?: string): Session {
  // `ssh db01 -t sudo -i` is a root shell on db01: still a session on another machine.
  const reason = context.remote !== null ? 'remote-session' : 'interactive-session';
  const place = context.around ?? placeOf(context.via.at(-1) ?? '', context.remote, context.via);
  return { kind: 'shell', reason, program, ...(target !== undefined && { target }), where: place ? `${where}, ${place}` : where, opener };
}

/** "on db01 (ssh)", "in pod web-0 (kubectl exec)" for what a wrapper runs its command on. */
function placeOf(by: string, remoteTarget: string | null, via: readonly string[]): string | undefined {
  if (remoteTarget === null) return undefined;
  const wrapper = by === 'ssh' ? 'ssh' : (via.filter((name) => name === 'ssh' || / exec$/.test(name) || name === 'ansible').at(-1) ?? by);
  if (/^(?:kubectl|oc) exec$/.test(wrapper)) return `in pod ${remoteTarget} (${wrapper})`;
  if (/ exec$/.test(wrapper)) return `in container ${remoteTarget} (${wrapper})`;
  return `on ${remoteTarget} (${wrapper})`;
}

/** Operands from `from` on: words that are not options, skipping the values of `valued` options. */
function operandsOf(argv: readonly StatementWord[], from: number, valued: readonly string[] = []): StatementWord[] {
  const found: StatementWord[] = [];
  for (let i = from; i < argv.length; i++) {
    const value = argv[i]?.value;
    if (value === '--') {
      found.push(...argv.slice(i + 1));
      break;
    }
    if (value !== null && value !== undefined && value.startsWith('-') && value !== '-') {
      if (valued.includes(value)) i += 1;
      continue;
    }
    found.push(argv[i] as StatementWord);
  }
  return found;
}

function optionValue(argv: readonly StatementWord[], names: readonly string[]): string | undefined {
  for (const [i, word] of argv.entries()) {
    const value = word.value ?? '';
    if (names.includes(value)) return argv[i + 1]?.raw;
    const attached = names.find((name) => name.startsWith('--') && value.startsWith(`${name}=`));
    if (attached) return value.slice(attached.length + 1);
  }
  return undefined;
}

/** The host, pod or container word as written (a placeholder stays `<host>`). */
function targetRaw(argv: readonly StatementWord[], remoteTarget: string | null): string | undefined {
  if (remoteTarget === null) return undefined;
  const word = argv.find((candidate) => candidate.value === remoteTarget) ?? argv.find((candidate, index) => index > 0 && candidate.value === null);
  return word?.raw ?? remoteTarget;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}
