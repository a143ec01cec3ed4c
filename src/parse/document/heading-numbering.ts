// Heading numbering (`A.`, `1.`, `2.1`, `Step 3 —`, `Phase II:`), read once per heading so that
// every later test of the text sees the title without it.
import { numberingWords, stepWords } from '../vocabulary.js';

export interface HeadingNumbering {
  /** The heading as written, trimmed. */
  text: string;
  /** Without its numbering: `Roll back` for `2. Roll back`. */
  title: string;
  /** `2.1` for `2.1 Check`, `3` for `Step 3: Verify`: the number a step id is made of. */
  stepNumber?: string;
  /** `A`, `2`, `IV`: the number a section id is made of. */
  sectionNumber?: string;
}

const sectionPattern = new RegExp(`^(?:(?:${numberingWords.join('|')})\\s+)?([A-Z]|\\d+|[IVX]+)(?:[.):]|\\s+[-–—])\\s+(.+)$`, 'i');
const stepPattern = new RegExp(`^(?:(?:${stepWords.join('|')})\\s+)?(\\d+(?:\\.\\d+)*)(?:[.):]|\\s*[-–—])?\\s+(.+)$`, 'iu');

/** A Hugo or Pandoc heading anchor at the end, `{#rollback}`: not part of the title. */
const anchorPattern = /\s*\{#[^}\s]*\}\s*$/;

export function readHeadingNumbering(written: string): HeadingNumbering {
  const text = written.replace(anchorPattern, '').trim();
  const step = stepPattern.exec(text);
  const section = sectionPattern.exec(text);
  const sectionNumber = section?.[1] && (section[1].length === 1 || /^\d+$/.test(section[1]) || /^[IVX]+$/.test(section[1])) ? section[1].toUpperCase() : undefined;
  return {
    text,
    title: (step?.[2] ?? section?.[2] ?? text).trim(),
    ...(step?.[1] !== undefined && { stepNumber: step[1] }),
    ...(sectionNumber !== undefined && { sectionNumber }),
  };
}
