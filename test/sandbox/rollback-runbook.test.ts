// runbooks/rollback.md against the seed it was made from (test/fixtures/seed/): every statement
// of the seed is still there, word for word, under the same heading and in the same order; every
// seed command still has its step, in the safer form SPEC §6 asks for; and the frontmatter says
// which captures hold the record's versions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { repoDir } from '../e2e/helpers.js';
import { readRollbackRunbook } from './helpers.js';
import { loadShellParser } from '../../src/shell/load-shell-parser.js';

// The runbook is parsed as the file loads, and its gates read commands through the shell parser.
await loadShellParser();

const seedText = readFileSync(join(repoDir, 'test', 'fixtures', 'seed', 'release-rollback-runbook.md'), 'utf8');
const copyText = readFileSync(join(repoDir, 'runbooks', 'rollback.md'), 'utf8');
const copy = readRollbackRunbook();

interface Statement {
  label: string;
  value: string;
}

/** The document's lines after its frontmatter, grouped under their heading (`## …` or `### …`). */
function byHeading(text: string): Map<string, string[]> {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  const blocks = new Map<string, string[]>();
  let heading = '';
  for (const line of body.split('\n')) {
    if (/^#{1,3} /.test(line)) {
      heading = line;
      blocks.set(heading, []);
    } else blocks.get(heading)?.push(line);
  }
  return blocks;
}

/** `- **Label:** value` lines. */
function statements(lines: string[]): Statement[] {
  return lines.flatMap((line) => {
    const m = /^- \*\*([^*]+):\*\* ?(.*)$/.exec(line);
    return m ? [{ label: m[1]!, value: m[2]! }] : [];
  });
}

/** What the copy may add after a seed statement: matchers in inline code, after a space. */
const addedMatchers = /^( `[^`]+`)*$/;

describe('runbooks/rollback.md keeps the seed', () => {
  const seedBlocks = byHeading(seedText);
  const copyBlocks = byHeading(copyText);

  it('has every heading of the seed, in the same order', () => {
    expect([...copyBlocks.keys()].filter((h) => seedBlocks.has(h))).toEqual([...seedBlocks.keys()]);
  });

  it('keeps every prose statement word for word, under the same heading and in the same order', () => {
    let count = 0;
    for (const [heading, lines] of seedBlocks) {
      const kept = statements(copyBlocks.get(heading) ?? []);
      let from = 0;
      for (const { label, value } of statements(lines).filter((s) => s.label !== 'Command')) {
        const at = kept.findIndex((s, i) => i >= from && s.label === label && s.value.startsWith(value) && addedMatchers.test(s.value.slice(value.length)));
        expect(at, `${heading}: **${label}:** ${value}`).toBeGreaterThanOrEqual(0);
        from = at + 1;
        count += 1;
      }
    }
    // 4 actions, 2 expected outcomes, and the 9 statements of sections B, C and D.
    expect(count).toBe(15);
  });

  it('keeps the prose that is not a statement: the title and the introduction', () => {
    expect(copy.title).toBe(parseRunbook(seedText).title);
    expect(copy.description).toBe(parseRunbook(seedText).description);
  });

  it("turns each seed statement into the same attestation the seed's plan has", () => {
    const attestations = (steps: typeof copy.steps) => steps.flatMap((s) => s.attestations.map((a) => `${s.id.split('.').slice(0, 2).join('.')} ${a.label}: ${a.text}`));
    expect(attestations(copy.steps)).toEqual(attestations(parseRunbook(seedText).steps));
  });
});

describe("runbooks/rollback.md runs the seed's commands in their safer forms", () => {
  const step = (id: string) => {
    const found = copy.steps.find((s) => s.id === id);
    if (!found) throw new Error(`no step ${id}`);
    return found;
  };
  const commandOf = (id: string) => step(id).commands.map((c) => c.text).join('\n');
  const runOrder = copy.steps.map((s) => s.id);

  it('A.1 reads the image of the named container with a jsonpath, not describe | grep Image', () => {
    expect(commandOf('A.1')).toBe(`kubectl get deployment <deployment-name> -o jsonpath='{.spec.template.spec.containers[?(@.name=="<container-name>")].image}'`);
    expect(step('A.1').captures).toEqual(['deployed-image']);
  });

  it('A.2.1 finds the previous stable tag by version, pre-releases and the deployed release left out', () => {
    const text = commandOf('A.2.1');
    expect(text).toContain(`git tag --list 'v*' --sort=-v:refname | grep -E '^v[0-9]+\\.[0-9]+\\.[0-9]+$'`);
    expect(text).toContain('deployed=<deployed-image>');
    expect(text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n')).not.toMatch(/sort -V|tail -n/);
    expect(step('A.2.1').captures).toEqual(['previous-tag']);
  });

  it('A.2.4 rolls back to the revision A.2.2 took from `helm history -o json`, never one from memory', () => {
    expect(commandOf('A.2.4')).toBe('helm rollback <release-name> <rollback-revision>');
    expect(commandOf('A.2.2')).toContain('helm history <release-name> -o json |');
    expect(commandOf('A.2.2')).toContain('tag=<previous-tag>');
    expect(step('A.2.2').captures).toEqual(['rollback-revision']);
    expect(copy.params.map((p) => p.name)).toEqual(['deployment-name', 'container-name', 'release-name']);
  });

  it('runs the down migration before the code rollback, and says so where the seed had it', () => {
    expect(commandOf('A.2.3')).toBe('npm run migrate:down');
    expect(runOrder.indexOf('A.2.3')).toBeLessThan(runOrder.indexOf('A.2.4'));
    expect(step('B.1').commands).toEqual([]);
    expect(step('B.1').notes.map((n) => n.text).join(' ')).toContain('(`npm run migrate:down`) runs in step A.2, before `helm rollback`');
    // Only A.2.3 and A.2.4 change anything, so only they ask first.
    expect(copy.steps.filter((s) => s.gate).map((s) => [s.id, s.gate])).toEqual([
      ['A.2.3', 'a down migration or a schema reset changes the database backwards'],
      ['A.2.4', 'helm rollback returns a release to an earlier revision'],
    ]);
  });

  it('A.3 still runs the smoke test after the rollback', () => {
    expect(commandOf('A.3')).toBe('make smoke');
    expect(runOrder.indexOf('A.3')).toBe(runOrder.indexOf('A.2.4') + 1);
  });

  it("D finds the last-known-good tag from the release workflow's successful runs, joined with the tags", () => {
    const text = commandOf('D');
    expect(text).toContain('gh run list --workflow release.yml --status success --json headSha,headBranch,conclusion,createdAt |');
    expect(text).toContain(`git tag --points-at "$sha" --list 'rc-*' 'ga-*'`);
    expect(step('D').captures).toEqual(['last-known-good']);
  });

  it('names in its frontmatter the captures that hold the versions of the record, each made by a step', () => {
    expect(copy.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const versions = (copy.frontmatter.record as { versions?: Record<string, string> } | undefined)?.versions;
    expect(versions).toEqual({ from: 'deployed-image', to: 'previous-tag', lastKnownGood: 'last-known-good' });
    const captured = copy.steps.flatMap((s) => s.captures);
    for (const name of Object.values(versions!)) expect(captured).toContain(name);
  });
});
