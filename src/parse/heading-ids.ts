// Step and section ids from heading numbering: `## A. …` → `A`, `### 2. …` → `A.2`,
// `### Step 3: …` → `A.3`, `## 2. …` + `### 2.1 …` → `2.1`; otherwise a slug of the heading.
import type { HeadingNumbering } from './document/heading-numbering.js';
import { slugify } from './slugify.js';

export function sectionId(heading: HeadingNumbering, index: number): string {
  return heading.sectionNumber ?? (slugify(heading.text) || `section-${index + 1}`);
}

export function stepId(heading: HeadingNumbering, section: string | undefined): string {
  return heading.stepNumber !== undefined ? numberedStepId(heading.stepNumber, section) : slugify(heading.text) || 'step';
}

/** `3` in section `A` → `A.3`; `2.1` in section `2` stays `2.1`. */
export function numberedStepId(number: string, section: string | undefined): string {
  if (section === undefined) return number;
  return number.includes('.') && number.split('.')[0] === section ? number : `${section}.${number}`;
}
