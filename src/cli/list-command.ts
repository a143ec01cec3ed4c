// `runbook list FILE`: one line per step: id, title, first command.
import { loadRunbook } from './load-runbook.js';

export async function runList(file: string) {
  const { runbook, graph } = await loadRunbook(file);
  const byId = new Map(runbook.steps.map((s) => [s.id, s]));
  const width = Math.max(0, ...runbook.steps.map((s) => s.id.length));
  const lines = graph.order.map((id) => {
    const step = byId.get(id);
    if (!step) return id;
    const first = step.commands[0]?.text.split('\n')[0];
    const what = first !== undefined ? `$ ${first}` : step.attestations.length > 0 ? `(${step.attestations.length} to confirm)` : '(notes only)';
    const cells = step.commands.flatMap((c) => (c.name !== undefined ? [c.name] : []));
    return `${step.id.padEnd(width)}  ${step.title}${cells.length > 0 ? `  (cell ${cells.join(', ')})` : ''}  ${what}`;
  });
  process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return lines;
}
