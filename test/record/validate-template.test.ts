import { describe, expect, it } from 'vitest';
import { readDefaultTemplate } from '../../src/record/default-template.js';
import { renderRecord, TemplateError, validateTemplate } from '../../src/record/render-record.js';
import { buildRecordContext } from '../../src/record/build-record-context.js';
import { readJournal } from './read-journal.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fields = (template: string): string[] => validateTemplate(template).map((d) => d.name ?? '');

describe('validateTemplate', () => {
  it('accepts the shipped template', () => {
    expect(validateTemplate(readDefaultTemplate())).toEqual([]);
  });

  it('accepts the example template in docs/RECORD.md', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'RECORD.md'), 'utf8');
    const example = /```handlebars\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(validateTemplate(example ?? '')).toEqual([]);
  });

  it('names an unknown field with its line and column', () => {
    const template = ['# Drill {{drillId}}', '', '- Mode: {{mode}}', '- Operator: {{operatr}}'].join('\n');
    const [d, ...rest] = validateTemplate(template);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ kind: 'unknown-field', name: 'operatr', line: 4, column: 15, suggestion: 'operator' });
    expect(d?.message).toBe('Unknown field "operatr" at line 4, column 15; did you mean "operator"?');
  });

  it('checks nested paths against the schema', () => {
    expect(fields('{{runbook.sha256}} {{runbook.sah256}} {{totals.steps.passed}} {{versions.from.value}}')).toEqual(['runbook.sah256']);
  });

  it('resolves fields inside #each against the item schema', () => {
    const template = '{{#each steps}}{{id}} {{title}} {{#each outcomes}}{{verdict}} {{evidense}}{{/each}}{{/each}}';
    expect(fields(template)).toEqual(['evidense']);
  });

  it('allows this, @index, @first, @root and ../ inside blocks', () => {
    const template = [
      '{{#each participants}}{{@index}} {{this}} {{@first}}{{/each}}',
      '{{#each steps}}{{../drillId}} {{@root.mode}} {{this.id}} {{#each commands}}{{../id}} {{../../drillId}}{{/each}}{{/each}}',
    ].join('\n');
    expect(validateTemplate(template)).toEqual([]);
  });

  it('reports ../ that resolves to a field the outer scope does not have', () => {
    expect(fields('{{#each steps}}{{../title}}{{/each}}')).toEqual(['../title']);
  });

  it('keeps #if and #unless in the same scope, and #with entering its object', () => {
    expect(validateTemplate('{{#if operator}}{{operator}}{{else}}{{mode}}{{/if}}{{#with runbook}}{{path}}{{../drillId}}{{/with}}')).toEqual([]);
    expect(fields('{{#with runbook}}{{drillId}}{{/with}}')).toEqual(['drillId']);
  });

  it('resolves block params', () => {
    expect(validateTemplate('{{#each steps as |step i|}}{{step.id}} {{i}}{{#each step.tries as |t|}}{{t.status}} {{step.title}}{{/each}}{{/each}}')).toEqual([]);
    expect(fields('{{#each steps as |step|}}{{step.nope}}{{/each}}')).toEqual(['step.nope']);
  });

  it('checks helper arguments and sub-expressions', () => {
    expect(fields('{{cell (default environmnt)}} {{duration totals.durationMs}} {{#if (eq mode "live")}}x{{/if}}')).toEqual(['environmnt']);
  });

  it('reports unknown helpers', () => {
    const [d] = validateTemplate('{{shout drillId}}');
    expect(d).toMatchObject({ kind: 'unknown-helper', name: 'shout', line: 1, column: 3 });
  });

  it('checks the else branch of #each in the outer scope', () => {
    expect(fields('{{#each issues}}{{text}}{{else}}{{text}}{{/each}}')).toEqual(['text']);
  });

  it('treats a field used as a block like Handlebars does (array: each, object: with)', () => {
    expect(validateTemplate('{{#steps}}{{id}}{{/steps}}{{#runbook}}{{path}}{{/runbook}}')).toEqual([]);
    expect(fields('{{#stepz}}{{id}}{{/stepz}}')).toContain('stepz');
  });

  it('reports unknown data variables', () => {
    expect(fields('{{#each steps}}{{@indx}}{{/each}}')).toEqual(['@indx']);
  });

  it('reports a syntax error with its line', () => {
    const [unclosed] = validateTemplate('line one\n{{#each steps}}\n{{id}}\n');
    expect(unclosed).toMatchObject({ kind: 'syntax', line: 4 });
    expect(unclosed?.message).toMatch(/^Template syntax error at line 4: Expecting .* got 'EOF'$/);
    const [mismatched] = validateTemplate('line one\n{{#each steps}}{{/if}}');
    expect(mismatched).toMatchObject({ kind: 'syntax', line: 2 });
    expect(mismatched?.message).toContain("each doesn't match if");
  });

  it('refuses partials, which a record template cannot resolve', () => {
    expect(validateTemplate('{{> header}}')[0]?.kind).toBe('unsupported');
  });
});

describe('renderRecord with a team template', () => {
  const context = buildRecordContext(readJournal(join(import.meta.dirname, 'fixtures', 'passed', 'events.jsonl')));

  it('renders a custom template', () => {
    const text = renderRecord(context, '# {{runbook.title}}\n\n{{#each steps}}- {{id}}: {{status}}\n{{/each}}');
    expect(text).toContain('# Release Rollback Runbook');
    expect(text).toContain('- A.2.2: passed');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('refuses a template with an unknown field before rendering anything', () => {
    let caught: unknown;
    try {
      renderRecord(context, 'Operator: {{operatr}}', 'team.md');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateError);
    expect((caught as TemplateError).message).toContain('Invalid team.md');
    expect((caught as TemplateError).diagnostics[0]).toMatchObject({ name: 'operatr', line: 1, column: 13 });
  });
});
