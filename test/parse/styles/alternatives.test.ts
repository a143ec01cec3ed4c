// Fixture: alternatives.md. Choices between steps, recognised on the title without its numbering,
// grouped into decision points: options of one family in a row are one choice, a lone one is taken
// or skipped.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/parse/parse-runbook.js';
import { parseFixture, stepOf } from '../parse-fixture.js';

describe('alternatives', () => {
  const rb = parseFixture('alternatives.md');

  it('puts numbered and unnumbered choices, steps and sub-steps on branches', () => {
    expect(rb.steps.filter((s) => s.branch).map((s) => s.id)).toEqual(['recover.2', 'recover.3', 'plan-b-fail-over-to-the-standby-queue', 'scenario-c-the-disk-is-full', 'recover.4.1']);
  });

  it('groups "Option A" and "Option B" in a row into one choice, and makes a lone option a condition', () => {
    expect(rb.decisions.map((d) => [d.id, d.kind, d.options.map((o) => `${o.id}:${o.steps.join(',')}`)])).toEqual([
      ['recover.choice', 'choice', ['a:recover.2', 'b:recover.3']],
      ['plan-b-fail-over-to-the-standby-queue', 'condition', ['take:plan-b-fail-over-to-the-standby-queue', 'skip:']],
      ['scenario-c-the-disk-is-full', 'condition', ['take:scenario-c-the-disk-is-full', 'skip:']],
      ['solution-1-wait', 'condition', ['take:recover.4.1', 'skip:']],
    ]);
  });

  it('leaves the steps that run in turn', () => {
    expect(rb.steps.filter((s) => !s.branch).map((s) => s.title)).toEqual(['Look at the backlog', 'Plan a maintenance window', 'Check the consumers']);
  });

  it('titles sub-steps without their numbering, and keeps their written number', () => {
    expect(stepOf(rb, 'recover.4.1')).toMatchObject({ title: 'Solution 1: wait', parent: { id: 'recover.4', title: 'Watch it drain' } });
  });

  it('a numbered "Option A" heading alone is a condition on its step', () => {
    const text = '# T\n\n### 1. Option A\n\n```sh\ntrue\n```\n';
    expect(parseRunbook(text).steps[0]?.branch).toEqual({ decision: 'option-a', option: 'take' });
  });
});

describe('parts that say when alone they apply, and parts a reader opens', () => {
  const decided = (text: string) => parseRunbook(`# T\n\n## S\n\n${text}`).steps.map((s) => [s.commands.map((c) => c.text).join('; '), s.branch?.option ?? null]);

  it('"Skip if …", "Production only:" and "(staging only)" are conditions, taken or skipped', () => {
    for (const title of ['Skip if already done: create the bucket', 'Production only: create the bucket', 'Create the bucket (staging only)', 'Only for new regions: create the bucket']) {
      expect(decided(`### ${title}\n\n\`\`\`sh\naws s3 mb s3://orders-archive\n\`\`\`\n`), title).toEqual([['aws s3 mb s3://orders-archive', 'take']]);
    }
    expect(decided('### Create the bucket only once\n\n```sh\naws s3 mb s3://orders-archive\n```\n')).toEqual([['aws s3 mb s3://orders-archive', null]]);
  });

  it('a `<details>` block is a condition titled by its summary; what follows it runs', () => {
    const text = '```sh\n./migrate.sh\n```\n\n<details>\n<summary>Old way (before <b>v3</b>)</summary>\n\n```sh\n./legacy-migrate.sh --all\n```\n\n</details>\n\n```sh\n./verify.sh\n```\n';
    expect(decided(text)).toEqual([['./migrate.sh', null], ['./legacy-migrate.sh --all', 'take'], ['./verify.sh', null]]);
    const rb = parseRunbook(`# T\n\n## S\n\n${text}`);
    expect(rb.decisions.map((d) => [d.kind, d.title])).toEqual([['condition', 'Old way (before v3)']]);
    const headed = parseRunbook('# T\n\n## S\n\n```sh\n./migrate.sh\n```\n\n<details><summary>Old way</summary>\n\n### Old step\n\n```sh\n./old.sh\n```\n\n</details>\n\n### Verify\n\n```sh\n./verify.sh\n```\n');
    expect(headed.steps.map((s) => [s.commands.map((c) => c.text).join(), s.branch?.option ?? null])).toEqual([['./migrate.sh', null], ['./old.sh', 'take'], ['./verify.sh', null]]);
    const inItem = parseRunbook('# T\n\n## S\n\n1. Migrate:\n\n   <details><summary>Option B: by hand</summary>\n\n   ```sh\n   ./by-hand.sh\n   ```\n\n   </details>\n');
    expect(inItem.steps.flatMap((s) => s.commands.map((c) => [c.text, s.branch?.option ?? null]))).toEqual([['./by-hand.sh', 'take']]);
  });
});

describe('a way back after a way forward', () => {
  const deploy = '## Deploy\n\n```sh\nhelm upgrade orders ./chart --set image.tag=2.0.0\n```\n\n## Verify\n\n```sh\ncurl -fsS https://orders.internal/health\n```\n\n';
  const decided = (text: string) => parseRunbook(text).steps.map((s) => [s.id, s.branch?.option ?? null]);

  it('is a condition, taken or skipped, never run after the deploy by default', () => {
    const text = `# Deploy orders-api 2.0\n\n${deploy}## Rollback plan\n\n\`\`\`sh\nhelm rollback orders\n\`\`\`\n\n## Backout procedure\n\n### Restore the old config\n\n\`\`\`sh\n./backout.sh\n\`\`\`\n`;
    expect(decided(text)).toEqual([['deploy', null], ['verify', null], ['rollback-plan', 'take'], ['restore-the-old-config', 'take']]);
    expect(parseRunbook(text).decisions.map((d) => [d.id, d.kind])).toEqual([['rollback-plan', 'condition'], ['backout-procedure', 'condition']]);
  });

  it('is the procedure in a runbook for the way back, and after steps that only look', () => {
    expect(decided(`# Roll back orders-api\n\n${deploy}## Rollback\n\n\`\`\`sh\nhelm rollback orders\n\`\`\`\n`).map(([, option]) => option)).toEqual([null, null, null]);
    expect(decided('# Checkout errors\n\n## Look\n\n```sh\nkubectl get pods -n shop\n```\n\n## Roll back\n\n```sh\nhelm rollback shop\n```\n').map(([, option]) => option)).toEqual([null, null]);
  });
});

describe('parts a run may leave out, and code given as an example', () => {
  const runbook = (body: string) => parseRunbook(`# T\n\n${body}`);
  const commandsOf = (text: string) => runbook(text).steps.map((s) => [s.id, s.branch?.decision ?? null, s.commands.map((c) => c.text)]);

  it('"If …:" before a block makes what follows a condition, taken or skipped, not the next command', () => {
    const rb = runbook('## Restore\n\n1. Restore:\n   ```bash\n   ./restore.sh\n   ```\n   If the restore fails, roll back with:\n   ```bash\n   ./restore.sh --undo\n   ```\n');
    expect(rb.decisions.map((d) => [d.kind, d.options.map((o) => o.id)])).toEqual([['condition', ['take', 'skip']]]);
    expect(rb.steps.map((s) => [s.commands.map((c) => c.text), s.branch?.option ?? null])).toEqual([[['./restore.sh'], null], [['./restore.sh --undo'], 'take']]);
  });

  it('a sentence that is not a condition before a block leaves the block a command', () => {
    expect(commandsOf('## S\n\nThen run:\n\n```bash\nkubectl get pods\n```\n')).toEqual([['s', null, ['kubectl get pods']]]);
  });

  it('"(optional)" and "Appendix" sections are taken or skipped, never run by default', () => {
    const rb = runbook('## Cleanup (optional)\n\n```bash\nrm -rf /tmp/restore-*\n```\n\n## Optional: warm the cache\n\n```bash\n./warm.sh\n```\n\n## Appendix: how the backup is made\n\n```bash\npg_dump -Fc orders > orders.dump\n```\n');
    expect(rb.decisions.map((d) => [d.id, d.kind])).toEqual([['cleanup-optional', 'condition'], ['optional-warm-the-cache', 'condition'], ['appendix-how-the-backup-is-made', 'condition']]);
    expect(rb.steps.every((s) => s.branch?.option === 'take')).toBe(true);
  });

  it('code in a numbered item that gives an example is not run: the item is confirmed by the operator', () => {
    for (const item of ['For example, to restore last night\'s backup you would run `./restore.sh bk-1`.', 'Restore a backup, e.g. `./restore.sh bk-1`.', 'You would run `./restore.sh bk-1` to restore it.']) {
      const rb = runbook(`## Steps\n\n1. ${item}\n`);
      expect(rb.steps.flatMap((s) => s.commands), item).toEqual([]);
      expect(rb.steps[0]?.attestations.length, item).toBe(1);
    }
    expect(runbook('## Steps\n\n1. Restore with `./restore.sh bk-1`.\n').steps[0]?.commands.map((c) => c.text)).toEqual(['./restore.sh bk-1']);
  });
});

describe('"or" between two blocks', () => {
  const rb = (body: string) => parseRunbook(`# T\n\n### 1. Reload\n\n${body}`);
  const fence = (command: string): string => `\`\`\`bash\n${command}\n\`\`\`\n\n`;

  it('makes the blocks on either side options of one choice, titled by what the text says', () => {
    const runbook = rb(`Either reload nginx:\n\n${fence('systemctl reload nginx')}Or restart it (drops connections):\n\n${fence('systemctl restart nginx')}`);
    expect(runbook.decisions.map((d) => [d.kind, d.options.map((o) => [o.id, o.title, o.steps])])).toEqual([
      ['choice', [['1', 'reload nginx', ['1.1']], ['2', 'restart it (drops connections)', ['1.2']]]],
    ]);
    expect(runbook.steps.map((s) => [s.id, s.commands.map((c) => c.text)])).toEqual([['1.1', ['systemctl reload nginx']], ['1.2', ['systemctl restart nginx']]]);
  });

  it('takes three options, titles a bare "or" by its command, and leaves a block after them to the step', () => {
    const runbook = rb(`Run one of:\n\n${fence('certbot renew')}or\n\n${fence('certbot certonly --force-renewal')}Alternatively:\n\n${fence('acme.sh --renew')}Then check:\n\n${fence('certbot certificates')}`);
    expect(runbook.decisions.map((d) => d.options.map((o) => o.title))).toEqual([['certbot renew', 'certbot certonly --force-renewal', 'acme.sh --renew']]);
    expect(runbook.steps.filter((s) => !s.branch).flatMap((s) => s.commands.map((c) => c.text))).toEqual(['certbot certificates']);
  });

  it('keeps a command before the first option out of the choice', () => {
    const runbook = rb(`${fence('nginx -t')}Reload:\n\n${fence('systemctl reload nginx')}Or:\n\n${fence('systemctl restart nginx')}`);
    expect(runbook.steps.filter((s) => !s.branch).flatMap((s) => s.commands.map((c) => c.text))).toEqual(['nginx -t']);
    expect(runbook.decisions[0]?.options.map((o) => o.title)).toEqual(['Reload', 'systemctl restart nginx']);
  });

  it('is not a choice when "or" does not stand between two shell blocks', () => {
    expect(rb(`${fence('systemctl reload nginx')}Or wait for the next deploy.\n`).decisions).toEqual([]);
    expect(rb(`Or reload it:\n\n${fence('systemctl reload nginx')}`).decisions).toEqual([]);
  });
});

describe('numbered items that apply only under a condition', () => {
  const item = (text: string) => parseRunbook(`# T\n\n## Fix\n\n1. ${text}:\n\n   \`\`\`bash\n   journalctl --vacuum-time=2d\n   \`\`\`\n`);

  it.each([
    'If that is not enough, delete old journal entries',
    'As a last resort, reboot the node',
    'If all else fails, vacuum the journal',
    'Truncate the biggest log (do this only if it is an application log)',
    'Vacuum the journal (unless the audit team needs it)',
  ])('%s: taken or skipped, never run in turn', (text) => {
    const runbook = item(text);
    expect(runbook.decisions.map((d) => [d.kind, d.options.map((o) => o.id)])).toEqual([['condition', ['take', 'skip']]]);
  });

  it.each(['Find the big files', 'Delete old journal entries, then check the disk', 'When to use this: never on a database node'])('%s: a step run in turn', (text) => {
    expect(item(text).decisions).toEqual([]);
  });
});

describe('"or" inside a part that is already a condition', () => {
  it('leaves the condition whole, so that it can still be skipped', () => {
    const runbook = parseRunbook('# T\n\n### 1. Within\n\n**If it fails:**\n\n```bash\n./a.sh\n```\n\nor\n\n```bash\n./b.sh\n```\n');
    expect(runbook.decisions.map((d) => [d.kind, d.options.map((o) => o.id)])).toEqual([['condition', ['take', 'skip']]]);
    expect(runbook.steps.filter((s) => s.branch?.option === 'take').flatMap((s) => s.commands.map((c) => c.text))).toEqual(['./a.sh', './b.sh']);
  });
});

describe('parts that inform', () => {
  it('run their commands only if taken; with nothing to run they make no decision', () => {
    const rb = parseRunbook('# T\n\n## Overview\n\nThis restores the orders database.\n\n## References\n\n```sh\npg_restore --list backup.dump\n```\n\n## Restore\n\n### Notes\n\n- `kubectl delete ns tmp`\n\n### Do it\n\n```sh\npg_restore -d orders backup.dump\n```\n');
    expect(rb.steps.filter((s) => s.commands.length > 0).map((s) => [s.id, s.branch?.option ?? null])).toEqual([['references', 'take'], ['notes', 'take'], ['do-it', null]]);
    expect(rb.decisions.map((d) => d.id)).toEqual(['references', 'notes']);
  });
});
