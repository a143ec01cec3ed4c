// Runme's fence attributes (`{name=check excludeFromRunAll=true}`, or the same as JSON), read as
// Runme reads them (its pkg/document): booleans with Go's ParseBool (`true`, `True`, `TRUE`, `t`,
// `1`, and the same for false); `transform=false` (and `ignore=true`) make the block a piece of
// the document rather than a cell, so it is shown and never run; `name` names the cell for
// --only, `list` and the plan; `cwd` is where it runs; `interactive` says whether it needs the
// terminal; `interpreter` is the program that runs it; `background` is a process left running.
import type { Command, Diagnostic, Position } from '../../model/runbook.js';
import { SHELLS } from '../../shell/unwrap-command.js';
import { readYesNo } from '../vocabulary.js';

export interface RunmeCell {
  command: Pick<Command, 'name' | 'excludeFromRunAll' | 'interactive' | 'cwd' | 'interpreter'>;
  /** Why the block is not a cell (`ignore`, `transform=false`): shown, never run. */
  ignored?: string;
  /** Attributes that cannot be honoured, or that Runme reads otherwise than they look. */
  problems: Omit<Diagnostic, 'position'>[];
}

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** `excludeFromRunAll` and the other keys as written, or folded to lower case (`excludefromrunall`). */
function valueOf(attributes: Record<string, string>, key: string): string | undefined {
  return attributes[key] ?? attributes[key.toLowerCase()];
}

/** Reads the cell's attributes; what cannot be honoured is a problem with its reason. */
export function readRunmeCell(attributes: Record<string, string>): RunmeCell {
  const problems: RunmeCell['problems'] = [];
  const flag = (key: string): boolean | undefined => {
    const raw = valueOf(attributes, key);
    if (raw === undefined) return undefined;
    if (TRUE.has(raw)) return true;
    if (FALSE.has(raw)) return false;
    // `yes`/`no` mean what they say, which is also the safe reading for every key here (left
    // out, not run, needs a terminal); Runme itself would read them as unset.
    const said = readYesNo(raw);
    problems.push({
      severity: 'warning',
      ruleId: 'runme-attribute',
      message: said === undefined
        ? `Runme attribute \`${key}=${raw}\` is not true or false; it is read as unset, as Runme reads it`
        : `Runme attribute \`${key}=${raw}\` is read as ${said}, but Runme itself reads only true/false (or 1/0): write \`${key}=${said}\``,
    });
    return said;
  };
  const transform = flag('transform');
  const ignore = flag('ignore');
  const interactive = flag('interactive');
  const background = flag('background');
  const excluded = flag('excludeFromRunAll');
  const name = valueOf(attributes, 'name');
  const cwd = valueOf(attributes, 'cwd');
  const interpreter = valueOf(attributes, 'interpreter');
  if (background === true) {
    problems.push({
      severity: 'error',
      ruleId: 'runme-background',
      message: 'Runme attribute `background=true` asks for a process left running after its cell; a runbook step must end, and its processes end with it: run the command in the step with a Timeout, or start it outside the runbook (a service, `systemd-run`), and check it here',
    });
  }
  let shell: string | undefined;
  if (interpreter !== undefined && interpreter.trim() !== '') {
    const program = interpreter.trim().split(/\s+/)[0] ?? '';
    if (SHELLS.has(program.slice(program.lastIndexOf('/') + 1))) shell = interpreter.trim();
    else {
      problems.push({
        severity: 'error',
        ruleId: 'runme-interpreter',
        message: `Runme attribute \`interpreter=${interpreter}\` is not a shell this runner runs (bash, sh, zsh, dash, ksh): tag the block with its language to keep it as code, or run it from a shell block (\`${program} - <<'EOF'\` … \`EOF\`)`,
      });
    }
  }
  const ignored = transform === false ? '`transform=false`' : ignore === true ? '`ignore=true`' : undefined;
  return {
    command: {
      ...(name !== undefined && name !== '' && { name }),
      excludeFromRunAll: excluded === true,
      ...(interactive !== undefined && { interactive }),
      ...(cwd !== undefined && cwd !== '' && { cwd }),
      ...(shell !== undefined && { interpreter: shell }),
    },
    ...(ignored !== undefined && { ignored }),
    problems,
  };
}

/** The cell's name and whether a full run leaves it out (make-command.ts reads these). */
export function commandAttributes(attributes: Record<string, string>): Pick<Command, 'name' | 'excludeFromRunAll'> {
  const { name, excludeFromRunAll } = readRunmeCell(attributes).command;
  return { ...(name !== undefined && { name }), excludeFromRunAll };
}

/** Problems of a cell, placed at its fence. */
export function placedProblems(cell: RunmeCell, position: Position): Diagnostic[] {
  return cell.problems.map((problem) => ({ ...problem, position }));
}

/**
 * What a cell adds to each command it becomes, beyond the name and run-all flag make-command.ts
 * sets. Its `cwd` becomes the step's working folder unless the step has one (lint refuses a
 * cell whose folder its step cannot honour: rules/runme-cells.ts).
 */
export function runmeCommandFields(attributes: Record<string, string>, part: { cwd?: string }): Pick<Command, 'interactive' | 'cwd' | 'interpreter'> {
  const { interactive, cwd, interpreter } = readRunmeCell(attributes).command;
  if (cwd !== undefined) part.cwd ??= cwd;
  return { ...(interactive !== undefined && { interactive }), ...(cwd !== undefined && { cwd }), ...(interpreter !== undefined && { interpreter }) };
}
