// What the recognisers share while they read a document's blocks in order: the section and
// step being filled, the frontmatter and title, and a sample of output that an intro has
// announced for the next block. Which recogniser reads which block is decided here, in one place.
import type { Diagnostic, Position, Section } from '../model/runbook.js';
import type { Block, SourceText } from './document/blocks.js';
import type { RunbookDocument } from './document/read-document.js';
import type { Frontmatter } from './read-frontmatter.js';
import { emptyPart, type Draft } from './step-drafts.js';
import type { Offer } from './styles/offers.js';
import { closeChoiceRun, noChoiceRuns, openChoiceOption } from './styles/choice-runs.js';
import { readDetails } from './styles/details-blocks.js';
import { readFrontmatterBlock } from './styles/frontmatter.js';
import { readHeading } from './styles/headings.js';
import { readList, readListItem } from './styles/list-items.js';
import { joinsNumberedTail, type NumberedTail } from './styles/numbered-lists.js';
import { readAside, readNestedParagraph, readTopParagraph } from './styles/prose.js';
import { takeSample } from './styles/output-samples.js';
import { readFence } from './styles/shell-fences.js';
import { readTable } from './styles/tables.js';

/** An intro just read ("Expected output:"): the next block is that output, if it can hold one. */
export interface AwaitedSample {
  draft: Draft;
  text: string;
  position: Position;
}

export class StepReader {
  frontmatter: Frontmatter = { data: {}, params: [], env: {}, record: {} };
  title: string | undefined;
  readonly description: string[] = [];
  readonly sections: Section[] = [];
  /** The ids of `sections`, and for an id written more than once the next suffix to try. */
  readonly sectionIds = new Set<string>();
  readonly nextSectionSuffix = new Map<string, number>();
  /** Sections whose heading offers an option or states a condition, by id. */
  readonly sectionOffers = new Map<string, Offer>();
  readonly drafts: Draft[] = [];
  section: Section | undefined;
  /** The step (H3) being read, or the section's own step for content directly under an H2. */
  current: Draft | undefined;
  sawHeading = false;
  awaitedSample: AwaitedSample | undefined;
  /** An "or" paragraph opened an option: the next shell block fills it (or-paragraphs.ts). */
  awaitedOrOption = false;
  /** The last step of a numbered list, which blocks written after it without indenting may still join. */
  numberedTail: NumberedTail | undefined;
  /** Shell blocks a "use one of these" intro made the options of a choice (choice-runs.ts). */
  readonly choiceRuns = noChoiceRuns();
  /** The `<details>` blocks open at this point, innermost last: the step each opened in, and its condition (details-blocks.ts). */
  readonly openDetails: { draft: Draft; offer: Offer }[] = [];

  readonly source: SourceText;
  /** Every block in reading order, for a recogniser that must see what comes next. */
  readonly blocks: readonly Block[];

  constructor(document: RunbookDocument, readonly diagnostics: Diagnostic[]) {
    this.source = document.source;
    this.blocks = document.blocks;
  }

  newDraft(id: string, title: string, position: Position, fixedId = false): Draft {
    const draft: Draft = { id, title, ...(this.section && { section: this.section.id }), position, parts: [emptyPart()], fixedId };
    this.drafts.push(draft);
    return draft;
  }

  /** Content outside any H3 goes to a step standing for the section (or the whole document). */
  ensureCurrent(position: Position): Draft {
    this.current ??= this.section
      ? this.newDraft(this.section.id, this.section.title, this.section.position, true)
      : this.newDraft('preamble', this.title ?? 'Preamble', position, true);
    return this.current;
  }

  report(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  /** A block outside any list item. Items and rows after the first are read with their list or table. */
  readTop(block: Block): void {
    if ((block.kind === 'item' && block.ordinal > 0) || (block.kind === 'row' && !block.header)) return;
    if (takeSample(this, block)) return;
    const tail = this.numberedTail;
    if (tail !== undefined && joinsNumberedTail(this, block)) {
      this.readNested(tail.draft, block);
      return;
    }
    if (this.choiceRuns.openers.has(block) || this.choiceRuns.closers.has(block)) {
      const draft = this.ensureCurrent(block.position);
      if (!openChoiceOption(this, draft, block)) this.readTopBlock(block);
      closeChoiceRun(this, draft, block);
      return;
    }
    this.readTopBlock(block);
  }

  private readTopBlock(block: Block): void {
    switch (block.kind) {
      case 'frontmatter':
        readFrontmatterBlock(this, block);
        return;
      case 'heading':
        readHeading(this, block);
        return;
      case 'fence':
        readFence(this, this.ensureCurrent(block.position), block);
        return;
      case 'item':
        readList(this, block.list);
        return;
      case 'row':
        readTable(this, block.table);
        return;
      case 'paragraph':
        readTopParagraph(this, block);
        return;
      case 'aside':
        readAside(this, block);
        return;
      case 'other':
        return;
    }
  }

  /** A block inside a list item, read into that item's step. */
  readNested(draft: Draft, block: Block): void {
    if (takeSample(this, block)) return;
    if (openChoiceOption(this, draft, block)) return;
    this.readNestedBlock(draft, block);
    closeChoiceRun(this, draft, block);
  }

  private readNestedBlock(draft: Draft, block: Block): void {
    switch (block.kind) {
      case 'fence':
        readFence(this, draft, block);
        return;
      case 'item':
        readListItem(this, draft, block);
        return;
      case 'paragraph':
        readNestedParagraph(this, draft, block);
        return;
      case 'row':
        if (block.header) readTable(this, block.table);
        return;
      case 'aside':
        readDetails(this, draft, block);
        return;
      default:
        // Headings, quotes and rules inside list items are not read into steps.
        return;
    }
  }

  readAllNested(draft: Draft, blocks: readonly Block[]): void {
    for (const block of blocks) this.readNested(draft, block);
  }
}
