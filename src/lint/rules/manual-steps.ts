// Rules `manual-<reason>`: lines of a shell block that are done by hand (SPEC §2) say why they
// are not run, and how to write them so that they can be: give the session its commands on the
// command line or as a heredoc (`ssh host 'cmd'`, `psql -c '…'`, `mysql -e '…'`).
import type { Attestation, Diagnostic, ManualStep, Runbook } from '../../model/runbook.js';
import { readPrompt, closesSession } from '../../parse/styles/read-prompt.js';
import { isCommentOrBlank } from '../../parse/styles/read-statement.js';

/** What the operator types into the session: the lines after its opener, prompts taken off, closers left out. */
export function typedLines(attestation: Pick<Attestation, 'text'>, manual: ManualStep): string[] {
  const text = manual.opener !== undefined && attestation.text.startsWith(manual.opener) ? attestation.text.slice(manual.opener.length) : attestation.text;
  const kind = manual.reason === 'client-input' ? 'client' : 'shell';
  return text
    .split('\n')
    .map((line) => {
      const prompt = readPrompt(line);
      return (prompt ? line.slice(prompt.prompt.length) : line.replace(/^\s*\$ /, '').replace(/^# /, manual.reason === 'root-prompt' ? '' : '# ')).trim();
    })
    .filter((line) => !isCommentOrBlank(line) && !closesSession(line, kind));
}

const quote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`;

/** The opener made to take its input, or undefined when none is known. */
function executableForm(manual: ManualStep, typed: readonly string[]): string | undefined {
  const opener = manual.opener?.trim().split('\n')[0];
  const one = typed.length === 1 ? typed[0] : undefined;
  const heredoc = (command: string): string => `\`${command} <<'EOF'\` with the lines, then \`EOF\``;
  if (manual.reason === 'comment-only' || manual.reason === 'message' || manual.reason === 'sample-output' || manual.reason === 'counter-example' || manual.reason === 'example' || manual.reason === 'elsewhere' || opener === undefined) return undefined;
  const noTerminal = opener.replace(/\s-(?:it|ti)\b/, ' -i').replace(/\s-t\b/, '');
  switch (manual.program) {
    case 'ssh':
      return one !== undefined ? `\`${noTerminal} ${quote(one)}\`` : heredoc(`${noTerminal} bash -s`);
    case 'kubectl exec':
    case 'oc exec':
    case 'docker exec':
    case 'podman exec': {
      const base = noTerminal.replace(/\s--\s.*$/, '').replace(/\s+(?:ba|z|da|k)?sh$/, '');
      return one !== undefined ? `\`${base} -- sh -c ${quote(one)}\`` : heredoc(`${base} -- sh`);
    }
    case 'oc rsh':
      return one !== undefined ? `\`${opener} sh -c ${quote(one)}\`` : heredoc(`${opener.replace(/^oc rsh/, 'oc exec -i')} -- sh`);
    case 'sudo -i':
    case 'sudo -s':
    case 'su':
      return one !== undefined ? `\`sudo ${one}\`` : heredoc('sudo bash -s');
    case 'psql':
      return one !== undefined ? `\`${opener} -c ${quote(one)}\`` : heredoc(opener);
    case 'mysql':
    case 'mariadb':
      return one !== undefined ? `\`${opener} -e ${quote(one)}\` (with the password in an option file, \`--defaults-extra-file\`)` : heredoc(opener);
    case 'mongosh':
    case 'mongo':
      return one !== undefined ? `\`${opener} --eval ${quote(one)}\`` : heredoc(opener);
    case 'sftp':
      return heredoc(opener.replace(/^sftp\b/, 'sftp -b -'));
    case 'redis-cli':
    case 'valkey-cli':
    case 'sqlite3':
      return one !== undefined ? `\`${opener} ${quote(one)}\`` : heredoc(opener);
    default:
      return heredoc(opener);
  }
}

const whatItIs: Record<ManualStep['reason'], string> = {
  'remote-session': 'lines typed into a session on another machine',
  'interactive-session': 'lines typed into a shell that needs a person at a terminal',
  'client-input': 'input to a client, not shell commands',
  message: 'a message for people, not a command',
  'comment-only': 'a block of only comments',
  'sample-output': 'output pasted after a command (a line in capitals, a table under it), not a command',
  'counter-example': 'a block the text right before it says not to run ("Wrong:", "Do not run the following")',
  example: 'a block the text right before it calls an example ("Example:", "For instance:")',
  'root-prompt': 'lines typed at a root shell\'s `#` prompt',
  elsewhere: 'lines the text before them says to type on another machine',
};

function howToRun(manual: ManualStep, typed: readonly string[]): string {
  if (manual.reason === 'message') return 'Put the message in the prose (or a `>` quote) outside the code block, or `echo` it';
  if (manual.reason === 'example') return 'If it only illustrates, tag it `text`; if it is a step, say what it does in the text before it';
  if (manual.reason === 'counter-example') return 'If it is an example of what not to do, tag it `text`; if it is to run, say so in the text before it';
  if (manual.reason === 'sample-output') return 'Move the output out of the shell block: into a `text` block after an "Expected output:" line (shown, not checked), or write the block as a `console` transcript to check it';
  if (manual.reason === 'elsewhere') {
    const host = manual.target !== undefined && !/\s/.test(manual.target) ? manual.target : 'HOST';
    return `To run them from here, send them there: \`ssh ${host} '…'\` (or \`kubectl exec … -- sh -c '…'\` for a pod); if they are meant to run here, say so ("On your workstation, run:")`;
  }
  if (manual.reason === 'comment-only') return 'Add the command, or write the instruction as a task item (`- [ ] …`) to confirm';
  if (manual.reason === 'root-prompt') return `Write each as a shell command with \`sudo\`${typed[0] !== undefined ? ` (\`sudo ${typed[0]}\`)` : ''} in a \`bash\` block, or as \`$ sudo …\` in a transcript`;
  const form = executableForm(manual, typed);
  if (form !== undefined) return `To run them, give the session its input: ${form}`;
  if (manual.program !== undefined) return `To run them, give ${manual.program} its input on the command line or as a heredoc`;
  return 'To run them, give the client its input on the command line or as a heredoc';
}

export function lintManualSteps(runbook: Runbook): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const step of runbook.steps) {
    for (const attestation of step.attestations) {
      const manual = attestation.manual;
      if (attestation.kind !== 'manual' || manual === undefined) continue;
      const typed = typedLines(attestation, manual);
      const where = manual.session !== undefined && manual.reason !== 'root-prompt' ? ` (${manual.session})` : '';
      found.push({
        severity: 'warning',
        ruleId: `manual-${manual.reason}`,
        message: `Not run: ${whatItIs[manual.reason]}${where}; step ${step.id} shows them as a manual step for the operator to confirm. ${howToRun(manual, typed)}`,
        position: attestation.position,
      });
    }
  }
  return found;
}
