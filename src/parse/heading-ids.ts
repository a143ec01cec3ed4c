// Step and section ids from heading numbering: `## A. …` → `A`, `### 2. …` → `A.2`,
// `### Step 3: …` → `A.3`, `## 2. …` + `### 2.1 …` → `2.1`; otherwise a slug of the title.
import { slugify } from './slugify.js';

const sectionNumbering = /^(?:(?:section|part|phase|stage|step)\s+)?([A-Z]|\d+|[IVX]+)(?:[.):]|\s+[-–—])\s+(.+)$/i;
const stepNumbering = /^(?:step\s+)?(\d+(?:\.\d+)*)(?:[.):]|\s*[-–—])?\s+(.+)$/i;

export function sectionId(text: string, index: number): string {
  const match = sectionNumbering.exec(text.trim());
  if (match?.[1] && (match[1].length === 1 || /^\d+$/.test(match[1]) || /^[IVX]+$/.test(match[1]))) return match[1].toUpperCase();
  return slugify(text) || `section-${index + 1}`;
}

export function stepId(text: string, section: string | undefined): string {
  const match = stepNumbering.exec(text.trim());
  if (match?.[1]) {
    const number = match[1];
    if (section === undefined) return number;
    return number.includes('.') && number.split('.')[0] === section ? number : `${section}.${number}`;
  }
  return slugify(text) || 'step';
}

export function stripNumbering(text: string): string {
  const step = stepNumbering.exec(text.trim());
  if (step?.[2]) return step[2].trim();
  const section = sectionNumbering.exec(text.trim());
  if (section?.[2]) return section[2].trim();
  return text.trim();
}

