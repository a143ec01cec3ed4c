// Frontmatter `gates:`: the runbook's own list of regular expressions, each matched against the
// text of every command that takes effect (wrappers looked through, words joined by spaces).
export interface GatePattern {
  source: string;
  pattern: RegExp;
}

/** The pattern, or undefined when `source` is not a valid regular expression. */
export function compileGatePattern(source: string): GatePattern | undefined {
  try {
    return { source, pattern: new RegExp(source) };
  } catch {
    return undefined;
  }
}

/** Valid patterns only: invalid ones are reported where the frontmatter is read. */
export function compileGatePatterns(sources: readonly string[]): GatePattern[] {
  return sources.map(compileGatePattern).filter((pattern): pattern is GatePattern => pattern !== undefined);
}
