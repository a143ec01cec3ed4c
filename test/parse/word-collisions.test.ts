// Words that once meant two things to the parser, depending on which branch read them first.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/parse/parse-runbook.js';

const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\`\n`;

describe('"Output:" introduces sample output', () => {
  it('as a paragraph after a command, the block after it is that command\'s sample output', () => {
    const rb = parseRunbook(`# T\n\n### 1. Check\n\n${fence('sh', 'curl -s localhost/health')}\nOutput:\n\n${fence('', 'ok')}`);
    expect(rb.steps[0]?.expectations.map((e) => [e.text, e.sample, e.commandIndex])).toEqual([['Output', ['ok'], 0]]);
    expect(rb.diagnostics).toEqual([]);
  });

  it('as a label after a command in a list, the block after the list is that output', () => {
    const rb = parseRunbook(`# T\n\n### 1. Check\n\n- **Command:** \`curl -s localhost/health\`\n- **Output:**\n\n${fence('text', 'ok')}`);
    expect(rb.steps[0]?.expectations.map((e) => [e.text, e.sample, e.commandIndex])).toEqual([['Output', ['ok'], 0]]);
    expect(rb.steps[0]?.captures).toEqual([]);
    expect(rb.diagnostics).toEqual([]);
  });

  it('captures are named by Capture and Save as', () => {
    const rb = parseRunbook('# T\n\n### 1. Tag\n\n- **Command:** `git describe`\n- **Capture:** `tag`\n- **Save as:** `version`\n');
    expect(rb.steps[0]?.captures).toEqual(['tag', 'version']);
  });
});

describe('alternatives are recognised on the heading text without its numbering', () => {
  const rb = parseRunbook([
    '# T', '', '## Fix', '',
    '### 1. Look', '', fence('sh', 'true'),
    '### 2. Option B', '', fence('sh', 'echo b'),
    '### Plan a maintenance window', '', fence('sh', 'echo window'),
    '### Plan B: restore from backup', '', fence('sh', 'echo restore'),
    '### 5. Steps', '', '#### 5.1 Option A: undo', '', fence('sh', 'echo undo'), '#### 5.2 Check', '', fence('sh', 'echo check'),
  ].join('\n'));
  const alternative = (title: string) => rb.steps.find((s) => s.title === title)?.branch !== undefined;

  it('a numbered "Option B" heading offers a choice', () => {
    expect(alternative('Option B')).toBe(true);
    expect(alternative('Option A: undo')).toBe(true);
  });

  it('"Plan a …" is a plan to follow, "Plan B" a choice', () => {
    expect(alternative('Plan a maintenance window')).toBe(false);
    expect(alternative('Plan B: restore from backup')).toBe(true);
  });

  it('the other steps run in turn', () => {
    expect(rb.steps.filter((s) => s.branch === undefined).map((s) => s.title)).toEqual(['Look', 'Plan a maintenance window', 'Check']);
  });
});

describe('every output language is read the same way', () => {
  for (const lang of ['text', 'txt', 'plaintext', 'output', 'log', 'console-output', 'none']) {
    it(`\`${lang}\` after an intro is sample output; alone it is reported and not kept as code`, () => {
      const introduced = parseRunbook(`# T\n\n### 1. Run\n\n${fence('sh', 'echo ok')}\nYou should see:\n\n${fence(lang, 'ok')}`);
      expect(introduced.steps[0]?.expectations.map((e) => e.sample)).toEqual([['ok']]);
      const alone = parseRunbook(`# T\n\n### 1. Run\n\n${fence('sh', 'echo ok')}\n${fence(lang, 'ok')}`);
      expect(alone.steps[0]?.notes).toEqual([]);
      expect(alone.diagnostics.map((d) => d.ruleId)).toEqual(['non-shell-fence']);
    });
  }
});
