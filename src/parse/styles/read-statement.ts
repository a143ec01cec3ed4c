// A shell block's lines as a reader takes them: where a statement ends and the next begins. A
// statement goes on over lines while a quote is open, after a trailing `\`, `|`, `&&` or `||`,
// through a heredoc's body and until `if`/`for`/`case`/`{` are closed. This is only where lines
// end, read before any parse: which lines are prompts, comments or a session's input is decided
// line by line, and a line inside a heredoc or a quote is never one of them.

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
}

const OPENING_WORDS = new Set(['if', 'case', 'for', 'while', 'until', 'select', '{']);
const CLOSING_WORDS = new Set(['fi', 'esac', 'done', '}']);
/** After these words a command starts again: `then ssh db01`, `do echo`. */
const COMMAND_POSITION_WORDS = new Set(['then', 'do', 'else', 'elif', '{', '!', 'time']);

/** Reads one statement line by line: `feed` each line until it says the statement is complete. */
export class StatementReader {
  private quote: "'" | '"' | undefined;
  private heredocs: PendingHeredoc[] = [];
  private depth = 0;
  private continued = false;

  /** Whether the statement read so far goes on after this line. */
  feed(line: string): boolean {
    const heredoc = this.heredocs[0];
    if (heredoc && !this.quote) {
      if ((heredoc.stripTabs ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) this.heredocs.shift();
      return this.open;
    }
    this.scan(line);
    return this.open;
  }

  /** Still open: a quote, a heredoc body, a compound command, or a line that asks for the next. */
  get open(): boolean {
    return this.quote !== undefined || this.heredocs.length > 0 || this.depth > 0 || this.continued;
  }

  private scan(line: string): void {
    this.continued = false;
    let word = '';
    let commandPosition = true;
    // The last operator, when nothing came after it on the line.
    let trailing = '';
    const endWord = (): void => {
      if (word === '') return;
      if (commandPosition && OPENING_WORDS.has(word)) this.depth += 1;
      else if (commandPosition && CLOSING_WORDS.has(word)) this.depth = Math.max(0, this.depth - 1);
      commandPosition = COMMAND_POSITION_WORDS.has(word) || CLOSING_WORDS.has(word);
      trailing = '';
      word = '';
    };
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (this.quote === "'") {
        if (c === "'") this.quote = undefined;
        continue;
      }
      if (c === '\\') {
        if (i === line.length - 1) {
          this.continued = true;
          return;
        }
        word += line.slice(i, i + 2);
        i += 1;
        continue;
      }
      if (this.quote === '"') {
        if (c === '"') this.quote = undefined;
        continue;
      }
      if (c === "'" || c === '"') {
        this.quote = c;
        word += c;
        continue;
      }
      if (c === '#' && word === '') break;
      if (c === '<' && line.startsWith('<<', i) && !line.startsWith('<<<', i)) {
        endWord();
        i = this.readHeredocStart(line, i + 2) - 1;
        commandPosition = false;
        continue;
      }
      if (/[;&|()]/.test(c)) {
        endWord();
        const run = /^[;&|]+/.exec(line.slice(i))?.[0] ?? c;
        trailing = run;
        i += run.length - 1;
        commandPosition = true;
        continue;
      }
      if (c === ' ' || c === '\t') {
        endWord();
        continue;
      }
      word += c;
    }
    endWord();
    // `a |`, `a &&`, `a ||` at the end of a line: the statement goes on.
    if (this.quote === undefined && ['|', '&&', '||', '|&'].includes(trailing)) this.continued = true;
  }

  /** `<<EOF`, `<<-'EOF'`, `<< "EOF"`: the delimiter the body ends with. Returns where reading goes on. */
  private readHeredocStart(line: string, from: number): number {
    let i = from;
    const stripTabs = line[i] === '-';
    if (stripTabs) i += 1;
    while (line[i] === ' ' || line[i] === '\t') i += 1;
    let delimiter = '';
    while (i < line.length && !/[\s;&|<>()]/.test(line[i] as string)) {
      const c = line[i] as string;
      if (c === "'" || c === '"') {
        const end = line.indexOf(c, i + 1);
        if (end === -1) break;
        delimiter += line.slice(i + 1, end);
        i = end + 1;
        continue;
      }
      if (c === '\\') {
        delimiter += line[i + 1] ?? '';
        i += 2;
        continue;
      }
      delimiter += c;
      i += 1;
    }
    if (delimiter !== '') this.heredocs.push({ delimiter, stripTabs });
    return i;
  }
}

/** A statement of a block: the lines it spans (0-based, end exclusive) and its text. */
export interface Statement {
  start: number;
  end: number;
  text: string;
}

/** Reads the statement that starts at `lines[start]`: it ends at the first line where nothing is left open. */
export function readStatement(lines: readonly string[], start: number): Statement {
  const reader = new StatementReader();
  let end = start;
  while (end < lines.length) {
    const open = reader.feed(lines[end] as string);
    end += 1;
    if (!open) break;
  }
  return { start, end, text: lines.slice(start, end).join('\n') };
}

/** The first line of `text` that is neither blank nor a comment, trimmed; '' when there is none. */
export function firstCommandLine(text: string | undefined): string {
  return text?.split('\n').find((line) => !isCommentOrBlank(line))?.trim() ?? '';
}

/** A line of only a comment, or blank: it says nothing a shell would do. */
export function isCommentOrBlank(line: string): boolean {
  return /^\s*(?:#.*)?$/.test(line);
}
