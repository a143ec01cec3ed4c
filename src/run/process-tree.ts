// The processes a command started, found through /proc (Linux): its session (the shell leads one
// of its own), every process group in it, and the processes that left it (`setsid … &`, a double
// fork), found as descendants while their ancestors live. Ending a command ends all of them.
// Where /proc cannot be read, only the shell's own process group is known.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ProcessRef } from '../model/events.js';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  session: number;
  /** R, S, D, Z…; a zombie (Z) or a dead (X) process is gone for our purposes. */
  state: string;
  /** Clock ticks after boot: with the pid, tells a process from a later one given the same pid. */
  startTime: number;
  name: string;
}

export function readProcess(pid: number): ProcessInfo | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime
  // stime cutime cstime priority nice num_threads itrealvalue starttime …: comm may hold spaces
  // and parentheses, so the fields are split after the last `)`.
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  return {
    pid,
    name: stat.slice(stat.indexOf('(') + 1, close),
    state: fields[0] ?? '?',
    ppid: Number(fields[1]),
    pgrp: Number(fields[2]),
    session: Number(fields[3]),
    startTime: Number(fields[19]),
  };
}

/** Every process the machine has (or those whose pid passes `only`), or undefined where /proc cannot be read. */
export function readProcesses(only?: (pid: number) => boolean): ProcessInfo[] | undefined {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const found: ProcessInfo[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    if (only && !only(Number(name))) continue;
    const info = readProcess(Number(name));
    if (info) found.push(info);
  }
  return found;
}

export function isLiving(info: ProcessInfo): boolean {
  return info.state !== 'Z' && info.state !== 'X';
}

let cachedBootId: string | null | undefined;

/** This boot of the machine: after a reboot, no process of an earlier one can still run. */
export function bootId(): string | null {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    } catch {
      cachedBootId = null;
    }
  }
  return cachedBootId;
}

/** The processes of one command: the session its shell leads, and whatever left that session. */
export class ProcessWatch {
  /** Sessions whose every member is ours: the shell's, and those our escapees made. */
  private readonly sessions = new Set<number>();
  /** Processes seen outside our sessions, by pid, with their start time. */
  private readonly escaped = new Map<number, number>();
  private readonly signalled = new Map<string, NodeJS.Signals>();
  readonly leader: ProcessRef;
  // Every process of ours was born after the shell, so its pid lies between the shell's and the
  // last pid handed out (modulo pid_max): reading only those is what keeps ending a command cheap
  // on a machine with thousands of processes. Watched while the command runs: once the pids have
  // gone all the way round past the shell's, every process is read.
  private lastPid: number | undefined;
  private wrapped = false;
  private cycled = false;

  constructor(pid: number) {
    this.sessions.add(pid);
    this.leader = { pid, startTime: readProcess(pid)?.startTime ?? 0, session: true };
    this.lastPid = readLastPid();
    if (this.lastPid === undefined) this.cycled = true;
  }

  private readPidClock(): void {
    if (this.cycled) return;
    const now = readLastPid();
    if (now === undefined) {
      this.cycled = true;
      return;
    }
    if (now < (this.lastPid as number)) this.wrapped = true;
    if (this.wrapped && now >= this.leader.pid) this.cycled = true;
    this.lastPid = now;
  }

  /** Whether a process with this pid can be ours (see lastPid). */
  private readonly mayBeOurs = (pid: number): boolean => this.cycled || bornSince(pid, this.leader.pid, this.lastPid as number, this.wrapped);

  /** Every process that may be ours, as it is now. */
  private readCandidates(): ProcessInfo[] | undefined {
    this.readPidClock();
    return readProcesses(this.mayBeOurs);
  }

  /**
   * Looks for descendants that left our sessions, walking down from the shell and from what left
   * before (a few small reads, cheap enough to repeat while the command runs); returns the ones
   * not seen before. Without /proc/PID/task/TID/children, a scan of every process does it.
   */
  scan(): ProcessRef[] {
    this.readPidClock();
    const roots = [this.leader.pid, ...this.escaped.keys()];
    const found: ProcessRef[] = [];
    const seen = new Set<number>();
    for (let pid = roots.pop(); pid !== undefined; pid = roots.pop()) {
      if (seen.has(pid)) continue;
      seen.add(pid);
      const children = childrenOf(pid);
      if (children === undefined) return this.note(this.readCandidates());
      for (const child of children) {
        const info = readProcess(child);
        if (!info || !isLiving(info)) continue;
        found.push(...this.note([info]));
        roots.push(child);
      }
    }
    return found;
  }

  /** Our processes still living: our sessions' members, our escapees, and their descendants. */
  living(all = this.readCandidates()): ProcessInfo[] | undefined {
    return all === undefined ? undefined : this.members(all).filter(isLiving);
  }

  /**
   * Sends `signal` to every process of ours, each at most once per signal, from one scan of
   * every process. Returns how many were living (0: nothing left to wait for), and what was
   * found to have left our sessions; without /proc, signals the shell's process group.
   */
  signal(signal: NodeJS.Signals): { living: number; escaped: ProcessRef[] } {
    const all = this.readCandidates();
    if (all === undefined) {
      sendSignal(-this.leader.pid, signal);
      return { living: 1, escaped: [] };
    }
    const escaped = this.note(this.members(all));
    const living = parentsFirst(this.members(all).filter(isLiving));
    for (const info of living) {
      const key = `${info.pid}:${info.startTime}`;
      if (this.signalled.get(key) === signal) continue;
      this.signalled.set(key, signal);
      sendSignal(info.pid, signal);
    }
    return { living: living.length, escaped };
  }

  /** Records the processes among `infos` that are outside our sessions; returns the new ones. */
  private note(infos: readonly ProcessInfo[] | undefined): ProcessRef[] {
    const found: ProcessRef[] = [];
    for (const info of infos ?? []) {
      if (this.sessions.has(info.session) || this.escaped.get(info.pid) === info.startTime) continue;
      this.escaped.set(info.pid, info.startTime);
      // Its session, when it made one, holds only its own descendants: all of it is ours.
      this.sessions.add(info.session);
      found.push({ pid: info.pid, startTime: info.startTime, session: info.session === info.pid });
    }
    return found;
  }

  private members(all: readonly ProcessInfo[]): ProcessInfo[] {
    const children = new Map<number, ProcessInfo[]>();
    for (const info of all) {
      const list = children.get(info.ppid);
      if (list) list.push(info);
      else children.set(info.ppid, [info]);
    }
    const ours = new Map<number, ProcessInfo>();
    const queue = all.filter((info) => this.sessions.has(info.session) || this.escaped.get(info.pid) === info.startTime);
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (ours.has(next.pid)) continue;
      ours.set(next.pid, next);
      queue.push(...(children.get(next.pid) ?? []));
    }
    return [...ours.values()];
  }
}

/**
 * Whether `pid` can belong to a process born since `leader` was, the kernel having handed out
 * pids up to `last` since, going round past pid_max once if `wrapped`.
 */
export function bornSince(pid: number, leader: number, last: number, wrapped: boolean): boolean {
  return wrapped ? pid >= leader || pid <= last : pid >= leader && pid <= last;
}

/** The last pid the kernel handed out (in this pid namespace), or undefined where it does not say. */
function readLastPid(): number | undefined {
  try {
    const value = Number(readFileSync('/proc/sys/kernel/ns_last_pid', 'utf8'));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The children of every thread of `pid`; undefined where the kernel does not list them. */
function childrenOf(pid: number): number[] | undefined {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return []; // gone
  }
  const children: number[] = [];
  for (const task of tasks) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync(`/proc/${pid}/task/${task}`)) return undefined;
      continue;
    }
    for (const word of text.split(' ')) if (word !== '') children.push(Number(word));
  }
  return children;
}

/**
 * Processes of the given references that still run on this machine (the same boot): a session's
 * members that started no earlier than its leader, and single processes with their start time.
 */
export function findStillRunning(refs: readonly ProcessRef[], recordedBoot: string | null): ProcessInfo[] {
  if (recordedBoot === null || recordedBoot !== bootId()) return [];
  const all = readProcesses() ?? [];
  return all.filter((info) => isLiving(info) && refs.some((ref) => ref.session
    ? info.session === ref.pid && info.startTime >= ref.startTime
    : info.pid === ref.pid && info.startTime === ref.startTime));
}

/** TERM, then KILL after `graceMs` for what is left; resolves with what still runs after that. */
export async function endProcesses(processes: readonly ProcessInfo[], graceMs: number): Promise<ProcessInfo[]> {
  const same = (info: ProcessInfo): boolean => readProcess(info.pid)?.startTime === info.startTime && isLiving(readProcess(info.pid) as ProcessInfo);
  for (const info of processes) sendSignal(info.pid, 'SIGTERM');
  const waitGone = async (until: number): Promise<ProcessInfo[]> => {
    for (;;) {
      const left = processes.filter(same);
      if (left.length === 0 || performance.now() >= until) return left;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const left = await waitGone(performance.now() + graceMs);
  for (const info of left) sendSignal(info.pid, 'SIGKILL');
  return waitGone(performance.now() + 2000);
}

/**
 * The processes ordered so that each comes after its parent: a shell signalled after the command
 * it waits for would see that command die first and print "Terminated" into the step's output.
 */
function parentsFirst(infos: readonly ProcessInfo[]): ProcessInfo[] {
  const byPid = new Map(infos.map((info) => [info.pid, info]));
  const depth = new Map<number, number>();
  const depthOf = (info: ProcessInfo): number => {
    const known = depth.get(info.pid);
    if (known !== undefined) return known;
    depth.set(info.pid, 0); // a cycle (a pid reused mid-scan) stops here
    const parent = byPid.get(info.ppid);
    const value = parent && parent !== info ? depthOf(parent) + 1 : 0;
    depth.set(info.pid, value);
    return value;
  };
  return [...infos].sort((a, b) => depthOf(a) - depthOf(b));
}

function sendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Gone already.
  }
}
