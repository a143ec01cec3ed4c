// Fixture: step-paragraphs.md. "**Step N:** …" paragraphs are steps, as headings would be.
import { describe, expect, it } from 'vitest';
import { parseFixture, stepOf } from '../parse-fixture.js';

describe('step paragraphs', () => {
  const rb = parseFixture('step-paragraphs.md');

  it('numbers each step after its section, titled by its first line', () => {
    expect(rb.steps.map((s) => [s.id, s.title, s.commands.map((c) => c.text)])).toEqual([
      ['rotate.1', 'Renew the certificate', ['certbot renew --cert-name api.example.com']],
      ['rotate.2', 'Reload the proxy', ['systemctl reload nginx']],
      ['rotate.3', 'Tell the team in #ops', []],
    ]);
  });

  it('keeps the whole text as the action; a step without a command is confirmed by hand', () => {
    expect(stepOf(rb, 'rotate.2').actions).toEqual(['Reload the proxy\nso that it serves the new certificate.']);
    expect(stepOf(rb, 'rotate.3').attestations).toMatchObject([{ label: 'Action', text: 'Tell the team in #ops.' }]);
  });
});
