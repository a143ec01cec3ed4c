// The one-character mark of a verdict, shared by the plain lines and the task list.

export function mark(verdict: string): string {
  return { verified: '✔', attested: '✔', unverified: '?', failed: '✖', planned: '·', 'not-run': '-' }[verdict] ?? '·';
}
