// mdast → runbook model, in two layers: the document (the blocks a reader sees, in order, see
// document/) and the recognisers of each style that read those blocks into step drafts (see
// styles/; step-reader.ts decides which reads which). Every element keeps its position.
import type { Root } from 'mdast';
import type { Decision, Diagnostic, Section, Step } from '../model/runbook.js';
import { readDocument } from './document/read-document.js';
import { findDecisions } from './find-decisions.js';
import type { Frontmatter } from './read-frontmatter.js';
import { finishDrafts } from './step-drafts.js';
import { StepReader } from './step-reader.js';
import { markJumpTargets } from './styles/jump-targets.js';
import { endSamples } from './styles/output-samples.js';

export interface Extracted {
  title: string;
  description?: string;
  frontmatter: Frontmatter;
  sections: Section[];
  steps: Step[];
  decisions: Decision[];
}

export function extractRunbook(tree: Root, source: string, diagnostics: Diagnostic[]): Extracted {
  const document = readDocument(tree, source);
  const reader = new StepReader(document, diagnostics);
  for (const block of document.top) reader.readTop(block);
  endSamples(reader);
  markJumpTargets(reader);
  const { steps, origins } = finishDrafts(reader.drafts, diagnostics);
  const decisions = findDecisions({ steps, origins, sections: reader.sections, sectionOffers: reader.sectionOffers });
  return {
    title: reader.frontmatter.title ?? reader.title ?? 'Untitled runbook',
    ...(reader.description.length > 0 && { description: reader.description.join('\n\n') }),
    frontmatter: reader.frontmatter,
    sections: reader.sections,
    steps,
    decisions,
  };
}
