// A run as JUnit XML, so CI systems show each step as a test: failed outcomes as failures,
// timeouts and interruptions as errors, steps that did not run as skipped. Written by hand (no
// XML library): every text goes through one escaping function, and characters XML 1.0 forbids
// are dropped, so no output a command prints can break the file.
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommandResult, OutcomeResult, PlannedStep, RunEvent, StepStatus } from '../model/events.js';
import { collectRun, msBetween, tryEndedAt, tryStatus, winningTry, type Try } from '../record/collect-run.js';
import type { Mask } from './mask-secrets.js';
import { makeDirectory } from '../fs/make-directory.js';

/** Writes the report; a file that cannot be written is a warning, never a changed run result. */
export function writeJunit(file: string, events: readonly RunEvent[], mask: Mask = (text) => text, warn: (text: string) => void = (text) => process.stderr.write(text)): boolean {
  try {
    makeDirectory(dirname(file));
    writeFileSync(file, renderJunit(events, mask));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    warn(`runbook: warning: could not write the JUnit report to ${file} (${code})\n`);
    return false;
  }
}

interface TestCase {
  id: string;
  title: string;
  classname: string;
  status: StepStatus;
  ms: number;
  plan: PlannedStep | undefined;
  winner: Try | undefined;
}

const MESSAGE_MAX = 1000;

export function renderJunit(events: readonly RunEvent[], mask: Mask = (text) => text): string {
  const run = collectRun(events);
  const first = run.attempts[0];
  const last = run.attempts.at(-1);
  const suiteName = last?.start.runbookTitle || last?.start.runbookPath || 'runbook';
  const dryRun = last?.start.mode === 'dry-run';
  const ids = [...run.planned.keys(), ...[...run.tries.keys()].filter((id) => !run.planned.has(id))];
  const cases: TestCase[] = ids.map((id) => {
    const plan = run.planned.get(id);
    const winner = winningTry(run.tries.get(id) ?? []);
    const status: StepStatus = winner ? tryStatus(winner) : dryRun ? 'planned' : 'not-run';
    const ms = winner?.started ? (winner.end?.durationMs ?? msBetween(winner.startedAt, tryEndedAt(winner)) ?? 0) : 0;
    return { id, title: plan?.title ?? run.titles.get(id) ?? id, classname: sectionName(plan) ?? suiteName, status, ms, plan, winner };
  });
  const count = (statuses: StepStatus[]) => cases.filter((c) => statuses.includes(c.status)).length;
  const totals = {
    tests: cases.length,
    failures: count(['failed']),
    errors: count(['interrupted', 'timed-out']),
    skipped: count(['not-run', 'skipped', 'planned']),
    time: seconds(run.attempts.reduce((sum, a) => sum + (a.end?.durationMs ?? msBetween(a.start.time, a.lastEventAt) ?? 0), 0)),
  };
  const counts = `tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${totals.time}"`;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="runbook" ${counts}>`];
  // The JUnit schema's timestamp has no zone: it is UTC, as every time in a run.
  const timestamp = first ? ` timestamp="${attr(first.start.time.slice(0, 19))}"` : '';
  out.push(`  <testsuite name="${attr(mask(suiteName))}" ${counts}${timestamp}>`);
  if (last) {
    const s = last.start;
    const properties: [string, string][] = [
      ['run.id', s.runId],
      ['runbook.path', s.runbookPath],
      ['runbook.sha256', s.sha256],
      ...(s.gitCommit ? [['git.commit', s.gitCommit] as [string, string]] : []),
      ['mode', s.mode],
      ['operator', s.operator],
      ['engine.version', s.engineVersion],
      ['attempts', String(run.attempts.length)],
      ['result', last.end?.status ?? 'unfinished'],
      ...Object.entries(s.params).map(([k, v]): [string, string] => [`param.${k}`, v]),
    ];
    out.push('    <properties>');
    for (const [name, value] of properties) out.push(`      <property name="${attr(mask(name))}" value="${attr(mask(value))}"/>`);
    out.push('    </properties>');
  }
  for (const c of cases) out.push(...renderCase(c, mask));
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}

function renderCase(c: TestCase, mask: Mask): string[] {
  const open = `    <testcase classname="${attr(mask(c.classname))}" name="${attr(mask(`${c.id} ${c.title}`))}" time="${seconds(c.ms)}"`;
  const verdicts = c.winner?.started ? c.winner.verdicts : [];
  const results = c.winner?.started ? c.winner.results : [];
  const reason = c.winner?.end?.reason;
  const body: string[] = [];
  switch (c.status) {
    case 'passed':
      break;
    case 'failed': {
      const failed = verdicts.filter((v) => v.verdict === 'failed');
      const message = failed[0] ? `${oneLine(failed[0].expected)}: ${oneLine(failed[0].evidence)}` : (reason ?? exitWords(results.at(-1)) ?? 'failed');
      const details = [...failed.map(verdictLine), ...(reason && !failed.some((v) => v.evidence === reason) ? [`reason: ${reason}`] : [])].join('\n');
      body.push(`      <failure message="${attr(mask(clip(message)))}" type="failed">${cdata(mask(details || message))}</failure>`);
      break;
    }
    case 'interrupted':
    case 'timed-out': {
      const message = reason ?? (c.status === 'timed-out' ? 'the step timed out' : 'the step was interrupted');
      body.push(`      <error message="${attr(mask(clip(message)))}" type="${c.status}"/>`);
      break;
    }
    default: {
      const message = c.status === 'planned' ? 'planned (dry run: nothing was run)' : reason ?? c.status.replace('-', ' ');
      body.push(`      <skipped message="${attr(mask(clip(message)))}"/>`);
    }
  }
  const out = systemOut(c, results, verdicts);
  if (out !== '') body.push(`      <system-out>${cdata(mask(out))}</system-out>`);
  return body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body, '    </testcase>'];
}

/** `A. Deploy`: a numbered section keeps its number, as in the runbook's heading. */
function sectionName(plan: PlannedStep | undefined): string | undefined {
  const { section, sectionTitle } = plan ?? {};
  if (sectionTitle === undefined) return section;
  if (section === undefined || sectionTitle.startsWith(section) || !/^(?:[A-Z]|\d+|[IVX]+)$/i.test(section)) return sectionTitle;
  return `${section}. ${sectionTitle}`;
}

/** What ran and what it printed (head and tail, as the engine kept them), then every verdict. */
function systemOut(c: TestCase, results: CommandResult[], verdicts: OutcomeResult[]): string {
  const parts: string[] = [];
  if (results.length > 0) {
    for (const r of results) {
      parts.push(`$ ${r.displayCommand}`);
      parts.push(`→ ${exitWords(r)}${r.timedOut ? ' (timed out)' : ''} in ${seconds(r.durationMs)}s`);
      if (r.stdout.trim() !== '') parts.push('--- stdout ---', r.stdout.replace(/\n+$/, ''));
      if (r.stderr.trim() !== '') parts.push('--- stderr ---', r.stderr.replace(/\n+$/, ''));
    }
  } else if (c.winner?.started && c.winner.output.length > 0) {
    parts.push(...(c.plan?.commands ?? []).map((command) => `$ ${command}`), '--- last output ---', ...c.winner.output);
  } else {
    parts.push(...(c.plan?.commands ?? []).map((command) => `$ ${command}`));
  }
  if (verdicts.length > 0) parts.push('--- outcomes ---', ...verdicts.map(verdictLine));
  return parts.join('\n');
}

function verdictLine(v: OutcomeResult): string {
  return `${v.verdict}: ${oneLine(v.expected)} — ${v.evidence}${v.by ? ` (by ${v.by})` : ''}`;
}

function exitWords(r: CommandResult | undefined): string | undefined {
  if (!r) return undefined;
  return r.exitCode !== null ? `exit ${r.exitCode}` : r.signal ? `killed by ${r.signal}` : 'no exit code';
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function clip(text: string): string {
  return text.length > MESSAGE_MAX ? `${text.slice(0, MESSAGE_MAX - 1)}…` : text;
}

// Colour codes from commands are noise in a report; control characters other than tab, LF and
// CR (and lone surrogates, U+FFFE, U+FFFF) are not allowed anywhere in an XML 1.0 document.
const ansi = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;
const forbidden = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ansi, '').replace(forbidden, '');
}

function attr(text: string): string {
  return xmlText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/** CDATA cannot contain `]]>`: it is split across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${xmlText(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}
