import fc from 'fast-check';
import { propertyRuns } from '../setup-properties.js';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { makeParam, makeRunbook, type StepInput } from './make-runbook.js';

const rules = (steps: StepInput[]) => buildGraph(makeRunbook(steps)).diagnostics.map((d) => d.ruleId);

describe('buildGraph', () => {
  it('chains steps in document order by default', () => {
    const graph = buildGraph(makeRunbook([{ id: 'A.1' }, { id: 'A.2' }, { id: 'A.3' }]));
    expect(graph.order).toEqual(['A.1', 'A.2', 'A.3']);
    expect(graph.edges).toEqual([
      { from: 'A.1', to: 'A.2', kind: 'sequence' },
      { from: 'A.2', to: 'A.3', kind: 'sequence' },
    ]);
    expect(graph.dependencies).toEqual({ 'A.1': [], 'A.2': ['A.1'], 'A.3': ['A.2'] });
    expect(graph.diagnostics).toEqual([]);
  });

  it('lets Depends on replace the implicit edge, and none make a step independent', () => {
    const graph = buildGraph(
      makeRunbook([{ id: 'A.1' }, { id: 'A.2' }, { id: 'B.1', dependsOn: [] }, { id: 'B.2', dependsOn: ['A.1'] }]),
    );
    expect(graph.dependencies).toEqual({ 'A.1': [], 'A.2': ['A.1'], 'B.1': [], 'B.2': ['A.1'] });
    expect(graph.edges).toContainEqual({ from: 'A.1', to: 'B.2', kind: 'depends' });
    expect(graph.order).toEqual(['A.1', 'A.2', 'B.1', 'B.2']);
  });

  it('orders a step after a later step it depends on', () => {
    const graph = buildGraph(makeRunbook([{ id: 'A.1', dependsOn: ['A.2'] }, { id: 'A.2', dependsOn: [] }]));
    expect(graph.order).toEqual(['A.2', 'A.1']);
    expect(graph.diagnostics).toEqual([]);
  });

  it('adds capture edges from the step that makes a value to the steps that use it', () => {
    const graph = buildGraph(
      makeRunbook([
        { id: 'A.1', commands: ['git tag | tail -n 1'], captures: ['previous-tag'] },
        { id: 'B.1', dependsOn: [] },
        { id: 'B.2', dependsOn: [], commands: ['helm rollback app <previous-tag> && echo <previous-tag>'] },
      ]),
    );
    expect(graph.edges).toContainEqual({ from: 'A.1', to: 'B.2', kind: 'capture' });
    expect(graph.edges.filter((e) => e.kind === 'capture')).toHaveLength(1);
    expect(graph.dependencies['B.2']).toEqual(['A.1']);
    expect(graph.diagnostics).toEqual([]);
  });

  it('keeps a capture edge beside the sequence edge of the same pair', () => {
    const graph = buildGraph(makeRunbook([{ id: 'A.1', captures: ['tag'] }, { id: 'A.2', commands: ['echo <tag>'] }]));
    expect(graph.edges).toEqual([
      { from: 'A.1', to: 'A.2', kind: 'sequence' },
      { from: 'A.1', to: 'A.2', kind: 'capture' },
    ]);
    expect(graph.dependencies['A.2']).toEqual(['A.1']);
  });

  it('names a cycle and points at the Depends on that closes it', () => {
    const graph = buildGraph(makeRunbook([{ id: 'A.1', dependsOn: ['A.2'] }, { id: 'A.2' }, { id: 'A.3' }]));
    expect(graph.diagnostics).toEqual([
      {
        severity: 'error',
        ruleId: 'dependency-cycle',
        message: 'Dependency cycle: A.1 → A.2 → A.1 (each step waits for the next)',
        position: { line: 11, column: 3 },
      },
    ]);
    // Every step still appears once.
    expect(graph.order).toEqual(['A.1', 'A.2', 'A.3']);
  });

  it('reports a step that depends on itself', () => {
    const graph = buildGraph(makeRunbook([{ id: 'A.1', dependsOn: ['A.1'] }]));
    expect(graph.diagnostics.map((d) => d.message)).toEqual(['Dependency cycle: A.1 → A.1 (each step waits for the next)']);
  });

  it('reports each of two separate cycles', () => {
    const graph = buildGraph(
      makeRunbook([
        { id: 'a', dependsOn: ['b'] },
        { id: 'b', dependsOn: ['a'] },
        { id: 'c', dependsOn: ['d'] },
        { id: 'd', dependsOn: ['e'] },
        { id: 'e', dependsOn: ['c'] },
      ]),
    );
    expect(graph.diagnostics.map((d) => d.message)).toEqual([
      'Dependency cycle: a → b → a (each step waits for the next)',
      'Dependency cycle: c → d → e → c (each step waits for the next)',
    ]);
  });

  it('reports unknown dependencies at their Depends on', () => {
    const graph = buildGraph(makeRunbook([{ id: 'A.1' }, { id: 'A.2', dependsOn: ['A.1', 'Z.9'] }]));
    expect(graph.diagnostics).toEqual([
      {
        severity: 'error',
        ruleId: 'unknown-dependency',
        message: 'Unknown step "Z.9" in Depends on of A.2, expected the id of a step in this runbook',
        position: { line: 21, column: 3 },
      },
    ]);
    expect(graph.dependencies['A.2']).toEqual(['A.1']);
  });

  it('reports a capture used before the step that makes it', () => {
    const graph = buildGraph(
      makeRunbook([
        { id: 'A.1', commands: ['echo <tag>'], dependsOn: ['A.2'] },
        { id: 'A.2', captures: ['tag'], dependsOn: [] },
      ]),
    );
    expect(graph.diagnostics).toEqual([
      {
        severity: 'error',
        ruleId: 'capture-before-definition',
        message: '<tag> is used by A.1 before step A.2 captures it, expected the capturing step first',
        position: { line: 11, column: 6 },
      },
    ]);
  });

  it('reports a step that uses its own capture', () => {
    expect(rules([{ id: 'A.1', commands: ['echo <tag>'], captures: ['tag'] }])).toEqual(['capture-before-definition']);
  });

  it('reports a capture used by a step the graph runs before the maker', () => {
    // A.2 makes the value, but A.1 waits on A.3, which uses it: A.3 must come after A.2, yet A.1 runs first.
    const graph = buildGraph(
      makeRunbook([
        { id: 'A.1', dependsOn: ['A.3'] },
        { id: 'A.2', captures: ['tag'] },
        { id: 'A.3', commands: ['echo <tag>'], dependsOn: [] },
      ]),
    );
    expect(graph.diagnostics.map((d) => d.ruleId)).toEqual(['dependency-cycle']);
    expect(graph.diagnostics[0]?.message).toBe('Dependency cycle: A.1 → A.3 → A.2 → A.1 (each step waits for the next)');
  });

  it('reports a capture name made twice, and one that shadows a declared param', () => {
    const graph = buildGraph(
      makeRunbook([{ id: 'A.1', captures: ['tag'] }, { id: 'A.2', captures: ['tag', 'version'] }], [makeParam('version')]),
    );
    expect(graph.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ['duplicate-capture', 'error'],
      ['capture-shadows-param', 'warning'],
    ]);
  });

  it('never throws on random Depends on lists, and lists every step once', () => {
    const ids = ['A.1', 'A.2', 'A.3', 'B.1', 'B.2', 'x', 'missing', ''];
    const stepArb = fc.record({
      id: fc.constantFrom(...ids),
      dependsOn: fc.option(fc.array(fc.constantFrom(...ids), { maxLength: 4 }), { nil: null }),
      captures: fc.array(fc.constantFrom('tag', 'ver'), { maxLength: 2 }),
      commands: fc.array(fc.constantFrom('echo <tag>', 'echo <ver> <tag>', 'true'), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 12 }), (steps) => {
        const graph = buildGraph(makeRunbook(steps));
        expect([...graph.order].sort()).toEqual(steps.map((s) => s.id).sort());
        for (const d of graph.diagnostics) expect(d.position.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('orders random DAGs so that every edge is respected, keeping document order among ready steps', () => {
    const dagArb = fc.integer({ min: 1, max: 30 }).chain((size) =>
      fc.tuple(
        fc.array(fc.option(fc.uniqueArray(fc.nat(size - 1), { maxLength: 4 }), { nil: null }), { minLength: size, maxLength: size }),
        fc.shuffledSubarray([...Array(size).keys()], { minLength: size, maxLength: size }),
      ),
    );
    fc.assert(
      fc.property(dagArb, ([deps, rank]) => {
        // rank[i] is step i's topological rank; a step only waits for steps of lower rank, and
        // keeps its implicit edge only when the previous step ranks lower.
        const steps = rank.map((r, i) => ({
          id: `s${i}`,
          dependsOn:
            deps[i] === null
              ? i === 0 || rank[i - 1]! < r
                ? null
                : []
              : deps[i]!.filter((j) => rank[j]! < r).map((j) => `s${j}`),
        }));
        const graph = buildGraph(makeRunbook(steps));
        expect(graph.diagnostics).toEqual([]);
        const at = new Map(graph.order.map((id, i) => [id, i]));
        expect(at.size).toBe(steps.length);
        for (const edge of graph.edges) expect(at.get(edge.from)!).toBeLessThan(at.get(edge.to)!);
        // Document order among ready steps: no step precedes a lower-indexed step that was ready at the same time.
        const done = new Set<string>();
        for (const id of graph.order) {
          const index = Number(id.slice(1));
          for (let j = 0; j < index; j++) {
            const other = `s${j}`;
            if (done.has(other)) continue;
            const ready = (graph.dependencies[other] ?? []).every((d) => done.has(d));
            expect(ready).toBe(false);
          }
          done.add(id);
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  // Speed is measured by the bench; a quadratic pass over 10,000 steps would show as a timeout here.
  it('builds a 10,000-step graph', () => {
    const steps: StepInput[] = [];
    for (let i = 0; i < 10_000; i++) {
      steps.push({
        id: `S.${i}`,
        commands: [`echo <v${i % 50}> <cap${i - 1}>`],
        captures: [`cap${i}`],
        dependsOn: i % 3 === 0 ? null : i % 3 === 1 ? [] : [`S.${Math.floor(i / 2)}`],
      });
    }
    const graph = buildGraph(makeRunbook(steps));
    expect(graph.order).toHaveLength(10_000);
    expect(graph.diagnostics).toEqual([]);
  });
});

describe('buildGraph on a long cycle', () => {
  it('reports a 10,000-step cycle without overflowing the stack', () => {
    const steps: StepInput[] = [{ id: 'S.0', dependsOn: ['S.9999'] }];
    for (let i = 1; i < 10_000; i++) steps.push({ id: `S.${i}` });
    const graph = buildGraph(makeRunbook(steps));
    expect(graph.diagnostics.map((d) => d.ruleId)).toEqual(['dependency-cycle']);
    expect(graph.diagnostics[0]?.message.startsWith('Dependency cycle: S.0 → S.9999 → S.9998')).toBe(true);
  });
});
