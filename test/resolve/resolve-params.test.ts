import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadVarsFile, paramEnvName, parseSetFlag, resolveParams } from '../../src/resolve/resolve-params.js';
import { makeParam, makeRunbook } from '../graph/make-runbook.js';

const none = { set: {}, vars: {}, env: {} };

describe('resolveParams', () => {
  const runbook = makeRunbook(
    [
      { id: 'A.1', commands: ['kubectl describe deployment <deployment-name> -n <namespace>'], captures: ['previous-tag'] },
      { id: 'A.2', commands: ['helm rollback <release-name> <previous-tag>', 'echo <deployment-name>'] },
    ],
    [makeParam('namespace', { default: 'default' }), makeParam('release-name', { description: 'Helm release' })],
  );

  it('needs declared params and placeholders, but not captures', () => {
    const resolved = resolveParams(runbook, none);
    expect(resolved.values).toEqual({ namespace: 'default' });
    expect(resolved.sources).toEqual({ namespace: 'default' });
    expect(resolved.missing).toEqual([
      { name: 'release-name', positions: [{ line: 21, column: 15 }], tokens: ['<release-name>'] },
      { name: 'deployment-name', positions: [{ line: 11, column: 29 }, { line: 22, column: 6 }], tokens: ['<deployment-name>'] },
    ]);
    expect(resolved.invalid).toEqual([]);
  });

  it('takes --set over --vars over the environment over the default', () => {
    const names = ['namespace', 'release-name', 'deployment-name'];
    // Values that are not blank and hold no NUL: those are refused (tested below).
    const value = fc.string().filter((v) => v.trim() !== '' && !v.includes('\0'));
    const layers = fc.record({
      set: fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 3 }),
      vars: fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 3 }),
      env: fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 3 }),
    });
    fc.assert(
      fc.property(layers, ({ set, vars, env }) => {
        const envVars = Object.fromEntries(Object.entries(env).map(([k, v]) => [paramEnvName(k), v]));
        const resolved = resolveParams(runbook, { set, vars, env: envVars });
        for (const name of names) {
          const expected = set[name] ?? vars[name] ?? env[name] ?? (name === 'namespace' ? 'default' : undefined);
          expect(resolved.values[name]).toBe(expected);
          const source = name in set ? 'set' : name in vars ? 'vars' : name in env ? 'env' : expected === undefined ? undefined : 'default';
          expect(resolved.sources[name]).toBe(source);
        }
      }),
    );
  });

  it('reads RUNBOOK_<NAME> from the environment', () => {
    expect(paramEnvName('deployment-name')).toBe('RUNBOOK_DEPLOYMENT_NAME');
    expect(paramEnvName('pod name.v2')).toBe('RUNBOOK_POD_NAME_V2');
    const resolved = resolveParams(runbook, { ...none, env: { RUNBOOK_DEPLOYMENT_NAME: 'web', RUNBOOK_RELEASE_NAME: 'web' } });
    expect(resolved.sources).toEqual({ namespace: 'default', 'release-name': 'env', 'deployment-name': 'env' });
  });

  it('stringifies numbers and booleans from --vars and rejects nested values', () => {
    const resolved = resolveParams(runbook, { ...none, vars: { namespace: 3, 'release-name': true, 'deployment-name': { a: 1 } } });
    expect(resolved.values).toEqual({ namespace: '3', 'release-name': 'true' });
    expect(resolved.invalid).toEqual([
      { name: 'deployment-name', value: '[object Object]', message: '<deployment-name> must be a string, number or boolean; got object (from --vars)' },
    ]);
  });

  it('validates against pattern, enum and type, naming the param, the expectation and the value', () => {
    const typed = makeRunbook(
      [{ id: 'A.1', commands: ['deploy <env> <tag> <replicas> <ratio> <dry-run>'] }],
      [
        makeParam('env', { enum: ['staging', 'production'] }),
        makeParam('tag', { pattern: 'v\\d+\\.\\d+\\.\\d+' }),
        makeParam('replicas', { type: 'integer' }),
        makeParam('ratio', { type: 'number' }),
        makeParam('dry-run', { type: 'boolean' }),
      ],
    );
    const bad = resolveParams(typed, { ...none, set: { env: 'prod', tag: 'xv1.2.3', replicas: '2.5', ratio: 'half', 'dry-run': 'maybe' } });
    expect(bad.invalid.map((i) => i.message)).toEqual([
      '<env> must be one of staging, production; got "prod" (from --set)',
      '<tag> must be a value matching /v\\d+\\.\\d+\\.\\d+/; got "xv1.2.3" (from --set)',
      '<replicas> must be an integer; got "2.5" (from --set)',
      '<ratio> must be a number; got "half" (from --set)',
      '<dry-run> must be true or false (yes/no, on/off, 1/0); got "maybe" (from --set)',
    ]);
    expect(bad.values).toEqual({});
    const good = resolveParams(typed, { ...none, set: { env: 'staging', tag: 'v1.2.3', replicas: '-3', ratio: '1e-3', 'dry-run': 'Yes' } });
    expect(good.invalid).toEqual([]);
    expect(good.values).toEqual({ env: 'staging', tag: 'v1.2.3', replicas: '-3', ratio: '1e-3', 'dry-run': 'true' });
  });

  it('never shows a secret value', () => {
    const secret = makeRunbook([{ id: 'A.1', commands: ['login <token>'] }], [makeParam('token', { secret: true, pattern: '[a-f0-9]{8}' })]);
    const resolved = resolveParams(secret, { ...none, set: { token: 'hunter2-not-hex' } });
    expect(resolved.invalid).toEqual([{ name: 'token', value: '***', message: '<token> must be a value matching /[a-f0-9]{8}/; got *** (from --set)' }]);
  });

  it('reports a declaration whose pattern is not a regex', () => {
    const broken = makeRunbook([], [makeParam('x', { pattern: '(' })]);
    expect(resolveParams(broken, { ...none, set: { x: 'a' } }).invalid[0]?.message).toMatch(/^<x> cannot be checked: its pattern \/\(\/ is not a valid regular expression/);
  });

  it('reports a declared param with no value at its declaration', () => {
    const declared = makeRunbook([], [makeParam('owner', { position: { line: 3, column: 3 } })]);
    expect(resolveParams(declared, none).missing).toEqual([{ name: 'owner', positions: [{ line: 3, column: 3 }], tokens: ['<owner>'] }]);
  });

  it('lists --set names the runbook does not have with the nearest it has, and passes captures given with --set through', () => {
    const resolved = resolveParams(runbook, { ...none, set: { namspace: 'x', 'previous-tag': 'v1.0.0' } });
    expect(resolved.unknown).toEqual([{ name: 'namspace', suggestion: 'namespace' }]);
    expect(resolved.values['previous-tag']).toBe('v1.0.0');
    expect(resolved.missing.map((m) => m.name)).not.toContain('previous-tag');
  });

  it('treats __proto__ as a plain name', () => {
    const odd = makeRunbook([], [makeParam('__proto__', { default: 'x' })]);
    expect(resolveParams(odd, none).values['__proto__']).toBe('x');
  });
});

describe('parseSetFlag', () => {
  it.each([
    ['name=value', { name: 'name', value: 'value' }],
    ['q=a=b', { name: 'q', value: 'a=b' }],
    ['empty=', { name: 'empty', value: '' }],
    ['pod name=web-1', { name: 'pod name', value: 'web-1' }],
    [' spaced =v', { name: 'spaced', value: 'v' }],
  ])('parses %j', (raw, expected) => {
    expect(parseSetFlag(raw)).toEqual(expected);
  });

  it.each(['novalue', '=value', '  =x', ''])('rejects %j', (raw) => {
    expect(parseSetFlag(raw)).toHaveProperty('error', expect.stringContaining('expected name=value'));
  });
});

describe('loadVarsFile', () => {
  it('reads YAML into strings, keeping numbers as written', () => {
    expect(loadVarsFile('version: 1.10\nreplicas: 3\nhex: 0x1F\ndry: true\nname: web\nquoted: "007"\nempty: ""\n', 'vars.yaml')).toEqual({
      values: { version: '1.10', replicas: '3', hex: '0x1F', dry: 'true', name: 'web', quoted: '007', empty: '' },
    });
  });

  it('reads JSON, tabs included', () => {
    expect(loadVarsFile('{\n\t"tag": "v1.2.3",\n\t"n": 2.50\n}', 'vars.json')).toEqual({ values: { tag: 'v1.2.3', n: '2.50' } });
  });

  it('reads an empty file as no values, and follows aliases', () => {
    expect(loadVarsFile('', 'vars.yaml')).toEqual({ values: {} });
    expect(loadVarsFile('a: &x web\nb: *x\n', 'vars.yaml')).toEqual({ values: { a: 'web', b: 'web' } });
  });

  it.each([
    ['db:\n  host: x\n', 'vars.yaml', '"db" is a mapping; expected a string, number or boolean (nested values are not supported)', { line: 1, column: 1 }],
    ['a: 1\nhosts: [a, b]\n', 'vars.yaml', '"hosts" is a list; expected a string, number or boolean (nested values are not supported)', { line: 2, column: 1 }],
    ['a: 1\nb:\n', 'vars.yaml', '"b" has no value; expected a string, number or boolean (write "" for an empty string)', { line: 2, column: 1 }],
    ['- a\n- b\n', 'vars.yaml', 'Expected a mapping of names to values at the top level, got a list', { line: 1, column: 1 }],
  ])('rejects %j', (text, file, error, position) => {
    expect(loadVarsFile(text, file)).toEqual({ error, position });
  });

  it('reports syntax errors with their position', () => {
    const loaded = loadVarsFile('{"a": 1,,}', 'vars.json');
    expect(loaded).toHaveProperty('error', expect.stringMatching(/^Invalid JSON: /));
    expect(loaded).toHaveProperty('position.line', 1);
    expect(loadVarsFile('a: 1\na: 2\n', 'v.yml')).toHaveProperty('error', expect.stringContaining('unique'));
  });
});
