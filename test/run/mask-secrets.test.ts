import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/expect/format-evidence.js';
import { createMask, MIN_ENV_SECRET, secretEnvValues } from '../../src/run/mask-secrets.js';

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

/** Every 12-character piece of `secret` (all of it when shorter) that `text` still holds. */
function piecesIn(text: string, secret: string): string[] {
  const size = Math.min(12, secret.length);
  const found = new Set<string>();
  for (let i = 0; i + size <= secret.length; i += 1) if (text.includes(secret.slice(i, i + size))) found.add(secret.slice(i, i + size));
  return [...found];
}

/** What the step log gets from a stream cut into pieces at `cuts`: each piece's end held back as spawnShell holds it. */
function streamed(mask: ReturnType<typeof createMask>, text: string, cuts: number[]): string {
  let held = '';
  let out = '';
  let from = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < text.length)].sort((a, b) => a - b)) {
    const piece = held + text.slice(from, cut);
    from = cut;
    const safe = mask.safeEnd?.(piece) ?? piece.length;
    out += mask(piece.slice(0, safe));
    held = piece.slice(safe);
  }
  return out + mask(held + text.slice(from));
}

// Secrets as people and vaults make them: letters, digits and the punctuation passwords use.
const secretArb = fc.stringMatching(/^[A-Za-z0-9!#%&()*+,.:;<=>?@^_{|}~-]{12,40}$/);
const noiseArb = fc.stringMatching(/^[a-z0-9 .=:/-]{0,300}$/);

describe('masking before cutting', () => {
  it('masks a declared secret whatever its length, one character too', () => {
    expect(createMask(['ab'])('x ab y')).toBe('x *** y');
    expect(createMask(['7'])('pin 7')).toBe('pin ***');
    expect(createMask([''])('nothing to hide')).toBe('nothing to hide');
  });

  it('masks a secret as evidence quotes it', () => {
    expect(createMask(['p"w\\x'])('does not contain "p\\"w\\\\x"')).toBe('does not contain "***"');
  });

  it('documents the environment threshold it applies: 8 characters, shorter values are flags', () => {
    expect(MIN_ENV_SECRET).toBe(8);
    expect(secretEnvValues({ API_TOKEN: '1234567', DB_PASSWORD: '12345678' })).toEqual(['12345678']);
  });

  it('holds back the end of a piece that may begin a secret, and a whole secret across the cut', () => {
    const mask = createMask(['s3cret-value-xyz']);
    expect(mask.safeEnd?.('line … s3cret-va')).toBe('line … '.length);
    expect(mask.safeEnd?.('line … done ')).toBe('line … done '.length);
    expect(mask.safeStart?.('lue-xyz and more')).toBe('lue-xyz'.length);
  });

  it('leaves no 12-character piece of a secret in a stream cut anywhere (generated secrets and cuts)', () => {
    fc.assert(fc.property(secretArb, noiseArb, noiseArb, fc.array(fc.nat(700), { maxLength: 6 }), (secret, before, after, cuts) => {
      const mask = createMask([secret]);
      const text = `${before}${secret}${after}`;
      const out = streamed(mask, text, cuts);
      expect(piecesIn(out, secret)).toEqual([]);
      // Nothing is lost: what is not the secret comes through as it was.
      expect(out).toBe(mask(text));
    }), { numRuns: propertyRuns(300) });
  });

  it('leaves no 12-character piece of a secret in an excerpt cut anywhere around a match', () => {
    fc.assert(fc.property(secretArb, fc.nat(400), fc.nat(400), fc.nat(1200), (secret, lead, trail, at) => {
      const mask = createMask([secret]);
      const line = `${'a'.repeat(lead)} ${secret} ${'b'.repeat(trail)}`;
      const start = Math.min(at, line.length);
      expect(piecesIn(excerpt(line, start, start + 3, 200, mask), secret)).toEqual([]);
    }), { numRuns: propertyRuns(300) });
  });

  it('a token shape cut at a piece end is held back until it shows whole', () => {
    const mask = createMask([]);
    const token = `ghp_${'A1b2C3d4'.repeat(5)}`;
    const out = streamed(mask, `head ${token} tail`, [10, 20, 30]);
    expect(out).toBe('head *** tail');
  });
});
