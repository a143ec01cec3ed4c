// The worst shapes a runbook can take for the parser: lists and quotes nested very deep, very
// many frontmatter keys or params, very many headings. `npm run bench` parses each at full size
// in a process of its own (time and peak memory); test/parse/worst-shapes.test.ts parses them at
// a size a test can afford and checks what comes out.

const repeat = (count, make) => Array.from({ length: count }, (_, i) => make(i)).join('');

/** A list nested `depth` deep, one inline command per level (1 MB at 1,000). */
export const nestedList = (depth) => `# Deep list\n\n### 1. Step\n\n${repeat(depth, (i) => `${'  '.repeat(i)}- level ${i} \`echo ${i}\`\n`)}`;

/**
 * `full`: the size the shape is measured at; `limit`, where the engine refuses a larger one
 * (too many headings, too much frontmatter), the largest size it still reads.
 * @type {Record<string, { about: string, full: number, limit?: number, make: (n: number) => string }>}
 */
export const worstShapes = {
  nestedList: {
    about: 'list nested n deep (refused beyond 32 levels)',
    full: 1000,
    limit: 32,
    make: nestedList,
  },
  nestedQuote: {
    about: 'block quote nested n deep on one line (refused beyond 32 levels)',
    full: 100_000,
    limit: 32,
    make: (n) => `# Deep quote\n\n### 1. Step\n\n${'>'.repeat(n)} deep \`exit 0\`\n`,
  },
  frontmatterKeys: {
    about: 'frontmatter with n keys (refused beyond 256 KiB)',
    full: 100_000,
    limit: 12_900,
    make: (n) => `---\n${repeat(n, (i) => `key${i}: value ${i}\n`)}---\n\n# Keys\n\n### 1. Step\n\n\`\`\`sh\necho keys\n\`\`\`\n`,
  },
  frontmatterParams: {
    about: 'frontmatter declaring n params (refused beyond 256 KiB)',
    full: 100_000,
    limit: 9_400,
    make: (n) => `---\nparams:\n${repeat(n, (i) => `  p${i}:\n    default: v${i}\n`)}---\n\n# Params\n\n### 1. Step\n\n\`\`\`sh\necho <p0>\n\`\`\`\n`,
  },
  headings: {
    about: 'n step headings, a line of inline code under each (refused beyond 12,000 headings)',
    full: 100_000,
    limit: 11_999,
    make: (n) => `# Headings\n\n${repeat(n, (i) => `### Step ${i}\n\n\`echo ${i}\`\n\n`)}`,
  },
  bareHeadings: {
    about: 'n headings with no blank line between them (refused beyond 12,000 headings)',
    full: 100_000,
    limit: 11_999,
    make: (n) => `# Headings\n${repeat(n, (i) => `### Step ${i}\n`)}`,
  },
  placeholders: {
    about: 'one command with n placeholders (50 names)',
    full: 20_000,
    make: (n) => `# Placeholders\n\n### 1. Step\n\n\`\`\`sh\necho ${repeat(n, (i) => `<p${i % 50}> `)}\n\`\`\`\n`,
  },
  scriptLines: {
    about: 'one block of n lines, each a pipeline with a placeholder',
    full: 4_000,
    make: (n) => `---\nparams:\n  ns: {}\n---\n# Script\n\n### 1. Step\n\n\`\`\`sh\n${repeat(n, (i) => `kubectl get pods -n <ns> | grep web-${i}\n`)}\`\`\`\n`,
  },
  sameSections: {
    about: 'n sections with the same title, a step in each (refused beyond 12,000 headings)',
    full: 20_000,
    limit: 5_999,
    make: (n) => `# Sections\n\n${repeat(n, () => `## Verify\n\n### Check\n\n\`\`\`sh\ntrue\n\`\`\`\n\n`)}`,
  },
};
