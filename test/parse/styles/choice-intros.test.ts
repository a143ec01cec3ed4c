// Fixture: choice-intros.md. Text that says to pick one ("use one of these:", "Depending on your
// setup:", "Pick one of the following:") makes the list or the shell blocks after it the options
// of one choice, whatever each option's own words; what follows them runs whichever was taken.
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/parse/parse-runbook.js';
import { isChoiceIntro, isSequenceLead } from '../../../src/parse/vocabulary.js';
import { parseFixture } from '../parse-fixture.js';

const runbook = (body: string) => parseRunbook(`# T\n\n${body}`);
const choicesOf = (rb: ReturnType<typeof parseRunbook>) => rb.decisions.map((d) => [d.id, d.kind, d.options.map((o) => `${o.id}:${o.steps.join(',')}`)]);
const onBranch = (rb: ReturnType<typeof parseRunbook>) => rb.steps.filter((s) => s.commands.length > 0).map((s) => [s.commands.map((c) => c.text).join('; '), s.branch ? `${s.branch.decision}=${s.branch.option}` : null]);

describe('a list or blocks introduced as a choice', () => {
  const rb = parseFixture('choice-intros.md');

  it('makes a nested list of labelled options, a list of bare commands and a run of labelled blocks one choice each', () => {
    expect(choicesOf(rb)).toEqual([
      ['fail-over.2.choice', 'choice', ['1:fail-over.2.2', '2:fail-over.2.3']],
      ['clear-the-cache.choice', 'choice', ['1:clear-the-cache.2', '2:clear-the-cache.3']],
      ['check.choice', 'choice', ['1:check.2', '2:check.3']],
    ]);
  });

  it('runs what comes before and after the options whichever was taken, and a list said to run in order in order', () => {
    expect(onBranch(rb)).toEqual([
      ['orders-admin freeze --reason failover', null],
      ['aws rds promote-read-replica --db-instance-identifier orders-replica', 'fail-over.2.choice=1'],
      ['patronictl -c /etc/patroni.yml failover --candidate orders-2 --force', 'fail-over.2.choice=2'],
      ['kubectl set env deploy/orders DB_HOST=orders-2.internal', null],
      ['orders-admin cache flush --all', 'clear-the-cache.choice=1'],
      ['orders-admin cache flush --older-than 1h', 'clear-the-cache.choice=2'],
      ["psql -h orders-2.internal -c 'select 1'", 'check.choice=1'],
      ["pgcli -h orders-2.internal -e 'select 1'", 'check.choice=2'],
      ['orders-admin thaw', null],
      ['orders-admin drain --queue payments; orders-admin resume --queue payments', null],
    ]);
  });

  it('titles each option by its label, and keeps the intro a note rather than an action to confirm', () => {
    expect(rb.steps.filter((s) => s.branch).map((s) => s.title)).toEqual(['On RDS:', 'On Patroni:', '`orders-admin cache flush --all`', '`orders-admin cache flush --older-than 1h`', 'With psql', 'With pgcli']);
    expect(rb.steps.flatMap((s) => s.attestations)).toEqual([]);
  });

  it('makes the items of a numbered list under such an intro the options', () => {
    const numbered = runbook('## Fix\n\nDo one of the following:\n\n1. Restart it: `systemctl restart api`\n2. Move it: `kubectl drain node-1`\n');
    expect(choicesOf(numbered)).toEqual([['fix.choice', 'choice', ['1:fix.2', '2:fix.3']]]);
  });

  it('reads items that open with their block, and blocks without labels, as options too', () => {
    const items = runbook('## Fix\n\nUse one of these:\n\n- ```sh\n  systemctl restart api\n  ```\n- ```sh\n  systemctl reload api\n  ```\n');
    expect(onBranch(items).map(([, branch]) => branch)).toEqual(['fix.choice=1', 'fix.choice=2']);
    const blocks = runbook('## Fix\n\nJe nach Umgebung einen der folgenden Befehle:\n\n```sh\nsystemctl restart api\n```\n\n```sh\nsystemctl reload api\n```\n');
    expect(onBranch(blocks).map(([, branch]) => branch)).toEqual(['fix.choice=1', 'fix.choice=2']);
  });

  it('leaves one block after such an intro, and blocks after an intro that offers no choice, to run', () => {
    expect(onBranch(runbook('## Fix\n\nUse one of these:\n\n```sh\nsystemctl restart api\n```\n'))).toEqual([['systemctl restart api', null]]);
    expect(onBranch(runbook('## Fix\n\nRun the following commands:\n\n```sh\nsystemctl stop api\n```\n\n```sh\nsystemctl start api\n```\n'))).toEqual([['systemctl stop api; systemctl start api', null]]);
  });

  it('makes the commented pieces of one block after such an intro its options, each titled by its comment', () => {
    const rb2 = runbook('## Fail over\n\nDepending on the region, run one of:\n\n```sh\n# us-east-1\naws rds failover-db-cluster --db-cluster-identifier orders-use1\n\n# eu-west-1\naws rds failover-db-cluster --db-cluster-identifier orders-euw1\n```\n\nThen check:\n\n```sh\naws rds describe-db-clusters\n```\n');
    expect(rb2.decisions.map((d) => d.options.map((o) => o.title))).toEqual([['us-east-1', 'eu-west-1']]);
    expect(onBranch(rb2).map(([, branch]) => branch)).toEqual(['fail-over.choice=1', 'fail-over.choice=2', null]);
    // Without the intro the block runs as written; with it but a piece without its comment, where
    // each option ends is a guess (`cd` may belong to the line after it): nothing runs, the operator is asked.
    expect(onBranch(runbook('## Fail over\n\n```sh\n# us-east-1\naws rds a\n# eu-west-1\naws rds b\n```\n'))).toEqual([['# us-east-1\naws rds a\n# eu-west-1\naws rds b', null]]);
    const unclear = runbook('## Fail over\n\nUse one of these:\n\n```sh\ncd /srv/app\nrm -rf build\n```\n');
    expect(onBranch(unclear)).toEqual([]);
    expect(unclear.steps.flatMap((s) => s.attestations.map((a) => a.text))).toEqual(['cd /srv/app\nrm -rf build']);
    expect(unclear.diagnostics.map((d) => [d.ruleId, d.severity, d.position.line])).toEqual([['choice-unclear', 'warning', 7]]);
    expect(onBranch(runbook('## Fail over\n\nUse one of these:\n\n```sh\naws rds a\n```\n'))).toEqual([['aws rds a', null]]);
  });

  it('ends a run of options at a label that says what comes after them', () => {
    const rb2 = runbook('## Fix\n\nDepending on the init system:\n\n```sh\nsystemctl restart api\n```\n\n```sh\nservice api restart\n```\n\nThen check it:\n\n```sh\ncurl -fsS localhost/health\n```\n');
    expect(onBranch(rb2).map(([, branch]) => branch)).toEqual(['fix.choice=1', 'fix.choice=2', null]);
  });
});

describe('choice intros and sequence leads', () => {
  it('are told by their words wherever they stand, in four languages', () => {
    for (const text of ['Use one of these:', 'Promote it, using one\nof these:', 'Depending on your setup:', 'Run whichever applies.', 'Pick one of the following', 'Promote it, using one of the two commands below:', 'Je nach Umgebung:', "Lancez l'une des commandes suivantes :", 'Elija una opción:']) {
      expect(isChoiceIntro(text), text).toBe(true);
    }
    for (const text of ['Run these in order:', 'Run the following commands:', 'Someone of these teams owns it', 'Choose a window with the product owner']) {
      expect(isChoiceIntro(text), text).toBe(false);
    }
    expect(['Then check it:', 'Finally:', 'Danach:'].map(isSequenceLead)).toEqual([true, true, true]);
    expect(['Thence:', 'On RDS:'].map(isSequenceLead)).toEqual([false, false]);
  });
});
