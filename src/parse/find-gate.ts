// Commands that change production ask before they run, even when the runbook does not say so.

const gatedPatterns: { pattern: RegExp; reason: string }[] = [
  { pattern: /\bhelm\s+(?:\S+\s+)*?(rollback|uninstall|delete|upgrade)\b/, reason: 'helm $1 changes a release' },
  { pattern: /\bkubectl\s+(?:\S+\s+)*?(delete|apply|replace|patch|drain|scale|cordon|edit)\b/, reason: 'kubectl $1 changes the cluster' },
  { pattern: /\bkubectl\s+(?:\S+\s+)*?rollout\s+(undo|restart)\b/, reason: 'kubectl rollout $1 changes the cluster' },
  { pattern: /\bkubectl\s+(?:\S+\s+)*?set\s+(image|env|resources|serviceaccount|selector|subject)\b/, reason: 'kubectl set $1 changes the cluster' },
  { pattern: /\bmigrat\w*[:\s_-]+(down|rollback|revert|undo)\b/i, reason: 'a down migration changes the database' },
  { pattern: /\b(DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX)|TRUNCATE\s+TABLE|DELETE\s+FROM)\b/i, reason: '$1 changes the database' },
  { pattern: /\brm\s+(?:-\w*r\w*f|-\w*f\w*r|-r\s+-f|-f\s+-r|--recursive\s+--force|--force\s+--recursive)\b/, reason: 'rm -rf deletes files' },
  { pattern: /\bredis-cli\b.*\b(flushall|flushdb)\b/i, reason: 'redis-cli $1 deletes data' },
  { pattern: /\bterraform\s+(apply|destroy)\b/, reason: 'terraform $1 changes infrastructure' },
  { pattern: /\bgit\s+push\s+(?:\S+\s+)*?(--force|-f)\b/, reason: 'git push --force rewrites history' },
];

/** Why a command should ask before it runs, or undefined. */
export function findGate(command: string): string | undefined {
  for (const { pattern, reason } of gatedPatterns) {
    const match = pattern.exec(command);
    if (match) return reason.replace('$1', match[1] ?? '');
  }
  return undefined;
}
