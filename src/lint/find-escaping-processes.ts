// `setsid`, `nohup` and `disown` are how a person at a terminal keeps a process running after
// they log out. In a run, every process a step started is ended when the step ends, so a
// runbook that means to leave a daemon running is mistaken; and `setsid` moves a process out of
// the step's session, where the engine finds it only while its parent still runs. A text check
// on the command, outside comments, until the shell parser can tell a command word from an argument.
import type { Command, Diagnostic, Step } from '../model/runbook.js';
import { offsetPosition } from './offset-position.js';

const escapes: { word: string; why: string }[] = [
  { word: 'setsid', why: 'moves a process out of its step\'s session: runbook finds it only while its parent runs, and ends it with the step' },
  { word: 'nohup', why: 'does not keep a process running after its step: runbook ends every process a step started when the step ends' },
  { word: 'disown', why: 'does not keep a process running after its step: runbook ends every process a step started when the step ends' },
];

const commandWord = new RegExp(`(?:^|[\\s;&|(\`])(${escapes.map((e) => e.word).join('|')})(?=$|[\\s;&|)])`, 'g');

export function findEscapingProcesses(step: Step): Diagnostic[] {
  return step.commands.flatMap((command) => findIn(step, command));
}

function findIn(step: Step, command: Command): Diagnostic[] {
  const found: Diagnostic[] = [];
  let offset = 0;
  for (const line of command.text.split('\n')) {
    const code = line.replace(/(^|\s)#.*$/, '$1');
    for (const match of code.matchAll(commandWord)) {
      const word = match[1] as string;
      const why = escapes.find((e) => e.word === word)?.why ?? '';
      found.push({
        severity: 'warning',
        ruleId: 'process-escape',
        message: `Command of ${step.id} uses \`${word}\`, which ${why}; run long-lived processes under a service manager (systemctl, kubectl) instead`,
        position: offsetPosition(command.text, offset + (match.index ?? 0) + match[0].indexOf(word), command.position),
      });
    }
    offset += line.length + 1;
  }
  return found;
}
