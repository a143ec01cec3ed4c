import { describe, expect, it } from 'vitest';
import { resolveCwd } from '../../src/run/resolve-cwd.js';

describe('resolveCwd', () => {
  it('reads a Cwd as people write it', () => {
    expect(resolveCwd('/repo/runbooks', undefined)).toBe('/repo/runbooks');
    expect(resolveCwd('/repo/runbooks', '../app')).toBe('/repo/app');
    expect(resolveCwd('/repo/runbooks', '/srv/app')).toBe('/srv/app');
    expect(resolveCwd('/repo/runbooks', '~', '/home/op')).toBe('/home/op');
    expect(resolveCwd('/repo/runbooks', '~/deploy', '/home/op')).toBe('/home/op/deploy');
  });
});
