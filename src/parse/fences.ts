// Fenced code blocks: which are commands, Runme-style attributes, console transcripts.

export const shellLanguages = new Set(['sh', 'bash', 'shell', 'zsh', 'ksh', 'dash', 'shellscript', 'bash-script']);
export const consoleLanguages = new Set(['console', 'shell-session', 'shellsession', 'terminal', 'sh-session', 'bash-session']);

export interface FenceInfo {
  lang: string | undefined;
  attributes: Record<string, string>;
}

/**
 * Splits an info string into its language and Runme-style `{name=x excludeFromRunAll=true}`
 * attributes. Runme also allows the braces with no language, and quoted values.
 */
export function readFenceInfo(lang: string | null | undefined, meta: string | null | undefined): FenceInfo {
  let info = `${lang ?? ''} ${meta ?? ''}`.trim();
  const attributes: Record<string, string> = {};
  const braces = /\{([^}]*)\}/.exec(info);
  if (braces) {
    const body = braces[1] ?? '';
    // Runme writes attributes as JSON (`{"name":"x","excludeFromRunAll":"true"}`) or as
    // `key=value` pairs; both are read.
    const json = readJsonAttributes(braces[0]);
    if (json) Object.assign(attributes, json);
    else for (const match of body.matchAll(/([A-Za-z_][\w-]*)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,]+)/g)) {
      const raw = match[2] ?? '';
      attributes[match[1] ?? ''] = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
    }
    info = (info.slice(0, braces.index) + info.slice(braces.index + braces[0].length)).trim();
  }
  const word = info.split(/\s+/)[0];
  return { lang: word ? word.toLowerCase() : undefined, attributes };
}

function readJsonAttributes(text: string): Record<string, string> | undefined {
  if (!text.includes('"')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  } catch {
    return undefined;
  }
}

export interface ConsoleCommand {
  text: string;
  /** Index of the command's first line within the block. */
  lineIndex: number;
  expectedOutput: string[];
}

/**
 * A console transcript: `$ ` lines are commands, the lines after each are its expected output.
 * A command ending in `\` continues on the next line (with or without a `> ` prompt).
 */
export function splitConsoleBlock(value: string): ConsoleCommand[] {
  const lines = value.split('\n');
  const commands: ConsoleCommand[] = [];
  let current: ConsoleCommand | undefined;
  let continuing = false;
  for (const [index, line] of lines.entries()) {
    if (continuing && current) {
      current.text += `\n${line.replace(/^> ?/, '')}`;
      continuing = line.endsWith('\\');
      continue;
    }
    const prompt = /^\s*\$(?: (.*))?$/.exec(line);
    if (prompt) {
      current = { text: prompt[1] ?? '', lineIndex: index, expectedOutput: [] };
      commands.push(current);
      continuing = current.text.endsWith('\\');
      continue;
    }
    current?.expectedOutput.push(line);
  }
  for (const command of commands) {
    while (command.expectedOutput.length > 0 && command.expectedOutput.at(-1)?.trim() === '') command.expectedOutput.pop();
  }
  return commands.filter((command) => command.text.trim() !== '');
}
