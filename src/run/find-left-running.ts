// After an engine was killed (kill -9, a crash, the OOM killer), the step it was running may go on
// without it. A resume must not run that step a second time beside it: the journal's `processes`
// events say which sessions and processes each unfinished step of the last attempt ran in.
import type { RunEvent } from '../model/events.js';
import { findStillRunning, type ProcessInfo } from './process-tree.js';

export interface LeftRunning {
  stepId: string;
  processes: ProcessInfo[];
}

export function findLeftRunning(events: readonly RunEvent[]): LeftRunning[] {
  let lastStart = -1;
  events.forEach((e, i) => {
    if (e.type === 'run-start') lastStart = i;
  });
  const attempt = events.slice(lastStart + 1);
  const ended = new Set(attempt.filter((e) => e.type === 'step-end').map((e) => (e as Extract<RunEvent, { type: 'step-end' }>).stepId));
  const byStep = new Map<string, LeftRunning>();
  for (const event of attempt) {
    if (event.type !== 'processes' || ended.has(event.stepId)) continue;
    const running = findStillRunning(event.processes, event.bootId);
    if (running.length === 0) continue;
    const entry = byStep.get(event.stepId) ?? { stepId: event.stepId, processes: [] };
    for (const info of running) if (!entry.processes.some((p) => p.pid === info.pid)) entry.processes.push(info);
    byStep.set(event.stepId, entry);
  }
  return [...byStep.values()];
}

/** `step 2: pids 4242 (bash), 4250 (sleep)` */
export function describeLeftRunning(left: readonly LeftRunning[]): string {
  return left.map((l) => `step ${l.stepId}: ${l.processes.length === 1 ? 'pid' : 'pids'} ${l.processes.map((p) => `${p.pid} (${p.name})`).join(', ')}`).join('; ');
}
