// Fixture: runme-cells.md. Runme's fence attributes read as Runme reads them: booleans as Go's
// ParseBool reads them, `ignore` and `transform=false` shown and never run, a named cell a step
// of its own, `cwd` the step's folder; what cannot be honoured is refused with its reason.
import { describe, expect, it, vi } from 'vitest';
import { runList } from '../../../src/cli/list-command.js';
import { readRunmeCell } from '../../../src/parse/styles/runme-attributes.js';
import { renderPlanText } from '../../../src/plan/render-plan-text.js';
import { parseFixture, stepOf } from '../parse-fixture.js';
import { planFixture } from '../plan-fixture.js';
import { loadShellParser } from '../../../src/shell/load-shell-parser.js';

// Gates read every command through the shell parser.
await loadShellParser();

describe('Runme attributes', () => {
  it('reads booleans as Runme does: true, True, TRUE, t, 1 and their false forms', () => {
    for (const value of ['true', 'True', 'TRUE', 't', '1']) expect(readRunmeCell({ excludeFromRunAll: value }).command.excludeFromRunAll, value).toBe(true);
    for (const value of ['false', 'False', 'FALSE', 'f', '0']) expect(readRunmeCell({ excludeFromRunAll: value }).command.excludeFromRunAll, value).toBe(false);
    expect(readRunmeCell({ excludefromrunall: '1' }).command.excludeFromRunAll).toBe(true);
  });

  it('reads yes/no as they say, with a warning that Runme itself does not; anything else is unset', () => {
    const yes = readRunmeCell({ interactive: 'yes' });
    expect(yes.command.interactive).toBe(true);
    expect(yes.problems.map((p) => p.message)).toEqual(['Runme attribute `interactive=yes` is read as true, but Runme itself reads only true/false (or 1/0): write `interactive=true`']);
    const odd = readRunmeCell({ excludeFromRunAll: 'maybe' });
    expect(odd.command.excludeFromRunAll).toBe(false);
    expect(odd.problems.map((p) => p.ruleId)).toEqual(['runme-attribute']);
  });

  it('ignore=true and transform=false make a block that is shown, never run', () => {
    expect(readRunmeCell({ ignore: 'true' }).ignored).toBe('`ignore=true`');
    expect(readRunmeCell({ transform: 'false' }).ignored).toBe('`transform=false`');
    expect(readRunmeCell({ ignore: 'false', transform: 'true' }).ignored).toBeUndefined();
    const runbook = parseFixture('runme-cells.md');
    const commands = runbook.steps.flatMap((s) => s.commands.map((c) => c.text));
    expect(commands.join('\n')).not.toContain('documentation only');
    expect(commands.join('\n')).not.toContain('shown, not run');
    expect(stepOf(runbook, 'build.3').notes.map((n) => n.label)).toEqual(['not run (`ignore=true`)', 'not run (`transform=false`)']);
  });

  it('a named cell is a step of its own, titled by its name, at its fence', () => {
    const runbook = parseFixture('runme-cells.md');
    expect(runbook.steps.map((s) => [s.id, s.title, s.commands.map((c) => c.name)])).toEqual([
      ['build.1', 'Build: show-version', ['show-version']],
      ['build.2', 'Build: clean', ['clean']],
      ['build.3', 'Build: from-subdir', ['from-subdir']],
      ['build.4', 'Build (4)', [undefined]],
      ['background', 'Background', [undefined, undefined, undefined]],
    ]);
    expect(stepOf(runbook, 'build.2').position).toEqual({ line: 9, column: 1 });
    expect(stepOf(runbook, 'build.2').commands[0]?.excludeFromRunAll).toBe(true);
    expect(stepOf(runbook, 'build.4').commands[0]?.excludeFromRunAll).toBe(true);
  });

  it('cwd becomes the step\'s folder; interactive is kept for the command', () => {
    const runbook = parseFixture('runme-cells.md');
    expect(stepOf(runbook, 'build.3').cwd).toBe('app');
    expect(stepOf(runbook, 'build.3').commands[0]).toMatchObject({ cwd: 'app', interactive: false });
    expect(stepOf(runbook, 'build.4').commands[0]?.interactive).toBe(true);
  });

  it('background, and an interpreter that is not a shell, are refused with the reason', () => {
    const runbook = parseFixture('runme-cells.md');
    expect(runbook.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.ruleId, d.position.line])).toEqual([['runme-background', 31], ['runme-interpreter', 35]]);
  });

  it('a cell\'s name is shown by the plan and by list', async () => {
    const text = renderPlanText(planFixture('test/fixtures/styles/runme-cells.md'));
    expect(text).toContain('$ cat VERSION   (cell show-version)');
    expect(text).toContain('$ rm -rf ./dist   (cell clean, excluded from run-all)');
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    try {
      await runList('test/fixtures/styles/runme-cells.md');
    } finally {
      spy.mockRestore();
    }
    expect(written.join('').split('\n').slice(0, 2)).toEqual(['build.1     Build: show-version  (cell show-version)  $ cat VERSION', 'build.2     Build: clean  (cell clean)  $ rm -rf ./dist']);
  });
});
