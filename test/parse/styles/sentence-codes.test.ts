// A sentence's inline commands: which it says to run, which it offers instead of another, and
// which it only names (what not to run, what output looks like). Never run what the sentence
// does not say to run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/parse/parse-runbook.js';
import { joinOfCommands, namesWithoutRunning } from '../../../src/parse/vocabulary.js';

const runbook = (body: string) => parseRunbook(`# T\n\n## Steps\n\n${body}`);
/** Each command with the branch it is on, in order. */
const runs = (body: string) => runbook(body).steps.flatMap((s) => s.commands.map((c) => [c.text, s.branch ? `${s.branch.decision}=${s.branch.option}` : null]));

describe('inline commands of one sentence', () => {
  it('offered one instead of the other are options of one choice', () => {
    expect(runs('1. Restart nginx: run `systemctl restart nginx` or `service nginx restart` on older hosts.\n')).toEqual([
      ['systemctl restart nginx', 'steps.1.choice=1'], ['service nginx restart', 'steps.1.choice=2'],
    ]);
    expect(runs('1. Either restart the pods with `kubectl rollout restart deploy/web` or scale to zero with `kubectl scale deploy/web --replicas=0`.\n').map(([, branch]) => branch)).toEqual(['steps.1.choice=1', 'steps.1.choice=2']);
    expect(runs('- Run `systemctl stop api`, `systemctl stop worker` or `systemctl stop all`\n').map(([, branch]) => branch)).toEqual(['steps.choice=1', 'steps.choice=2', 'steps.choice=3']);
  });

  it('"If …, run `a`; otherwise run `b`" is one choice between the two, not a condition that runs both', () => {
    const rb = runbook('1. If the config test fails, run `nginx -t` to see why; otherwise run `systemctl reload nginx`.\n');
    expect(rb.decisions.map((d) => [d.id, d.kind, d.options.map((o) => o.title)])).toEqual([['steps.1.choice', 'choice', ['If the config test fails, run `nginx -t`', 'otherwise run `systemctl reload nginx`']]]);
  });

  it('run one after the other when the sentence says so, and run what comes after the options whichever was taken', () => {
    expect(runs('- Run `systemctl stop api` and then `systemctl start api`\n- Run `systemctl stop api`, `systemctl stop worker` and `systemctl stop all`\n').map(([, branch]) => branch)).toEqual([null, null, null, null, null]);
    expect(runs('1. Run `make build` or `make build-fast`, then `make deploy`.\n')).toEqual([['make build', 'steps.1.choice=1'], ['make build-fast', 'steps.1.choice=2'], ['make deploy', null]]);
  });

  it('are not run when the sentence says not to, or shows output with them', () => {
    expect(runs('1. Do not run `rm -rf /var/cache/nginx` here, it drops every cached page.\n')).toEqual([]);
    expect(runs('1. Never use `kubectl delete ns prod`; run `kubectl scale deploy/web --replicas=0` instead.\n')).toEqual([['kubectl scale deploy/web --replicas=0', null]]);
    expect(runs('1. Check the version with `nginx -v` (prints something like `nginx version: nginx/1.24.0`).\n')).toEqual([['nginx -v', null]]);
    expect(runs('1. Run `curl -s localhost/health`; it returns `status ok` when healthy.\n')).toEqual([['curl -s localhost/health', null]]);
  });

  it('under a Command label that offers one or another: none runs, the operator is asked, and lint says how to write it', () => {
    const rb = runbook('### Restart\n\n- **Command:** `systemctl restart nginx` (or `service nginx restart` on older hosts)\n');
    expect(rb.steps.flatMap((s) => s.commands)).toEqual([]);
    expect(rb.steps.flatMap((s) => s.attestations.map((a) => a.text))).toEqual(['`systemctl restart nginx` (or `service nginx restart` on older hosts)']);
    expect(rb.diagnostics.map((d) => [d.ruleId, d.severity, d.position.line])).toEqual([['command-alternatives', 'warning', 7]]);
    expect(runbook('### Up\n\n- **Command:** `uptime`\n').steps.flatMap((s) => s.commands.map((c) => c.text))).toEqual(['uptime']);
  });
});

describe('the words between inline commands', () => {
  it('say instead or after by the last join word, and a bare comma lists', () => {
    expect([' or ', ' on new hosts or ', '; otherwise run ', ' (takes a minute or two), then ', ' and/or ', ', ', ' ', ' with '].map(joinOfCommands)).toEqual([
      'alternative', 'alternative', 'alternative', 'sequence', 'alternative', 'list', 'sequence', 'sequence',
    ]);
  });

  it('name a command without running it only in its own clause', () => {
    expect(['Do not run ', 'prints something like ', 'e.g. ', 'instead of '].map(namesWithoutRunning)).toEqual([true, true, true, true]);
    expect(['Run ', 'Restart it with ', 'Show the pods with '].map(namesWithoutRunning)).toEqual([false, false, false]);
  });
});

describe('a sentence offering commands, generated', () => {
  const joins = [
    { text: ' or ', alternative: true }, { text: '; otherwise run ', alternative: true }, { text: ' or else ', alternative: true }, { text: ', alternatively ', alternative: true },
    { text: ' and then ', alternative: false }, { text: ', then ', alternative: false }, { text: ' followed by ', alternative: false },
  ];
  it('never runs two commands offered one instead of the other in one run', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...joins), { minLength: 1, maxLength: 4 }), fc.boolean(), (between, numbered) => {
      const codes = between.map((_, i) => `tool-${i + 1} --flag`);
      codes.unshift('tool-0 --flag');
      const sentence = `Run \`${codes[0]}\`${between.map((join, i) => `${join.text}\`${codes[i + 1]}\``).join('')}.`;
      const rb = runbook(`${numbered ? '1.' : '-'} ${sentence}\n`);
      const stepOf = new Map(rb.steps.flatMap((s) => s.commands.map((c) => [c.text, s] as const)));
      expect([...stepOf.keys()].sort()).toEqual([...codes].sort());
      between.forEach((join, i) => {
        if (!join.alternative) return;
        const [a, b] = [stepOf.get(codes[i] as string), stepOf.get(codes[i + 1] as string)];
        // Offered instead of each other: options of one decision, never the same step nor both unconditional.
        expect(a).not.toBe(b);
        expect(a?.branch?.decision).toBeDefined();
        expect(a?.branch?.decision).toBe(b?.branch?.decision);
        expect(a?.branch?.option).not.toBe(b?.branch?.option);
      });
    }), { numRuns: 60 });
  });
});

describe('what is struck through or kept for history', () => {
  it('is not run: a struck command is a note, a struck or deprecated step a condition', () => {
    expect(runs('1. ~~Restart: `kubectl rollout restart deploy/web`~~ (not needed since v2)\n2. Check: `kubectl get pods`\n')).toEqual([['kubectl get pods', null]]);
    expect(runs('- Run `make build` (~~`make build-legacy`~~ before v2)\n')).toEqual([['make build', null]]);
    for (const heading of ['~~Purge the cache~~', 'Old method (deprecated)', 'Legacy: purge by hand']) {
      expect(runs(`### ${heading}\n\n\`\`\`sh\n./purge-cache.sh\n\`\`\`\n`), heading).toEqual([['./purge-cache.sh', expect.stringMatching(/=take$/)]]);
    }
  });
});
