// Two params read from one environment variable (`<a-b>` and `<a.b>` both from RUNBOOK_A_B):
// whichever value the variable holds would fill both, so the runbook must name them apart.
import type { Diagnostic, Param } from '../model/runbook.js';
import { paramEnvName } from '../resolve/param-env-name.js';

export function findEnvNameCollisions(params: readonly Param[]): Diagnostic[] {
  const first = new Map<string, Param>();
  const found: Diagnostic[] = [];
  for (const param of params) {
    const variable = paramEnvName(param.name);
    const earlier = first.get(variable);
    if (earlier === undefined) {
      first.set(variable, param);
      continue;
    }
    found.push({
      severity: 'error',
      ruleId: 'env-name-collision',
      message: `Unexpected <${param.name}> read from ${variable} like <${earlier.name}>${earlier.position ? ` (line ${earlier.position.line})` : ''}, expected param names that differ in more than case and punctuation`,
      position: param.position ?? { line: 1, column: 1 },
    });
  }
  return found;
}
