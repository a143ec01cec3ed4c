// Golden records: each fixture's journal (fixed times and ids, so nothing needs normalising)
// must render exactly its record.md. Updating goldens is deliberate:
//   UPDATE_GOLDEN=1 npx vitest run test/record
// then review the diff like any other change.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRecordContext } from '../../src/record/build-record-context.js';
import { renderRecord } from '../../src/record/render-record.js';
import { readJournal } from './read-journal.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const update = process.env.UPDATE_GOLDEN === '1';

describe('drill record goldens', () => {
  const cases = readdirSync(fixtures, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

  it('covers every kind of run', () => {
    expect(cases).toEqual(expect.arrayContaining(['passed', 'failed', 'aborted', 'killed', 'resumed', 'dry-run']));
  });

  for (const name of cases) {
    it(`renders ${name}`, () => {
      const dir = join(fixtures, name);
      const text = renderRecord(buildRecordContext(readJournal(join(dir, 'events.jsonl'))));
      const golden = join(dir, 'record.md');
      if (update) {
        writeFileSync(golden, text);
        return;
      }
      if (!existsSync(golden)) throw new Error(`No golden for ${name}: run UPDATE_GOLDEN=1 npx vitest run test/record, then review it.`);
      expect(text).toBe(readFileSync(golden, 'utf8'));
    });
  }
});
