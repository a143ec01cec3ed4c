// Two params read from one environment variable (`<a-b>` and `<a.b>` both from RUNBOOK_A_B):
// whichever value the variable holds would fill both, so the runbook must name them apart.
import type { Param } from '../../model/runbook.js';
import { paramEnvName } from '../../resolve/param-env-name.js';
import { defineRule, type RuleFinding } from '../lint-rule.js';
import { FILE_START } from '../position-in-command.js';

export const envNameCollision = defineRule({
  id: 'env-name-collision',
  severity: 'error',
  description: 'Two params that would be read from the same RUNBOOK_* environment variable.',
  check: (runbook) => findEnvNameCollisions(runbook.params),
});

function findEnvNameCollisions(params: readonly Param[]): RuleFinding[] {
  const first = new Map<string, Param>();
  const found: RuleFinding[] = [];
  for (const param of params) {
    const variable = paramEnvName(param.name);
    const earlier = first.get(variable);
    if (earlier === undefined) {
      first.set(variable, param);
      continue;
    }
    found.push({
      message: `Unexpected <${param.name}> read from ${variable} like <${earlier.name}>${earlier.position ? ` (line ${earlier.position.line})` : ''}, expected param names that differ in more than case and punctuation`,
      position: param.position ?? FILE_START,
    });
  }
  return found;
}
