// Types for render-review.mjs (plain JavaScript, run by the action with no build step).

export const MARKER: string;
export const COMMENT_LIMIT: number;
export function code(text: string): string;
export function fence(text: string, lang?: string): string;
export function parseAnnotation(line: string): { severity: 'error' | 'warning' | 'notice'; file: string; line: number; column: number; rule: string; message: string } | null;
export function renderReview(review: unknown): string;
export function fitComment(body: string, limit?: number): string;
