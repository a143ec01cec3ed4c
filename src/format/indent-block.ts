// Markdown nested under a list item: every line but the empty ones moved in by `by`.
export function indentBlock(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${by}${line}`))
    .join('\n');
}
