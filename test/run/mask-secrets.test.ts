import { describe, expect, it } from 'vitest';
import { createMask, secretEnvValues } from '../../src/run/mask-secrets.js';

describe('masking', () => {
  it('masks every occurrence of each secret, longest first', () => {
    const mask = createMask(['hunter2-long', 'hunter2']);
    expect(mask('a hunter2-long b hunter2 c')).toBe('a *** b *** c');
  });

  it('masks values of environment variables named like secrets, not short or unrelated ones', () => {
    expect(secretEnvValues({ API_TOKEN: 's3cr3t-value', DB_PASSWORD: 'pa55word!', HOME: '/home/x', FEATURE_KEY: 'true' })).toEqual(['s3cr3t-value', 'pa55word!']);
  });

  it('masks values shaped like tokens wherever they appear', () => {
    const mask = createMask([]);
    expect(mask(`token ghp_${'a'.repeat(36)} end`)).toBe('token *** end');
    expect(mask('Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345')).toBe('Authorization: Bearer ***');
    expect(mask('key AKIAABCDEFGHIJKLMNOP here')).toBe('key *** here');
    expect(mask('plain text with v1.2.0 and a sha 0123456789abcdef')).toBe('plain text with v1.2.0 and a sha 0123456789abcdef');
  });
});

describe('masking secrets as commands and output show them', () => {
  it('masks a secret in the quoted form it takes inside a command', () => {
    const mask = createMask([`it's "x" $y`]);
    expect(mask(`echo 'it'\\''s "x" $y'`)).toBe(`echo '***'`);
    expect(mask('echo "it\'s \\"x\\" \\$y"')).toBe('echo "***"');
  });

  it('masks each line of a multi-line secret, since output is masked line by line', () => {
    const mask = createMask(['-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\nAQEFAASC\n-----END KEY-----']);
    expect(mask('MIIEvQIBADANBgkqhkiG9w0B')).toBe('***');
    expect(mask('line: AQEFAASC')).toBe('line: ***');
  });
});
