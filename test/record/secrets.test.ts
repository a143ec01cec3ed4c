// The engine masks secrets before they reach any event. The record must show only what the
// events hold: no raw parameter value from the environment, the process or anywhere else.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runEventSchema } from '../../src/model/events.js';
import { buildRecordContext } from '../../src/record/build-record-context.js';
import { renderRecord } from '../../src/record/render-record.js';
import { readJournal } from './read-journal.js';

const SECRET = 'hunter2-s3cr3t-registry-token';

describe('secrets in the drill record', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = saved;
  });

  it('shows masked values as the events hold them, and no secret that no event holds', () => {
    // Where an engine that read values itself would find them: the environment and argv.
    process.env.RUNBOOK_REGISTRY_TOKEN = SECRET;
    process.env.REGISTRY_TOKEN = SECRET;
    process.argv.push(`--set=registry-token=${SECRET}`);
    try {
      const events = readJournal(join(import.meta.dirname, 'fixtures', 'passed', 'events.jsonl'));
      expect(JSON.stringify(events)).not.toContain(SECRET);
      const text = renderRecord(buildRecordContext(events));
      expect(text).not.toContain(SECRET);
      expect(text).toContain('| `registry-token` | `********` |');
    } finally {
      process.argv.pop();
    }
  });

  it('keeps a masked value masked wherever it appears (command, capture, evidence)', () => {
    const mask = '••••';
    const [start, ...rest] = readJournal(join(import.meta.dirname, 'fixtures', 'failed', 'events.jsonl'));
    const events = [
      runEventSchema.parse({ ...start, params: { ...(start?.type === 'run-start' ? start.params : {}), 'db-password': mask } }),
      ...rest,
    ];
    const text = renderRecord(buildRecordContext(events));
    expect(text).toContain(`| \`db-password\` | \`${mask}\` |`);
    expect(text).not.toContain(SECRET);
  });
});
