import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import { describe, expect, it } from 'vitest';
import { commandEnvName, paramEnvName } from '../../src/resolve/param-env-name.js';
import { resolveParams } from '../../src/resolve/resolve-params.js';
import { makeRunbook } from '../graph/make-runbook.js';
import { runBash } from './run-bash.js';

describe('paramEnvName', () => {
  it.each([
    ['deployment-name', 'RUNBOOK_DEPLOYMENT_NAME'],
    ['pod name.v2', 'RUNBOOK_POD_NAME_V2'],
    ['already_SNAKE_1', 'RUNBOOK_ALREADY_SNAKE_1'],
    ['a/b:c@d', 'RUNBOOK_A_B_C_D'],
    ['größe', 'RUNBOOK_GR_SSE'],
    ['café', 'RUNBOOK_CAF_'],
    ['région-ü', 'RUNBOOK_R_GION__'],
    ['x😀y', 'RUNBOOK_X_Y'],
    ['٣', 'RUNBOOK__'],
  ])('%s is read from %s', (name, variable) => {
    expect(paramEnvName(name)).toBe(variable);
    expect(commandEnvName(name)).toBe(variable.slice('RUNBOOK_'.length));
  });

  it('always gives a name a shell can export', () => {
    const names = fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(names, (list) => {
        for (const name of list) expect(paramEnvName(name)).toMatch(/^RUNBOOK_[A-Z0-9_]+$/);
        // One bash for the whole list: each name exported and read back.
        const script = list.map((name, i) => `export ${paramEnvName(name)}=v${i}; printf '%s\\n' "$${paramEnvName(name)}"`).join('\n');
        expect(runBash(script).split('\n').slice(0, -1)).toEqual(list.map((_, i) => `v${i}`));
      }),
      { numRuns: propertyRuns(10) },
    );
  }, 60_000);

  it('is the name the values are read from, and the only one', () => {
    const runbook = makeRunbook([{ id: 'A.1', commands: ['resize --to <größe>'] }]);
    expect(resolveParams(runbook, { set: {}, vars: {}, env: { RUNBOOK_GR_SSE: 'xl' } }).values).toEqual({ größe: 'xl' });
    expect(resolveParams(runbook, { set: {}, vars: {}, env: { RUNBOOK_GRÖSSE: 'xl' } }).missing.map((m) => m.name)).toEqual(['größe']);
  });
});
