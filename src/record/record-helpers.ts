// Markdown-safe helpers for record templates. The Handlebars environment does no HTML escaping
// (a record is Markdown, not HTML), so anything that lands in a table cell, a code span or a
// fenced block goes through one of these to keep the document's structure intact.
import { codeBlock, codeSpan, tableCell } from '../format/escape-markdown.js';
import { formatDuration } from '../format/format-duration.js';
import { formatUtc } from './record-text.js';
import { yamlScalar } from './yaml-scalar.js';

/** What an absent fact renders as; never a guess. */
export const NOT_RECORDED = '_not recorded_';

const isAbsent = (v: unknown): v is null | undefined => v === null || v === undefined;
const asText = (v: unknown): string => (Array.isArray(v) ? v.map(asText).join('\n') : String(v));

/** Safe inside a GFM table cell (see tableCell): line breaks as `<br>`, trimmed, empty as `—`. */
export function cell(value: unknown): string {
  if (isAbsent(value)) return '—';
  const text = tableCell(asText(value).trim());
  return text === '' ? '—' : text;
}

/** An inline code span that shows `value` exactly (see codeSpan); empty as `—`. */
export function code(value: unknown): string {
  if (isAbsent(value)) return NOT_RECORDED;
  const text = asText(value);
  return text === '' ? '—' : codeSpan(text);
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function fence(value: unknown, lang?: unknown): string {
  if (isAbsent(value)) return NOT_RECORDED;
  return codeBlock(asText(value), typeof lang === 'string' ? lang : '');
}

/** Milliseconds as `412ms`, `12.4s`, `1m 02s`, `1h 02m 03s`. */
export function duration(ms: unknown): string {
  if (isAbsent(ms) || ms === '') return NOT_RECORDED;
  const n = Number(ms);
  return Number.isFinite(n) ? formatDuration(n) : String(ms);
}

/** An ISO instant as `2026-11-26 14:03:05Z`. */
export function utc(iso: unknown): string {
  if (isAbsent(iso) || iso === '') return NOT_RECORDED;
  return formatUtc(String(iso));
}

/** The value, or `_not recorded_` (or the fallback given) when it is absent or empty. */
export function defaultTo(value: unknown, fallback?: unknown): unknown {
  const empty = isAbsent(value) || value === '' || (Array.isArray(value) && value.length === 0);
  if (!empty) return Array.isArray(value) ? value.map(asText).join(', ') : value;
  return typeof fallback === 'string' ? fallback : NOT_RECORDED;
}

/**
 * A version fact (context `versions.from`, `.to`, `.lastKnownGood`) in one line: the value and
 * where it came from, or both sources when they disagree, or `_not recorded_`.
 */
export function version(fact: unknown): string {
  const v = fact as { value: string | null; capture: { name: string; stepId: string; value: string } | null; given: { source: string; value: string } | null; conflict: boolean } | null;
  if (isAbsent(v) || (v.capture === null && v.given === null)) return NOT_RECORDED;
  const heldIn = v.capture && v.capture.value !== v.value ? `: ${codeSpan(v.capture.value)}` : '';
  const captured = v.capture && `captured as ${codeSpan(v.capture.name)} in step ${v.capture.stepId}${heldIn}`;
  if (v.conflict && v.capture && v.given) return `**conflict**: ${codeSpan(v.given.value)} as the ${v.given.source} given to the run, but ${codeSpan(v.capture.value)} captured as ${codeSpan(v.capture.name)} in step ${v.capture.stepId}`;
  const from = [v.given && `the ${v.given.source} given to the run`, captured].filter(Boolean).join('; ');
  return `${codeSpan(v.value ?? '')} (${from}${v.capture ? '' : '; no capture checked it'})`;
}

type Helper = (...args: unknown[]) => unknown;

/** Helpers as plain functions of their arguments (Handlebars' options object removed). */
export const recordHelpers: Record<string, Helper> = {
  cell: (v) => cell(v),
  code: (v) => code(v),
  fence: (v, lang) => fence(v, lang),
  duration: (v) => duration(v),
  utc: (v) => utc(v),
  version: (v) => version(v),
  default: (v, fallback) => defaultTo(v, fallback),
  or: (...args) => args.find((a) => Boolean(a) && !(Array.isArray(a) && a.length === 0)) ?? args.at(-1),
  and: (...args) => args.every((a) => Boolean(a) && !(Array.isArray(a) && a.length === 0)),
  not: (v) => !v || (Array.isArray(v) && v.length === 0),
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => Number(a) > Number(b),
  inc: (v) => Number(v) + 1,
  upper: (v) => (isAbsent(v) ? NOT_RECORDED : String(v).toUpperCase()),
  /** A value for the frontmatter: one line of YAML, whatever it holds (see yaml-scalar.ts). */
  yaml: (v) => yamlScalar(v),
  join: (list, sep) => (Array.isArray(list) ? list.map(asText).join(typeof sep === 'string' ? sep : ', ') : ''),
};
