// Looks through the commands that run another command: `sudo`, `env`, `nohup`, `timeout`, `nice`,
// `ionice`, `stdbuf`, `time`, `command`, `builtin`, `exec`, `xargs`, `parallel`, `find -exec`, `kubectl|oc exec … --`,
// `docker|podman exec`, and those that hand a string to a shell again: `bash|sh|zsh|dash|ksh -c`,
// `eval`, `su -c`, `ssh host …`, `watch …`, `ansible … -a`, `salt … cmd.run`, `sudo -s …`. Works on argv values
// alone; a word only known at run time (null) ends the look inside, never guesses past it.

export interface ArgvWord {
  /** The word's value, or null when only the shell knows it. */
  value: string | null;
  /** Index of the word in the simple command it comes from (0 is the command name). */
  index: number;
}

export type Unwrapped =
  /** The command that finally runs, with the wrappers around it. */
  | { kind: 'command'; argv: ArgvWord[]; via: string[]; remote: string | null }
  /** These words, joined by spaces, are parsed and run as shell code again. */
  | { kind: 'script'; words: ArgvWord[]; by: string; via: string[]; remote: string | null }
  /** A shell that reads its script from standard input (a heredoc or pipe fed to it): `argv`. */
  | { kind: 'stdin-shell'; argv: ArgvWord[]; by: string; via: string[]; remote: string | null };

export const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'mksh', 'ash']);

const basename = (value: string | null): string | null => (value === null ? null : value.slice(value.lastIndexOf('/') + 1));

/**
 * Index of the first operand at or after `from`, skipping options; options in `withValue`
 * (`-u`, `--user`) take the next word unless written attached (`-uroot`, `--user=root`). `--`
 * ends the options. A word only known at run time counts as an operand.
 */
function skipOptions(argv: readonly ArgvWord[], from: number, withValue: readonly string[]): number {
  let i = from;
  while (i < argv.length) {
    const value = argv[i]?.value;
    if (value === null || value === undefined || value === '-' || !value.startsWith('-')) return i;
    if (value === '--') return i + 1;
    if (value.startsWith('--')) {
      i += !value.includes('=') && withValue.includes(value) ? 2 : 1;
      continue;
    }
    let takesNext = false;
    for (let k = 1; k < value.length; k++) {
      if (withValue.includes(`-${value[k]}`)) {
        takesNext = k === value.length - 1;
        break;
      }
    }
    i += takesNext ? 2 : 1;
  }
  return i;
}

const isAssignment = (word: ArgvWord | undefined): boolean => /^[A-Za-z_][A-Za-z0-9_]*=/.test(word?.value ?? '');

function skipAssignments(argv: readonly ArgvWord[], from: number): number {
  let i = from;
  while (isAssignment(argv[i])) i++;
  return i;
}

/** Short options of a shell that appear in `-ec`, `-lc`, `-c`. */
function shellTakesString(argv: readonly ArgvWord[], from: number): { script: number | null; operand: number } {
  let i = from;
  let command = false;
  while (i < argv.length) {
    const value = argv[i]?.value ?? null;
    if (value === null || !/^[-+]/.test(value) || value === '-' || value === '--') break;
    if (/^[-+]o$/.test(value)) {
      i += 2;
      continue;
    }
    if (!value.startsWith('--') && value.slice(1).includes('c')) command = true;
    i++;
  }
  if (argv[i]?.value === '--' || argv[i]?.value === '-') i++;
  return { script: command ? i : null, operand: i };
}

type Unwrapper = (argv: readonly ArgvWord[], via: string[], remote: string | null) => Unwrapped[];

/** `name [options] command…`: the command starts at the first operand. */
const prefix =
  (withValue: readonly string[], options: { assignments?: boolean; operandsBefore?: number } = {}): Unwrapper =>
  (argv, via, remote) => {
    let i = skipOptions(argv, 1, withValue);
    if (options.assignments) i = skipAssignments(argv, i);
    i += options.operandsBefore ?? 0;
    return i < argv.length ? unwrapArgv(argv.slice(i), [...via, basename(argv[0]?.value ?? null) ?? ''], remote) : [{ kind: 'command', argv: [...argv], via, remote }];
  };

const asScript = (words: readonly ArgvWord[], by: string, via: string[], remote: string | null): Unwrapped[] => [{ kind: 'script', words: [...words], by, via, remote }];

const WRAPPERS: Readonly<Record<string, Unwrapper>> = {
  sudo: (argv, via, remote) => {
    const i = skipAssignments(argv, skipOptions(argv, 1, ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '--user', '--group', '--chdir', '--host', '--prompt', '--role', '--type', '--other-user', '--close-from', '--command-timeout']));
    const options = argv.slice(1, i).map((word) => word.value ?? '');
    const shell = options.some((value) => /^-[a-zA-Z]*[si]/.test(value) && !value.startsWith('--')) || options.includes('--shell') || options.includes('--login');
    if (shell) return i < argv.length ? asScript(argv.slice(i), 'sudo -s', [...via, 'sudo'], remote) : [{ kind: 'stdin-shell', argv: [...argv], by: 'sudo -s', via, remote }];
    return i < argv.length ? unwrapArgv(argv.slice(i), [...via, 'sudo'], remote) : [{ kind: 'command', argv: [...argv], via, remote }];
  },
  doas: prefix(['-u', '-C']),
  env: (argv, via, remote) => {
    const split = argv.findIndex((word, k) => k > 0 && (word.value === '-S' || word.value?.startsWith('--split-string')));
    if (split !== -1) return asScript(argv.slice(split + 1), 'env -S', [...via, 'env'], remote);
    return prefix(['-u', '-C', '--unset', '--chdir'], { assignments: true })(argv, via, remote);
  },
  nohup: prefix([]),
  timeout: prefix(['-s', '-k', '--signal', '--kill-after'], { operandsBefore: 1 }),
  nice: prefix(['-n', '--adjustment']),
  ionice: prefix(['-c', '-n', '--class', '--classdata']),
  stdbuf: prefix(['-i', '-o', '-e', '--input', '--output', '--error']),
  time: prefix(['-f', '-o', '--format', '--output']),
  command: (argv, via, remote) => (argv.some((word, k) => k > 0 && /^-[a-zA-Z]*[vV]/.test(word.value ?? '')) ? [{ kind: 'command', argv: [...argv], via, remote }] : prefix([])(argv, via, remote)),
  exec: prefix(['-a']),
  builtin: prefix([]),
  // GNU parallel: the command is run once per argument after `:::`.
  parallel: prefix(['-j', '--jobs', '-S', '--sshlogin', '--joblog', '--results', '--delay', '--timeout', '--retries', '-a', '--arg-file', '--colsep', '-d', '--delimiter']),
  xargs: prefix(['-I', '-n', '-P', '-d', '-E', '-e', '-L', '-l', '-s', '-a', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-lines', '--max-chars', '--replace', '--eof']),
  eval: (argv, via, remote) => asScript(argv.slice(1), 'eval', [...via, 'eval'], remote),
  su: (argv, via, remote) => {
    const at = argv.findIndex((word, k) => k > 0 && (word.value === '-c' || word.value === '--command' || word.value?.startsWith('--command=')));
    if (at === -1) return [{ kind: 'stdin-shell', argv: [...argv], by: 'su', via, remote }];
    const attached = argv[at]?.value?.startsWith('--command=');
    return asScript(attached ? [argv[at] as ArgvWord] : argv.slice(at + 1, at + 2), 'su -c', [...via, 'su'], remote);
  },
  ssh: (argv, via, remote) => {
    const host = skipOptions(argv, 1, ['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B']);
    const target = argv[host]?.value ?? null;
    if (host >= argv.length) return [{ kind: 'command', argv: [...argv], via, remote }];
    const at = target ?? '(a host known at run time)';
    // The remote command is every word after the host, joined by spaces, run by the remote shell.
    if (host + 1 >= argv.length) return [{ kind: 'stdin-shell', argv: [...argv], by: 'ssh', via, remote: at }];
    return asScript(argv.slice(host + 1), 'ssh', [...via, 'ssh'], at);
  },
  watch: (argv, via, remote) => {
    const i = skipOptions(argv, 1, ['-n', '--interval', '-q', '--equexit']);
    const exec = argv.slice(1, i).some((word) => word.value === '-x' || word.value === '--exec');
    if (exec) return unwrapArgv(argv.slice(i), [...via, 'watch'], remote);
    return asScript(argv.slice(i), 'watch', [...via, 'watch'], remote);
  },
  ansible: (argv, via, remote) => {
    const values = argv.map((word) => word.value);
    const moduleAt = values.findIndex((value) => value === '-m' || value === '--module-name');
    const module = moduleAt === -1 ? 'command' : (values[moduleAt + 1] ?? null);
    const argsAt = values.findIndex((value) => value === '-a' || value === '--args');
    const pattern = argv.slice(1).find((word) => word.value !== null && !word.value.startsWith('-'))?.value ?? null;
    if (argsAt === -1 || module === null || !/^(?:ansible\.builtin\.)?(?:command|shell|raw)$/.test(module)) return [{ kind: 'command', argv: [...argv], via, remote }];
    return asScript(argv.slice(argsAt + 1, argsAt + 2), 'ansible -a', [...via, 'ansible'], pattern ?? '(hosts known at run time)');
  },
  // `salt 'web*' cmd.run 'systemctl restart nginx'`: the string after cmd.run (or cmd.shell,
  // cmd.script's source aside) is run by a shell on every minion the target names.
  salt: (argv, via, remote) => {
    const words = argv.slice(1).filter((word) => !(word.value ?? '').startsWith('-'));
    const [target, fn, script] = words;
    if (target === undefined || fn?.value === null || !/^cmd\.(?:run|shell|run_all|run_stdout|exec_code_all)$/.test(fn?.value ?? '') || script === undefined) return [{ kind: 'command', argv: [...argv], via, remote }];
    return asScript([script], 'salt cmd.run', [...via, 'salt'], target.value ?? '(minions known at run time)');
  },
  find: (argv, via, remote) => {
    const at = argv.findIndex((word) => /^-(?:exec|execdir|ok|okdir)$/.test(word.value ?? ''));
    if (at === -1) return [{ kind: 'command', argv: [...argv], via, remote }];
    const end = argv.findIndex((word, k) => k > at && (word.value === ';' || word.value === '+'));
    return [{ kind: 'command', argv: [...argv], via, remote }, ...unwrapArgv(argv.slice(at + 1, end === -1 ? argv.length : end), [...via, 'find -exec'], remote)];
  },
};

/** `kubectl|oc [globals] exec [options] POD -- command…` */
function unwrapKubectl(argv: readonly ArgvWord[], via: string[], remote: string | null): Unwrapped[] | undefined {
  const globals = ['-n', '--namespace', '--context', '--kubeconfig', '-s', '--server', '--cluster', '--user', '--as'];
  const verb = skipOptions(argv, 1, globals);
  if (argv[verb]?.value !== 'exec') return undefined;
  const dashes = argv.findIndex((word, k) => k > verb && word.value === '--');
  const pod = skipOptions(argv.slice(0, dashes === -1 ? argv.length : dashes), verb + 1, [...globals, '-c', '--container', '-f', '--filename', '--pod-running-timeout']);
  const target = argv[pod]?.value ?? '(a pod known at run time)';
  const start = dashes === -1 ? pod + 1 : dashes + 1;
  if (start >= argv.length) return [{ kind: 'command', argv: [...argv], via, remote }];
  return unwrapArgv(argv.slice(start), [...via, `${basename(argv[0]?.value ?? null)} exec`], target);
}

/** `docker|podman|nerdctl [globals] exec [options] CONTAINER command…` */
function unwrapContainer(argv: readonly ArgvWord[], via: string[], remote: string | null): Unwrapped[] | undefined {
  const verb = skipOptions(argv, 1, ['-H', '--host', '--context', '--config', '-c', '--connection']);
  if (argv[verb]?.value !== 'exec') return undefined;
  const container = skipOptions(argv, verb + 1, ['-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--detach-keys']);
  if (container + 1 >= argv.length) return [{ kind: 'command', argv: [...argv], via, remote }];
  return unwrapArgv(argv.slice(container + 1), [...via, `${basename(argv[0]?.value ?? null)} exec`], argv[container]?.value ?? '(a container known at run time)');
}

/** Every command `argv` runs, looking through wrappers, innermost last in `via`. */
export function unwrapArgv(argv: readonly ArgvWord[], via: string[] = [], remote: string | null = null): Unwrapped[] {
  const name = basename(argv[0]?.value ?? null);
  if (name === null) return [{ kind: 'command', argv: [...argv], via, remote }];
  if (SHELLS.has(name)) {
    const { script, operand } = shellTakesString(argv, 1);
    if (script !== null) return script < argv.length ? asScript(argv.slice(script, script + 1), `${name} -c`, [...via, `${name} -c`], remote) : [{ kind: 'command', argv: [...argv], via, remote }];
    const readsStdin = operand >= argv.length || argv.slice(1, operand).some((word) => /^-[a-zA-Z]*s/.test(word.value ?? ''));
    return readsStdin ? [{ kind: 'stdin-shell', argv: [...argv], by: name, via, remote }] : [{ kind: 'command', argv: [...argv], via, remote }];
  }
  if (name === 'kubectl' || name === 'oc') return unwrapKubectl(argv, via, remote) ?? [{ kind: 'command', argv: [...argv], via, remote }];
  if (name === 'docker' || name === 'podman' || name === 'nerdctl') return unwrapContainer(argv, via, remote) ?? [{ kind: 'command', argv: [...argv], via, remote }];
  const wrapper = Object.hasOwn(WRAPPERS, name) ? WRAPPERS[name] : undefined;
  return wrapper ? wrapper(argv, via, remote) : [{ kind: 'command', argv: [...argv], via, remote }];
}
