// JUnit XML is read back with a small strict parser: if it parses here, and every character is
// one XML 1.0 allows, CI tools can read it too.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runEventSchema, type RunEvent } from '../../src/model/events.js';
import { createMask } from '../../src/run/mask-secrets.js';
import { renderJunit, writeJunit, xmlText } from '../../src/run/write-junit.js';

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses the subset of XML the writer may produce; throws on anything malformed. */
function parseXml(xml: string): XmlElement {
  // Everything outside these ranges is not allowed in an XML 1.0 document at all.
  const bad = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(xml);
  if (bad) throw new Error(`forbidden character U+${bad[0].codePointAt(0)?.toString(16)} at ${bad.index}`);
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  const decode = (text: string): string => {
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) fail('bare &');
    return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] as string,
    );
  };
  const skipSpace = () => {
    while (/\s/.test(xml[i] ?? '')) i++;
  };
  const name = (): string => {
    const m = /^[A-Za-z_][\w.-]*/.exec(xml.slice(i));
    if (!m) fail('expected a name');
    i += (m as RegExpExecArray)[0].length;
    return (m as RegExpExecArray)[0];
  };
  const element = (): XmlElement => {
    if (xml[i] !== '<') fail('expected <');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      const key = name();
      if (xml[i] !== '=' || xml[i + 1] !== '"') fail('expected ="');
      i += 2;
      const end = xml.indexOf('"', i);
      if (end === -1) fail('unterminated attribute');
      const raw = xml.slice(i, end);
      if (raw.includes('<')) fail('< in attribute');
      if (key in el.attrs) fail('duplicate attribute');
      el.attrs[key] = decode(raw);
      i = end + 1;
    }
    for (;;) {
      if (xml.startsWith('<![CDATA[', i)) {
        const end = xml.indexOf(']]>', i);
        if (end === -1) fail('unterminated CDATA');
        el.text += xml.slice(i + 9, end);
        i = end + 3;
      } else if (xml.startsWith('</', i)) {
        i += 2;
        if (name() !== el.name) fail(`mismatched end tag for ${el.name}`);
        skipSpace();
        if (xml[i] !== '>') fail('expected >');
        i++;
        return el;
      } else if (xml[i] === '<') {
        el.children.push(element());
      } else if (i >= xml.length) {
        fail(`unclosed ${el.name}`);
      } else {
        const next = xml.indexOf('<', i);
        const raw = xml.slice(i, next === -1 ? xml.length : next);
        if (raw.includes(']]>')) fail(']]> in text');
        el.text += decode(raw);
        i += raw.length;
      }
    }
  };
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')) fail('missing XML declaration');
  i = xml.indexOf('\n') + 1;
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

const child = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.name === name);
const cases = (root: XmlElement) => child(root, 'testsuite')?.children.filter((c) => c.name === 'testcase') ?? [];

function journal(name: string): RunEvent[] {
  return readFileSync(join(import.meta.dirname, '../record/fixtures', name, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => runEventSchema.parse(JSON.parse(l)));
}

const t = (s: number) => new Date(Date.UTC(2026, 10, 26, 14, 0, s)).toISOString();

function result(command: string, over: Partial<Extract<RunEvent, { type: 'command-end' }>['result']> = {}) {
  return {
    command,
    displayCommand: command,
    cwd: '/srv',
    startedAt: t(1),
    durationMs: 1500,
    exitCode: 0,
    signal: null,
    timedOut: false,
    failed: false,
    stdout: '',
    stderr: '',
    stdoutBytes: 0,
    stderrBytes: 0,
    ...over,
  };
}

/** A run whose output tries everything that can break XML. */
function nastyRun(): RunEvent[] {
  const raw: unknown[] = [
    {
      time: t(0), type: 'run-start', runId: 'r1', runbookPath: 'runbooks/x.md', runbookTitle: 'Roll <back> & "forth"', sha256: 'abc', gitCommit: null,
      engineVersion: '0.1.0', mode: 'live', operator: 'ci', params: { token: 'hunter22' },
      steps: [
        { id: 'A.1', title: 'Print <odd> things', section: 'A', sectionTitle: 'A. Deploy & check', actions: [], commands: ['printf "]]>"'], expected: ['stdout contains "ok"'], attestations: [], dependsOn: [] },
        { id: 'A.2', title: 'Wait', section: 'A', sectionTitle: 'A. Deploy & check', actions: [], commands: ['sleep 100'], expected: [], attestations: [], dependsOn: ['A.1'] },
        { id: 'B.1', title: 'Never reached', actions: [], commands: ['echo later'], expected: [], attestations: [], dependsOn: ['A.2'] },
      ],
    },
    { time: t(1), type: 'step-start', stepId: 'A.1', title: 'Print <odd> things' },
    {
      time: t(2), type: 'command-end', stepId: 'A.1',
      result: result('printf "]]>"', { exitCode: 1, failed: true, stdout: 'a]]>b\u0000c\u001b[31mred\u001b[0m\u0007 token=hunter22 \uD800 ok?\r\n', stderr: 'Error: <bad> & "worse"\n' }),
    },
    { time: t(2), type: 'verdict', stepId: 'A.1', outcome: { expected: 'stdout contains "ok"', verdict: 'failed', evidence: 'stdout ended with "a]]>b" & no "ok"' } },
    { time: t(2), type: 'step-end', stepId: 'A.1', status: 'failed', durationMs: 1500, exitCode: 1, reason: 'exit code 1, expected 0' },
    { time: t(3), type: 'step-start', stepId: 'A.2', title: 'Wait' },
    { time: t(9), type: 'command-end', stepId: 'A.2', result: result('sleep 100', { exitCode: null, signal: 'SIGTERM', timedOut: true, failed: true, durationMs: 6000 }) },
    { time: t(9), type: 'step-end', stepId: 'A.2', status: 'timed-out', durationMs: 6000, exitCode: null, reason: 'timed out after 6s' },
    { time: t(9), type: 'step-end', stepId: 'B.1', status: 'not-run', durationMs: 0, exitCode: null, reason: 'not run: A.2 timed out' },
    { time: t(9), type: 'run-end', status: 'failed', exitCode: 1, durationMs: 9000 },
  ];
  return raw.map((e) => runEventSchema.parse(e));
}

describe('renderJunit', () => {
  it('writes one test case per step, with section, id, title and seconds', () => {
    const root = parseXml(renderJunit(journal('passed')));
    expect(root.name).toBe('testsuites');
    const suite = child(root, 'testsuite');
    expect(suite?.attrs.name).toBe('Release Rollback Runbook');
    const all = cases(root);
    expect(all.length).toBe(Number(suite?.attrs.tests));
    expect(all[0]?.attrs).toEqual({ classname: 'A. Deployment Rollback Procedure', name: 'A.1 Identify Currently Deployed Version', time: expect.stringMatching(/^\d+\.\d{3}$/) });
    expect(suite?.attrs).toMatchObject({ failures: '0', errors: '0' });
    expect(all.every((c) => !child(c, 'failure') && !child(c, 'error'))).toBe(true);
    const props = child(suite, 'properties')?.children.map((p) => [p.attrs.name, p.attrs.value]);
    expect(props).toContainEqual(['run.id', expect.any(String)]);
    expect(props).toContainEqual(['param.registry-token', '********']);
  });

  it('marks a failed step as a failure with its evidence, and the rest as skipped', () => {
    const root = parseXml(renderJunit(journal('failed')));
    const suite = child(root, 'testsuite');
    expect(suite?.attrs).toMatchObject({ failures: '1', errors: '0', skipped: '5' });
    const failed = cases(root).find((c) => c.attrs.name?.startsWith('A.2.2 '));
    const failure = child(failed, 'failure');
    expect(failure?.attrs.message).toBe('exit 0: exit code 1, expected 0');
    expect(failure?.text).toContain('failed: exit 0 — exit code 1, expected 0');
    expect(child(failed, 'system-out')?.text).toContain("$ helm rollback 'checkout' 41\n→ exit 1");
    const notRun = cases(root).find((c) => c.attrs.name?.startsWith('A.3 '));
    expect(child(notRun, 'skipped')?.attrs.message).toMatch(/A\.2\.2/);
  });

  it('reports interrupted steps as errors: aborted and killed runs', () => {
    for (const name of ['aborted', 'killed']) {
      const root = parseXml(renderJunit(journal(name)));
      const errors = cases(root).filter((c) => child(c, 'error'));
      expect(errors.length, name).toBe(1);
      expect(child(errors[0], 'error')?.attrs.type).toBe('interrupted');
      expect(child(root, 'testsuite')?.attrs.errors).toBe('1');
    }
  });

  it('reports the winning try of a resumed run', () => {
    const root = parseXml(renderJunit(journal('resumed')));
    const step = cases(root).find((c) => c.attrs.name?.startsWith('A.2.2 '));
    expect(child(step, 'error')).toBeUndefined();
    expect(child(step, 'failure')).toBeUndefined();
    expect(cases(root).find((c) => c.attrs.name?.startsWith('A.1 '))?.children.map((c) => c.name)).not.toContain('skipped');
  });

  it('reports a dry run as every step skipped with its planned commands', () => {
    const root = parseXml(renderJunit(journal('dry-run')));
    const all = cases(root);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((c) => child(c, 'skipped')?.attrs.message?.startsWith('planned'))).toBe(true);
    expect(child(all[0], 'system-out')?.text).toContain("$ kubectl describe deployment 'checkout' | grep Image");
  });

  it('survives output that tries to break XML, and masks secrets', () => {
    const xml = renderJunit(nastyRun(), createMask(['hunter22']));
    expect(xml).not.toContain('hunter22');
    const root = parseXml(xml);
    const suite = child(root, 'testsuite');
    expect(suite?.attrs.name).toBe('Roll <back> & "forth"');
    expect(suite?.attrs).toMatchObject({ tests: '3', failures: '1', errors: '1', skipped: '1', timestamp: '2026-11-26T14:00:00' });
    const [a1, a2, b1] = cases(root);
    expect(a1?.attrs).toMatchObject({ classname: 'A. Deploy & check', name: 'A.1 Print <odd> things', time: '1.500' });
    expect(child(a1, 'failure')?.attrs.message).toBe('stdout contains "ok": stdout ended with "a]]>b" & no "ok"');
    const out = child(a1, 'system-out')?.text ?? '';
    expect(out).toContain('a]]>bcred token=*** ');
    expect(out).toContain('ok?\n');
    expect(out).toContain('Error: <bad> & "worse"');
    expect(child(a2, 'error')?.attrs).toEqual({ message: 'timed out after 6s', type: 'timed-out' });
    expect(child(a2, 'system-out')?.text).toContain('→ killed by SIGTERM (timed out) in 6.000s');
    expect(b1?.attrs.classname).toBe('Roll <back> & "forth"');
    expect(child(b1, 'skipped')?.attrs.message).toBe('A.2 timed out'.replace(/^/, 'not run: '));
  });

  it('names a numbered section as its heading does', () => {
    const events = nastyRun();
    const start = events[0];
    if (start?.type === 'run-start') for (const step of start.steps) if (step.sectionTitle) step.sectionTitle = 'Deploy & check';
    expect(cases(parseXml(renderJunit(events)))[0]?.attrs.classname).toBe('A. Deploy & check');
  });

  it('keeps newlines and tabs in attributes as character references', () => {
    const events = nastyRun();
    const verdict = events.find((e) => e.type === 'verdict');
    if (verdict?.type === 'verdict') verdict.outcome.evidence = 'line one\n\tline two';
    const a1 = cases(parseXml(renderJunit(events)))[0];
    expect(child(a1, 'failure')?.attrs.message).toBe('stdout contains "ok": line one line two');
    expect(child(a1, 'failure')?.text).toContain('line one\n\tline two');
  });
});

describe('renderJunit on any text', () => {
  // Any code point (lone surrogates too), plus the pieces most likely to break XML.
  const hostile = fc
    .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(']]>', ']]', '>', '<', '&', '"', "'", '\r\n', '\r', '\u0000', '\u001b[31m', '\uFFFE', '\uD83D', '\u{1F600}', '&amp;')), { maxLength: 12 })
    .map((parts) => parts.join(''));

  it('always parses, and gives back the text minus what XML cannot hold', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (title, stdout, evidence) => {
        const events = nastyRun();
        for (const e of events) {
          if (e.type === 'run-start') e.runbookTitle = title;
          if (e.type === 'run-start') (e.steps[0] as { title: string }).title = title;
          if (e.type === 'command-end' && e.stepId === 'A.1') e.result.stdout = stdout;
          if (e.type === 'verdict') e.outcome.evidence = evidence;
        }
        const root = parseXml(renderJunit(events));
        const a1 = cases(root)[0];
        expect(a1?.attrs.name).toBe(xmlText(`A.1 ${title}`));
        expect(child(a1, 'failure')?.text).toContain(xmlText(evidence));
        const out = xmlText(stdout.replace(/\n+$/, ''));
        if (out.trim() !== '') expect(child(a1, 'system-out')?.text).toContain(out);
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe('writeJunit', () => {
  let dir: string;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('writes the file, creating its folder', () => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-junit-'));
    const file = join(dir, 'reports', 'junit.xml');
    expect(writeJunit(file, journal('failed'))).toBe(true);
    expect(parseXml(readFileSync(file, 'utf8')).name).toBe('testsuites');
  });

  it('warns once and carries on when the file cannot be written', () => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-junit-'));
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, '');
    chmodSync(blocker, 0o400);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(writeJunit(join(blocker, 'junit.xml'), journal('failed'))).toBe(false);
    expect(stderr).toHaveBeenCalledTimes(1);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^runbook: warning: could not write the JUnit report to .*junit\.xml \(E[A-Z]+\)\n$/);
  });
});
