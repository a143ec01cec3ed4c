// A step that prints hundreds of megabytes must not grow memory, and must still be checked.
// No timing assertions here: speed is measured by `npm run bench`.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Matcher } from '../../src/model/runbook.js';
import type { TextMatcher } from '../../src/expect/stream-watch.js';
import { DecodingWatch } from './decoding-watch.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CHUNK = 64 * 1024;
const TOTAL = 200 * 1024 * 1024;
const CHUNKS = TOTAL / CHUNK;

function logChunk(): Buffer {
  const line = '2024-05-01T12:00:00Z INFO handled GET /api/v1/items status=200 bytes=5120\n';
  return Buffer.from(line.repeat(Math.ceil(CHUNK / line.length)).slice(0, CHUNK));
}

/** Heap plus Buffer memory after a full collection. */
function used(): number {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

describe('StreamWatch on 200 MB of output', () => {
  it('keeps memory flat and still finds what is near the end and across a chunk boundary', () => {
    const base = logChunk();
    // The needle straddles two chunks three from the end; the regex line sits in the last chunk.
    const boundary = CHUNKS - 3;
    const before = Buffer.from(base);
    before.write('\nREADY_', CHUNK - 7);
    const after = Buffer.from(base);
    after.write('MARKER ok\n', 0);
    const last = Buffer.from(base);
    last.write('\ndeploy finished rev=42\n', CHUNK - 2000);

    const matchers: Matcher[] = [
      { kind: 'contains', stream: 'stdout', text: 'READY_MARKER' },
      { kind: 'matches', stream: 'stdout', source: '^deploy finished rev=\\d+$', flags: '' },
      // Never found: these keep the scan going over every byte and every line.
      { kind: 'contains', stream: 'stdout', text: 'panic:' },
      { kind: 'matches', stream: 'stdout', source: 'status=5\\d\\d', flags: '' },
    ];
    const watch = new DecodingWatch({ matchers });

    let baseline = 0;
    let peakGrowth = 0;
    for (let index = 0; index < CHUNKS; index += 1) {
      watch.write(index === boundary ? before : index === boundary + 1 ? after : index === CHUNKS - 1 ? last : base);
      if (index === 256) baseline = used();
      if (index > 256 && index % 800 === 0) peakGrowth = Math.max(peakGrowth, used() - baseline);
    }
    watch.end();
    peakGrowth = Math.max(peakGrowth, used() - baseline);

    expect(watch.bytes).toBe(TOTAL);
    expect(watch.truncated).toBe(true);
    expect(Buffer.byteLength(watch.text())).toBeLessThan(130 * 1024);
    // Flat: what a few chunks and the kept windows cost, not what went past.
    expect(peakGrowth).toBeLessThan(8 * 1024 * 1024);

    const [boundaryNeedle, regex, panic, serverError] = matchers as TextMatcher[];
    expect(watch.find(boundaryNeedle!)?.excerpt).toBe('READY_MARKER ok');
    expect(watch.find(regex!)?.excerpt).toBe('deploy finished rev=42');
    expect(watch.find(regex!)!.line).toBeGreaterThan(watch.find(boundaryNeedle!)!.line);
    expect(watch.find(panic!)).toBeUndefined();
    expect(watch.find(serverError!)).toBeUndefined();
  });

  it('copes with one 40 MB line that never ends', () => {
    const chunk = Buffer.alloc(CHUNK, 'z');
    const last = Buffer.from(chunk);
    last.write('NEEDLE', CHUNK - 3);
    const probes: TextMatcher[] = [
      { kind: 'contains', stream: 'stdout', text: 'NEEDLE' },
      { kind: 'matches', stream: 'stdout', source: 'z{5}NEE', flags: '' },
    ];
    const watch = new DecodingWatch({ matchers: probes });
    const chunks = (40 * 1024 * 1024) / CHUNK;
    let baseline = 0;
    for (let index = 0; index < chunks; index += 1) {
      watch.write(index === chunks - 1 ? last : chunk);
      if (index === 64) baseline = used();
    }
    watch.write('DLE');
    watch.end();
    expect(used() - baseline).toBeLessThan(8 * 1024 * 1024);
    expect(watch.lines).toBe(1);
    expect(watch.find(probes[0]!)).toMatchObject({ line: 1 });
    expect(watch.find(probes[0]!)?.excerpt).toMatch(/^…z+NEEDLE$/);
    expect(watch.find(probes[1]!)?.line).toBe(1);
  });
});
