// "Did you mean …?": the candidate closest to a misspelt name, or null when none is close
// enough to be a likely typo. Pure; one home for every suggestion the CLI makes.

/** Levenshtein distance: insertions, deletions and substitutions, each costing one. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j] ?? 0;
      row[j] = Math.min(here + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length] ?? 0;
}

/** The nearest candidate ignoring case, within about a third of the name's length (at least 2), or within `maxEdits`. */
export function suggestNearest(name: string, candidates: Iterable<string>, maxEdits?: number): string | null {
  let best: string | null = null;
  let bestDistance = (maxEdits ?? Math.max(2, Math.floor(name.length / 3))) + 1;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
