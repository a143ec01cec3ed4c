// Types of worst-shapes.mjs, for the tests that parse the same shapes.
export interface WorstShape {
  about: string;
  full: number;
  limit?: number;
  make: (n: number) => string;
}
export declare const nestedList: (depth: number) => string;
export declare const worstShapes: Record<'nestedList' | 'nestedQuote' | 'frontmatterKeys' | 'frontmatterParams' | 'headings' | 'bareHeadings' | 'placeholders' | 'scriptLines' | 'sameSections', WorstShape>;
