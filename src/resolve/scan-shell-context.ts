// Where in the shell's grammar each placeholder sits, so a value can be inserted in the one form
// that the shell reads back literally there. A small bash lexer: quotes, `$'…'`, command and
// process substitution, backticks, arithmetic, comments and heredoc bodies. It never executes
// or expands anything and never throws; what it cannot place is reported as `unknown`.

export type ShellContext =
  /** Unquoted shell code: top level, `$(…)`, `<(…)`, `` `…` ``. */
  | { kind: 'code' }
  | { kind: 'single' }
  | { kind: 'double' }
  /** `$'…'` */
  | { kind: 'ansi' }
  /** `$((…))` and `((…))`: values are evaluated again, so only plain integers fit. */
  | { kind: 'arith' }
  /**
   * Inside `${…}`: bash matches quotes there while parsing but may keep them at expansion, and
   * mishandles some control bytes; no quoting is reliable, so values are refused.
   */
  | { kind: 'param' }
  | { kind: 'comment' }
  | { kind: 'heredoc'; quoted: boolean; delimiter: string; stripTabs: boolean }
  /** Swallowed by a construct the lexer does not descend into (e.g. a heredoc delimiter). */
  | { kind: 'unknown' };

export interface SpanContext {
  context: ShellContext;
  /** How many backtick substitutions enclose the span. */
  backticks: number;
  /** The span's first character is escaped by an active backslash just before it. */
  escaped: boolean;
  /**
   * The heredoc body the span lies in, at any depth (`$(…)` in a body too): bash finds the end
   * of a body line by line before it parses anything inside, so no inserted line may equal it.
   */
  heredoc?: { delimiter: string; stripTabs: boolean };
  /** Right after an unescaped `$` where `$` expands: `$<x>` would read the value as `$(…`, `${…`, `$'…`. */
  afterDollar: boolean;
}

type Frame =
  | { kind: 'code'; closer: ')' | '`' | null; depth: number }
  | { kind: 'arith'; depth: number }
  | { kind: 'param'; depth: number }
  | { kind: 'single' | 'double' | 'ansi' | 'comment' }
  | { kind: 'heredoc'; quoted: boolean; delimiter: string; stripTabs: boolean };

interface PendingHeredoc {
  quoted: boolean;
  delimiter: string;
  stripTabs: boolean;
}

// Metacharacters: they end a word, and a word (maybe a `#` comment) starts after them.
const METACHARACTERS = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

/** Reads a heredoc delimiter word at `i`: `EOF`, `'EOF'`, `"EOF"`, `\EOF`, `E"O"F`. */
function readDelimiter(text: string, i: number): { word: string; quoted: boolean; end: number } {
  let word = '';
  let quoted = false;
  while (i < text.length && !METACHARACTERS.has(text[i] ?? '')) {
    const ch = text[i] ?? '';
    if (ch === "'" || ch === '"') {
      quoted = true;
      const close = text.indexOf(ch, i + 1);
      const stop = close === -1 ? text.length : close;
      word += text.slice(i + 1, stop);
      i = stop + 1;
    } else if (ch === '\\') {
      quoted = true;
      word += text[i + 1] ?? '';
      i += 2;
    } else {
      word += ch;
      i++;
    }
  }
  return { word, quoted, end: Math.min(i, text.length) };
}

/**
 * The context of each span (sorted, non-overlapping index ranges of `text`). Spans are read as
 * opaque word characters: after substitution they are one quoted word.
 */
export function scanShellContext(text: string, spans: readonly { start: number; end: number }[]): SpanContext[] {
  const result: SpanContext[] = spans.map(() => ({ context: { kind: 'unknown' }, backticks: 0, escaped: false, afterDollar: false }));
  const stack: Frame[] = [{ kind: 'code', closer: null, depth: 0 }];
  const pending: PendingHeredoc[] = [];
  let next = 0; // index of the next span to place
  let wordStart = true;
  let lineStart = true;
  let escapedAt = -1; // index of the last character made literal by a backslash

  const top = (): Frame => stack[stack.length - 1] ?? { kind: 'code', closer: null, depth: 0 };
  // A `${…}` counts until a command substitution inside it starts fresh shell code.
  const insideParam = (): boolean => {
    for (let k = stack.length - 1; k >= 0; k--) {
      const kind = stack[k]?.kind;
      if (kind === 'param') return true;
      if (kind === 'code' || kind === 'arith' || kind === 'heredoc') return false;
    }
    return false;
  };
  const record = (escaped: boolean): void => {
    const frame = top();
    let backticks = 0;
    let heredoc: SpanContext['heredoc'];
    for (const f of stack) {
      if (f.kind === 'code' && f.closer === '`') backticks++;
      if (f.kind === 'heredoc') heredoc = { delimiter: f.delimiter, stripTabs: f.stripTabs };
    }
    let context: ShellContext;
    if (insideParam()) {
      context = { kind: 'param' };
    } else if (frame.kind === 'heredoc') {
      context = { kind: 'heredoc', quoted: frame.quoted, delimiter: frame.delimiter, stripTabs: frame.stripTabs };
    } else {
      context = { kind: frame.kind };
    }
    const start = spans[next]?.start ?? 0;
    const expands = frame.kind === 'code' || frame.kind === 'double' || frame.kind === 'arith' || frame.kind === 'param' || (frame.kind === 'heredoc' && !frame.quoted);
    const afterDollar = !escaped && expands && text[start - 1] === '$' && escapedAt !== start - 1;
    result[next] = { context, backticks, escaped, afterDollar, ...(heredoc && { heredoc }) };
  };
  // Spans the lexer jumped over (inside a delimiter word, say) stay `unknown`.
  const skipTo = (i: number): void => {
    while (next < spans.length && (spans[next]?.start ?? Infinity) < i) next++;
  };

  let i = 0;
  while (i < text.length) {
    const frame = top();
    if (frame.kind === 'heredoc' && lineStart) {
      const nl = text.indexOf('\n', i);
      const lineEnd = nl === -1 ? text.length : nl;
      let from = i;
      if (frame.stripTabs) while (text[from] === '\t') from++;
      const line = text.slice(from, lineEnd);
      // Inside `$(…)` (and backticks) bash ends a body at a line that only starts with the
      // delimiter (`EOF)`), and reads the rest of that line as code.
      const below = stack[stack.length - 2];
      const inSubstitution = below?.kind === 'code' && below.closer !== null;
      if (line === frame.delimiter || (inSubstitution && line.startsWith(frame.delimiter))) {
        stack.pop();
        i = from + frame.delimiter.length; // a newline here is read by the enclosing frame and may start the next body
        skipTo(i);
        lineStart = false;
        wordStart = false;
        continue;
      }
    }
    lineStart = false;
    const span = spans[next];
    if (span && span.start === i) {
      record(false);
      next++;
      i = span.end;
      wordStart = false;
      continue;
    }
    if (span && span.start < i) {
      skipTo(i);
      continue;
    }
    const ch = text[i] ?? '';
    const ch2 = text[i + 1] ?? '';

    if (ch === '\n') {
      if (frame.kind === 'comment') stack.pop();
      const now = top();
      i++;
      lineStart = true;
      wordStart = true;
      // Heredoc bodies start after the newline that ends the command line, one after another.
      const body = now.kind === 'code' ? pending.shift() : undefined;
      if (body) stack.push({ kind: 'heredoc', ...body });
      continue;
    }

    // An active backslash: the next character is literal, and is a span's first one maybe.
    const backslashActive =
      ch === '\\' &&
      (frame.kind === 'code' ||
        frame.kind === 'arith' ||
        frame.kind === 'double' ||
        frame.kind === 'ansi' ||
        frame.kind === 'param' ||
        (frame.kind === 'heredoc' && !frame.quoted));
    if (backslashActive) {
      const escapedSpan = spans[next];
      if (escapedSpan && escapedSpan.start === i + 1) {
        record(true);
        next++;
        i = escapedSpan.end;
      } else {
        escapedAt = i + 1;
        i += 2;
      }
      wordStart = false;
      continue;
    }

    switch (frame.kind) {
      case 'single':
        if (ch === "'") stack.pop();
        i++;
        continue;
      case 'ansi':
        if (ch === "'") stack.pop();
        i++;
        continue;
      case 'comment':
        i++;
        continue;
      case 'heredoc':
        if (frame.quoted) {
          i++;
          continue;
        }
        i = openSubstitution(text, i, stack) ?? i + 1;
        continue;
      case 'double':
        if (ch === '"') {
          stack.pop();
          i++;
          continue;
        }
        i = openSubstitution(text, i, stack) ?? i + 1;
        continue;
      case 'param':
        if (ch === '}' && frame.depth === 0) {
          stack.pop();
          i++;
          continue;
        }
        if (ch === '{') frame.depth++;
        else if (ch === '}') frame.depth--;
        else if (ch === "'") stack.push({ kind: 'single' });
        else if (ch === '"') stack.push({ kind: 'double' });
        else {
          const opened = openSubstitution(text, i, stack);
          if (opened !== undefined) {
            i = opened;
            continue;
          }
        }
        i++;
        continue;
      case 'arith':
        if (ch === '(') frame.depth++;
        else if (ch === ')') {
          if (frame.depth === 0 && ch2 === ')') {
            stack.pop();
            i += 2;
            continue;
          }
          if (frame.depth > 0) frame.depth--;
        } else {
          const opened = openSubstitution(text, i, stack);
          if (opened !== undefined) {
            i = opened;
            continue;
          }
        }
        i++;
        continue;
      case 'code': {
        const atWordStart = wordStart;
        wordStart = METACHARACTERS.has(ch);
        if (ch === "'") {
          stack.push({ kind: 'single' });
          i++;
        } else if (ch === '"') {
          stack.push({ kind: 'double' });
          i++;
        } else if (ch === '$' && ch2 === "'") {
          stack.push({ kind: 'ansi' });
          i += 2;
        } else if (ch === '#' && atWordStart) {
          stack.push({ kind: 'comment' });
          i++;
        } else if (ch === '`' && frame.closer === '`') {
          stack.pop();
          i++;
        } else if (ch === ')' && frame.closer === ')' && frame.depth === 0) {
          stack.pop();
          i++;
        } else if (ch === '(' && ch2 === '(' && atWordStart) {
          stack.push({ kind: 'arith', depth: 0 });
          i += 2;
        } else if (ch === '(') {
          frame.depth++;
          i++;
        } else if (ch === ')') {
          if (frame.depth > 0) frame.depth--;
          i++;
        } else if ((ch === '<' || ch === '>') && ch2 === '(') {
          stack.push({ kind: 'code', closer: ')', depth: 0 });
          i += 2;
          wordStart = true;
        } else if (ch === '<' && ch2 === '<' && text[i + 2] === '<') {
          i += 3; // here-string
          wordStart = true;
        } else if (ch === '<' && ch2 === '<') {
          let j = i + 2;
          const stripTabs = text[j] === '-';
          if (stripTabs) j++;
          while (text[j] === ' ' || text[j] === '\t') j++;
          const { word, quoted, end } = readDelimiter(text, j);
          if (word !== '' || quoted) pending.push({ delimiter: word, quoted, stripTabs });
          // Spans inside the delimiter word are jumped over and stay `unknown`.
          i = Math.max(end, j);
          skipTo(i);
          wordStart = false;
        } else {
          const opened = openSubstitution(text, i, stack);
          if (opened !== undefined) {
            i = opened;
            wordStart = true;
          } else {
            i++;
          }
        }
        continue;
      }
    }
  }
  return result;
}

/** `$((`, `$(`, `${` or a backtick at `i` (in code, double quotes, heredoc bodies): push and return the index after it. */
function openSubstitution(text: string, i: number, stack: Frame[]): number | undefined {
  const ch = text[i];
  if (ch === '$' && text[i + 1] === '{') {
    stack.push({ kind: 'param', depth: 0 });
    return i + 2;
  }
  if (ch === '`') {
    stack.push({ kind: 'code', closer: '`', depth: 0 });
    return i + 1;
  }
  if (ch === '$' && text[i + 1] === '(') {
    if (text[i + 2] === '(') {
      stack.push({ kind: 'arith', depth: 0 });
      return i + 3;
    }
    stack.push({ kind: 'code', closer: ')', depth: 0 });
    return i + 2;
  }
  return undefined;
}
