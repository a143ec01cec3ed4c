import { describe, expect, it } from 'vitest';
import { code, fence, fitComment, MARKER, parseAnnotation } from '../../scripts/action/render-review.mjs';

describe('fitComment', () => {
  const section = (n: number, size: number) => `## Section ${n}\n\n${'x'.repeat(size)}\n`;

  it('keeps a review that fits', () => {
    const body = `${MARKER}\n\n${section(1, 10)}`;
    expect(fitComment(body, 1000)).toBe(body);
  });

  it('cuts a long one at a heading and says where the whole review is', () => {
    const body = `${MARKER}\n\n${section(1, 300)}\n${section(2, 300)}\n${section(3, 300)}`;
    const fitted = fitComment(body, 700);
    expect(fitted.startsWith(MARKER)).toBe(true);
    expect(fitted).toContain('## Section 2');
    expect(fitted).not.toContain('## Section 3');
    expect(fitted.endsWith('_The review is longer than a comment allows; the whole of it is in the job summary of this workflow run._\n')).toBe(true);
  });

  it('never cuts at a line inside a code block that looks like a heading', () => {
    const body = `${MARKER}\n\n${section(1, 100)}\n\`\`\`sh\n## not a heading\n${'y'.repeat(300)}\n\`\`\`\n\n${section(2, 300)}`;
    // The last heading before the limit is inside the block: the cut falls at the one before it.
    const fitted = fitComment(body, 350);
    expect(fitted).not.toContain('```sh');
    expect(fitted).not.toContain('## Section 1');
    expect(fitComment(body, 600)).toContain('## not a heading\n');
    expect(fitComment(body, 600)).not.toContain('## Section 2');
  });
});

describe('parseAnnotation', () => {
  it('reads what `runbook lint --format github` writes, escapes undone', () => {
    expect(parseAnnotation('::error file=runbooks/a%2Cb.md,line=6,col=3,title=invalid-timeout::Unexpected `soon`%0Asecond line 100%25')).toEqual({
      severity: 'error', file: 'runbooks/a,b.md', line: 6, column: 3, rule: 'invalid-timeout', message: 'Unexpected `soon`\nsecond line 100%',
    });
    expect(parseAnnotation('runbook review: comment created')).toBeNull();
  });
});

describe('code and fence', () => {
  it('show any text exactly', () => {
    expect(code('a `b` c')).toBe('``a `b` c``');
    expect(code('`x')).toBe('`` `x ``');
    expect(fence('```\ninside\n```')).toBe('````text\n```\ninside\n```\n````');
  });
});
