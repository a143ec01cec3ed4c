// Tables with a Command column: each row is a step (or, inside a step, an Action and its
// Command), its cells read as the labels their headers name. Other tables are notes.
import { toString } from 'mdast-util-to-string';
import { positionOf, type TableInfo } from '../document/blocks.js';
import { rowsText } from '../document/phrasing-text.js';
import type { StepReader } from '../step-reader.js';
import { addNote } from '../step-drafts.js';
import { readLabel } from './labelled-items.js';

export function readTable(reader: StepReader, table: TableInfo): void {
  const [header, ...rows] = table.rows;
  if (!header) return;
  const { columns, headers } = table;
  if (!columns.includes('command')) {
    if (reader.current) addNote(reader.current, undefined, rowsText(table.node), header.position);
    return;
  }
  const titleColumn = columns.findIndex((kind) => kind === 'action' || kind === 'note');
  const standalone = reader.current === undefined;
  rows.forEach((row, index) => {
    const cells = row.node.children;
    const title = titleColumn >= 0 ? toString(cells[titleColumn] ?? row.node) : `Row ${index + 1}`;
    const section = reader.section;
    const draft = standalone ? reader.newDraft(section ? `${section.id}.${index + 1}` : String(index + 1), title, row.position, true) : reader.ensureCurrent(row.position);
    cells.forEach((cell, column) => {
      const kind = columns[column];
      if (!kind || toString(cell).trim() === '') return;
      const site = { position: positionOf(cell), codesOf: row.codesOf.bind(row) };
      // A title column with a header we do not know ("Step", "What") holds each row's action.
      const label = kind === 'note' && column === titleColumn ? { label: 'Action', kind: 'action' as const } : { label: headers[column] ?? toString(cell), kind };
      readLabel(reader, draft, { ...label, value: cell.children }, site, []);
    });
  });
  if (standalone) reader.current = undefined;
}
