// The review comment, from what each command printed or why it failed. Every command's outcome
// has a place in it: a command that failed is shown with its message, never left out, so one
// bad runbook cannot cost the review of the others. Pure.

export const MARKER = '<!-- runbook-review -->';
/** GitHub refuses comments over 65,536 characters; leave room for the note that says so. */
export const COMMENT_LIMIT = 60_000;

/** An inline code span that shows `text` exactly, whatever backticks it holds. */
export function code(text) {
  const flat = String(text).replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced block whose fence is longer than any backtick run inside it. */
export function fence(text, lang = 'text') {
  const body = String(text).replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${lang}\n${body}\n${ticks}`;
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `::error file=…,line=…,col=…,title=…::message` (as `runbook lint --format github` writes it). */
export function parseAnnotation(line) {
  const m = /^::(error|warning|notice) file=([^,]*),line=(\d+),col=(\d+),title=([^:]*)::(.*)$/.exec(line);
  if (!m) return null;
  const unescape = (s) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  return { severity: m[1], file: unescape(m[2]), line: Number(m[3]), column: Number(m[4]), rule: unescape(m[5]), message: unescape(m[6]) };
}

/** What a failed command said, as a warning with its output. */
function failure(what, result) {
  const said = `${result.stderr ?? ''}${result.stdout ? `\n${result.stdout}` : ''}`.trim();
  return [`> [!WARNING]`, `> ${what} (${result.error ?? `exit ${result.code}`}).`, ...(said ? ['', fence(said)] : [])].join('\n');
}

function renderLint(lint) {
  if (lint === null) return null;
  const findings = lint.stdout.split('\n').map(parseAnnotation).filter(Boolean);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const out = ['## Runbook lint', ''];
  if (findings.length === 0 && lint.code === 0) return [...out, '✅ No findings.'].join('\n');
  if (findings.length > 0) {
    out.push(`${errors > 0 ? '❌' : '⚠️'} ${plural(errors, 'error')}, ${plural(findings.length - errors, 'warning')}; each is also an annotation on the diff.`, '');
    out.push('| Where | Severity | Finding | Rule |', '|---|---|---|---|');
    for (const f of findings) out.push(`| ${cell(code(`${f.file}:${f.line}:${f.column}`))} | ${f.severity} | ${cell(f.message)} | ${cell(code(f.rule))} |`);
  }
  if (lint.code !== 0 && lint.code !== 1) out.push('', failure('`runbook lint` could not read every runbook', { ...lint, stdout: '' }));
  else if (lint.error) out.push('', failure('`runbook lint` did not run', lint));
  return out.join('\n');
}

function renderDryRun(runbook) {
  const dry = runbook.dryRun;
  if (dry.code === 0) return `**Dry run:** drill record ${code(dry.record)} in the ${code(runbook.artifact)} artifact of this workflow run.`;
  return failure(`The dry run of ${code(runbook.path)} stopped before it started; its log is ${code(dry.log)} in the ${code(runbook.artifact)} artifact`, { code: dry.code, error: dry.error, stdout: '', stderr: dry.output });
}

/**
 * @param {{ base: string, problems: string[], runbooks: object[], lint: object | null, diff: object | null }} review
 * @returns {string} the whole review, marker first
 */
export function renderReview(review) {
  const parts = [MARKER];
  const reviewed = review.runbooks;
  parts.push(reviewed.length === 0 && review.problems.length === 0
    ? `No runbook changed since ${code(review.base)}.`
    : [`**Runbook review**: ${plural(reviewed.length, 'runbook')} changed since ${code(review.base)}.`, '', ...reviewed.map((r) => `- ${code(r.path)}: ${r.present ? r.why : 'deleted'}`)].join('\n'));
  for (const problem of review.problems) parts.push(`> [!CAUTION]\n> ${problem.replace(/\n/g, '\n> ')}`);
  const lint = renderLint(review.lint);
  if (lint) parts.push(lint);
  if (review.diff) {
    for (const piece of review.diff.outputs) parts.push(piece.trimEnd());
    for (const f of review.diff.failures) parts.push(failure(`\`runbook diff\` could not compare ${f.file ? code(f.file) : 'the runbooks'}`, f.result));
  }
  for (const runbook of reviewed.filter((r) => r.present)) {
    const vars = runbook.vars ? ` (values from ${code(runbook.vars)})` : '';
    parts.push(runbook.plan.code === 0 ? runbook.plan.stdout.trimEnd() + (vars ? `\n\n_Planned with the values of ${code(runbook.vars)}._` : '') : `## Runbook plan: ${code(runbook.path)}\n\n${failure(`\`runbook plan\` could not plan it${vars}`, runbook.plan)}`);
    parts.push(renderDryRun(runbook));
  }
  return `${parts.join('\n\n')}\n`;
}

/**
 * The review cut to fit a comment: at a heading outside code blocks, with a note saying where the
 * whole of it is.
 */
export function fitComment(body, limit = COMMENT_LIMIT) {
  if (body.length <= limit) return body;
  let offset = 0;
  let cut = -1;
  let open = null;
  for (const line of body.split('\n')) {
    if (offset > limit) break;
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      if (open === null) open = fenceMatch[1];
      else if (fenceMatch[1][0] === open[0] && fenceMatch[1].length >= open.length && line.trim() === fenceMatch[1]) open = null;
    } else if (open === null && /^## /.test(line) && offset > 0) {
      cut = offset;
    }
    offset += line.length + 1;
  }
  const kept = cut > 0 ? body.slice(0, cut) : body.slice(0, limit);
  return `${kept.trimEnd()}\n\n_The review is longer than a comment allows; the whole of it is in the job summary of this workflow run._\n`;
}
