// What a sentence says of each command in its inline code (SPEC §2: never run what the author did
// not mean to run). "Do not run `rm -rf /var/cache`" names what to avoid; "(prints something like
// `nginx version: 1.24`)" shows output; "run `systemctl restart nginx` or `service nginx
// restart`", "Either … `a` or … `b`", "If it fails, run `a`; otherwise run `b`" offer one of
// several. Only the rest are commands the sentence says to run, one after the other. Read from the
// words between one command and the next, within the clause the code sits in.
import type { InlineCode } from '../document/blocks.js';
import { isInlineCommand } from '../make-command.js';
import { joinOfCommands, namesWithoutRunning } from '../vocabulary.js';

export interface SentenceCodes {
  /** In the order written: a lone command, or the options of one choice (two or more). */
  runs: { codes: InlineCode[]; titles: string[] }[];
  /** Commands the sentence names without saying to run them. */
  named: InlineCode[];
}

/**
 * `text` is the sentence as written (inline code in its backticks); `codes` its inline code in
 * order; `isCommand` tells commands from the rest (flags, values, matchers), which are left out.
 */
export function readSentenceCodes(text: string, codes: readonly InlineCode[], isCommand: (code: InlineCode) => boolean = isInlineCommand): SentenceCodes {
  const runs: SentenceCodes['runs'] = [];
  const named: InlineCode[] = [];
  let cursor = 0;
  /** End of the last command's code in `text`, and how each command joins the one before. */
  let previousEnd = 0;
  let previousKept = false;
  let pendingList: { codes: InlineCode[]; titles: string[] } | undefined;
  const flushList = (): void => {
    if (pendingList === undefined) return;
    for (const [i, code] of pendingList.codes.entries()) runs.push({ codes: [code], titles: [pendingList.titles[i] as string] });
    pendingList = undefined;
  };
  for (const code of codes) {
    const written = `\`${code.value}\``;
    const start = text.indexOf(written, cursor);
    if (start === -1) {
      // Not found as written (a code holding backticks): nothing can be said of it, so it does not run.
      named.push(code);
      continue;
    }
    cursor = start + written.length;
    if (!isCommand(code)) continue;
    // "~~Restart: `kubectl rollout restart …`~~ (not needed since v2)": struck through, not to run.
    if (isStruckThrough(text, start)) {
      named.push(code);
      previousEnd = cursor;
      continue;
    }
    const gap = text.slice(previousEnd, start);
    const title = titleOf(clauseOf(text.slice(previousEnd, cursor)));
    previousEnd = cursor;
    if (namesWithoutRunning(clauseBefore(gap))) {
      named.push(code);
      continue;
    }
    const join = previousKept ? joinOfCommands(gap) : 'sequence';
    previousKept = true;
    const last = runs.at(-1);
    if (join === 'alternative' && (pendingList !== undefined || last !== undefined)) {
      if (pendingList !== undefined) {
        // "`a`, `b` or `c`": the commas were options too.
        const group = { codes: [...pendingList.codes, code], titles: [...pendingList.titles, title] };
        pendingList = undefined;
        runs.push(group);
      } else {
        (last as { codes: InlineCode[]; titles: string[] }).codes.push(code);
        (last as { codes: InlineCode[]; titles: string[] }).titles.push(title);
      }
      continue;
    }
    if (join === 'list') {
      if (pendingList === undefined) {
        const before = runs.pop();
        pendingList = before ?? { codes: [], titles: [] };
      }
      pendingList.codes.push(code);
      pendingList.titles.push(title);
      continue;
    }
    flushList();
    runs.push({ codes: [code], titles: [title] });
  }
  flushList();
  return { runs, named };
}

/** Inside a `~~…~~` span: an odd number of `~~` before it, and one after. */
function isStruckThrough(text: string, at: number): boolean {
  const before = text.slice(0, at).split('~~').length - 1;
  return before % 2 === 1 && text.indexOf('~~', at) !== -1;
}

/** Whether the sentence offers one command instead of another. */
export function offersAlternatives(text: string, codes: readonly InlineCode[]): boolean {
  return readSentenceCodes(text, codes).runs.some((run) => run.codes.length > 1);
}

/** The part of the text before a code that belongs to its own clause. */
function clauseBefore(gap: string): string {
  const cut = Math.max(...[...'.;!?,('].map((mark) => gap.lastIndexOf(mark)));
  return gap.slice(cut + 1);
}

/** The fragment from its last sentence mark on: "to see why; otherwise run `b`" → "otherwise run `b`". */
function clauseOf(fragment: string): string {
  const cut = Math.max(...[...'.;!?'].map((mark) => fragment.lastIndexOf(mark, fragment.indexOf('`'))));
  return fragment.slice(cut + 1);
}

/** "If the config test fails, run `nginx -t`", "otherwise run `systemctl reload nginx`", "`service nginx restart`" (not "or …"). */
function titleOf(fragment: string): string {
  return fragment.replace(/^[\s,;:.)–—-]+/, '').replace(/^(?:or|either|and)\s+/i, '').replace(/\s+/g, ' ').trim();
}
