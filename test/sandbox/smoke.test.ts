// `make smoke` in the sandbox: the deployed image, the rollout and the schema version, checked
// through the sandbox kubectl and the real database.
import { describe, expect, it } from 'vitest';
import { run, sandboxes } from './helpers.js';

const make = sandboxes();

describe('make smoke', () => {
  it('fails before the rollback: v1.2.0 is serving, not the known-good v1.1.0', async () => {
    const sb = await make();
    const r = await run(sb, 'make', ['smoke']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('smoke: FAIL  image registry.example.com/shop/web:v1.2.0 is not the expected release v1.1.0\n');
    expect(r.stderr).toContain('smoke: 1 check(s) failed\n');
    expect(r.stdout).toContain('smoke: ok    rollout: deployment "web" successfully rolled out\n');
  });

  it('passes after a good rollback', async () => {
    const sb = await make();
    expect((await run(sb, 'helm', ['rollback', 'web', '2'])).code).toBe(0);
    const r = await run(sb, 'make', ['smoke']);
    expect(r).toEqual({
      code: 0,
      stdout: [
        'smoke: ok    image registry.example.com/shop/web:v1.1.0',
        'smoke: ok    rollout: deployment "web" successfully rolled out',
        'smoke: ok    schema at version 2 (v1.1.0 needs 1)',
        'smoke: all checks passed',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('takes the expected release from EXPECTED_TAG', async () => {
    const sb = await make();
    expect((await run(sb, 'make', ['smoke'], { EXPECTED_TAG: 'v1.2.0' })).code).toBe(0);
    expect((await run(sb, 'make', ['smoke', 'EXPECTED_TAG=v1.2.0'])).code).toBe(0);
    const unknown = await run(sb, 'make', ['smoke', 'EXPECTED_TAG=v9.9.9']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('smoke: FAIL  schema: v9.9.9 has no db/schema-version\n');
  });

  it('fails after a rollback to a broken build: the image is the expected one, its rollout is not', async () => {
    const sb = await make('failing');
    expect((await run(sb, 'helm', ['rollback', 'web', '2'])).code).toBe(0);
    const r = await run(sb, 'make', ['smoke']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('smoke: ok    image registry.example.com/shop/web:v1.1.0\n');
    expect(r.stderr).toContain('smoke: FAIL  rollout: error: deployment "web" exceeded its progress deadline\n');
    expect(r.stderr).toContain('smoke: 1 check(s) failed\n');
  });

  it('fails after a rollback to the wrong release', async () => {
    const sb = await make();
    expect((await run(sb, 'helm', ['rollback', 'web', '3'])).code).toBe(0);
    const r = await run(sb, 'make', ['smoke']);
    expect(r.stderr).toContain('smoke: FAIL  image registry.example.com/shop/web:v1.2.0-rc.1 is not the expected release v1.1.0\n');
    expect(r.stderr).toContain('smoke: 2 check(s) failed\n');
    const container = await run(sb, 'make', ['smoke', 'CONTAINER=proxy']);
    expect(container.stderr).toContain('smoke: FAIL  deployment web has no container proxy\n');
  });

  it('fails when the database schema is behind the release', async () => {
    const sb = await make();
    expect((await run(sb, 'helm', ['rollback', 'web', '2'])).code).toBe(0);
    // What `npm run migrate:down -- --steps 2` runs, without npm's second of start-up.
    expect((await run(sb, process.execPath, [sb.env.SANDBOX_MIGRATE!, 'down', '--steps', '2'])).code).toBe(0);
    const r = await run(sb, 'make', ['smoke']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('smoke: FAIL  schema at version 0, but v1.1.0 needs 1\n');
  });
});
