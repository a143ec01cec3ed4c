// Cycles among the steps Kahn's algorithm could not order: Tarjan's strongly connected
// components (iterative, so a 10,000-step cycle cannot overflow the call stack), then one
// shortest cycle through each component, to name in the diagnostic.

export interface CycleInput {
  /** Nodes left over after the topological sort, ascending. */
  nodes: readonly number[];
  succ: readonly (readonly number[])[];
  preds: readonly (readonly number[])[];
  /** Preferred first node of a reported cycle (a step with an explicit `Depends on`). */
  prefer: (node: number) => boolean;
}

/** Each cycle as nodes in "waits for" order, first node repeated at the end: [a, b, a]. */
export function findCycles({ nodes, succ, preds, prefer }: CycleInput): number[][] {
  const inScope = new Set(nodes);
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    const calls: { node: number; edge: number }[] = [];
    const enter = (node: number): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      calls.push({ node, edge: 0 });
    };
    enter(root);
    while (calls.length > 0) {
      const frame = calls[calls.length - 1] as { node: number; edge: number };
      const out = succ[frame.node] ?? [];
      if (frame.edge < out.length) {
        const next = out[frame.edge++] as number;
        if (!inScope.has(next)) continue;
        if (!index.has(next)) enter(next);
        else if (onStack.has(next)) low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(next) as number));
        continue;
      }
      calls.pop();
      const v = frame.node;
      if (low.get(v) === index.get(v)) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
      const parent = calls[calls.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(v) as number));
    }
  }

  const cycles: number[][] = [];
  for (const component of components) {
    const first = component[0] as number;
    if (component.length === 1 && !(succ[first] ?? []).includes(first)) continue;
    component.sort((a, b) => a - b);
    const start = component.find(prefer) ?? (component[0] as number);
    cycles.push(shortestCycle(start, new Set(component), preds));
  }
  return cycles.sort((a, b) => (a[0] as number) - (b[0] as number));
}

/** Breadth-first along "waits for" edges from `start` back to itself, inside one component. */
function shortestCycle(start: number, members: Set<number>, preds: readonly (readonly number[])[]): number[] {
  const parent = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    for (const next of preds[node] ?? []) {
      if (next === start) {
        // Back from `node` to `start`'s first pred, then reversed into walking order.
        const back: number[] = [];
        for (let at = node; at !== start; at = parent.get(at) as number) back.push(at);
        return [start, ...back.reverse(), start];
      }
      if (!members.has(next) || parent.has(next) || next === start) continue;
      parent.set(next, node);
      queue.push(next);
    }
  }
  return [start, start];
}
