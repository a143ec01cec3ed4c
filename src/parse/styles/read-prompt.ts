// Prompts at the start of a line, found before any parse: `mysql> SELECT 1;` is input to mysql,
// not a shell command that writes to a file named SELECT. And the lines that end a session.
import { clientClosers, clientPrompts, hostPrompts, shellClosers } from '../vocabulary.js';
import type { Session } from './session-openers.js';

export interface Prompt {
  /** The prompt as written, without its trailing space: `mysql>`, `root@db01:~#`. */
  prompt: string;
  /** The session the line is typed into. */
  session: Session;
}

/** The prompt `line` starts with, if it starts with one of a client, a REPL or a named host. */
export function readPrompt(line: string): Prompt | undefined {
  for (const pattern of hostPrompts) {
    const match = pattern.exec(line);
    if (!match) continue;
    const prompt = match[0].trimEnd();
    const host = match[1] ?? '';
    return { prompt, session: { kind: 'shell', reason: 'remote-session', program: 'its prompt', target: host, where: `on ${host} (the \`${prompt}\` prompt)` } };
  }
  for (const { client, prompt: pattern } of clientPrompts) {
    const match = pattern.exec(line);
    if (!match) continue;
    const prompt = match[0].trim();
    return { prompt, session: { kind: 'client', reason: 'client-input', program: client, where: `at the \`${prompt}\` prompt${client === 'a client' ? '' : ` (${client})`}` } };
  }
  return undefined;
}

const clientClosing = new Set<string>(clientClosers);
const shellClosing = new Set<string>(shellClosers);

/** Whether `line` ends a session of this kind: `\q`, `quit`, `exit;` for a client; `exit`, `logout` for a shell. */
export function closesSession(line: string, kind: Session['kind']): boolean {
  const prompt = readPrompt(line);
  const typed = (prompt ? line.slice(prompt.prompt.length) : line.replace(/^\s*\$\s?/, ''))
    .replace(/\s+#.*$/, '')
    .trim()
    .replace(/;$/, '')
    .trim()
    .toLowerCase();
  if (kind === 'client') return clientClosing.has(typed);
  return shellClosing.has(typed) || /^exit\s+\d+$/.test(typed);
}
