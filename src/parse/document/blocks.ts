// The blocks a reader sees, in reading order: headings, paragraphs (labelled or not), list items
// (numbered, bulleted, task items), fences and transcripts, table rows, quotes. Each keeps its
// position and the item it sits in; what a recogniser asks of it (its label, its language, its
// inline code) is computed when first asked and kept. Nothing is interpreted here.
import type { Code, Heading, ListItem, Paragraph, PhrasingContent, RootContent, Table, TableRow } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Position } from '../../model/runbook.js';
import { isConsoleLanguage, isOutputLanguage, isShellLanguage, labelKindOf, type LabelKind } from '../vocabulary.js';
import { readFenceInfo, type FenceInfo } from './fence-info.js';
import { findLabel, type FoundLabel } from './find-label.js';
import { readHeadingNumbering, type HeadingNumbering } from './heading-numbering.js';
import { blockText, phrasingText } from './phrasing-text.js';

/** The file the blocks come from: inline code positions need its text. */
export interface SourceText {
  text: string;
  lines: string[];
}

/** Inline code with the position of its first character inside the backticks. */
export interface InlineCode {
  value: string;
  position: Position;
}

const noBlocks: readonly Block[] = Object.freeze([]);

export type Block = FrontmatterBlock | HeadingBlock | ParagraphBlock | ItemBlock | FenceBlock | RowBlock | AsideBlock | OtherBlock;

export function positionOf(node: { position?: { start: { line: number; column: number } } }): Position {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

/** Where a block sits: its place in reading order, the item it is nested in, the file (copied when a block is made). */
export interface Place {
  index: number;
  /** The list item this block is nested in; undefined at the top level. */
  parent: ItemBlock | undefined;
  source: SourceText;
}

abstract class BaseBlock {
  readonly index: number;
  readonly parent: ItemBlock | undefined;
  protected readonly source: SourceText;
  /** The mdast node the block stands for (narrowed by each kind). */
  readonly node: RootContent | ListItem | TableRow;
  #position: Position | undefined;
  constructor(place: Place, node: RootContent | ListItem | TableRow) {
    this.index = place.index;
    this.parent = place.parent;
    this.source = place.source;
    this.node = node;
  }

  get position(): Position {
    return (this.#position ??= positionOf(this.node));
  }

  /** Inline code among phrasing nodes of this block (a label's value, a table cell). */
  codesOf(nodes: PhrasingContent[]): InlineCode[] {
    return inlineCodes(nodes, this.source);
  }
}

export class FrontmatterBlock extends BaseBlock {
  readonly kind = 'frontmatter';
  declare readonly node: RootContent;
  constructor(place: Place, readonly format: 'yaml' | 'toml', readonly value: string, node: RootContent) {
    super(place, node);
  }
}

export class HeadingBlock extends BaseBlock {
  readonly kind = 'heading';
  declare readonly node: Heading;
  #numbering: HeadingNumbering | undefined;
  constructor(place: Place, node: Heading) {
    super(place, node);
  }

  get level(): number {
    return this.node.depth;
  }

  /** The text as written and its numbering, read apart once. */
  get numbering(): HeadingNumbering {
    return (this.#numbering ??= readHeadingNumbering(toString(this.node)));
  }
}

export class ParagraphBlock extends BaseBlock {
  readonly kind = 'paragraph';
  declare readonly node: Paragraph;
  #label: FoundLabel | null | undefined;
  #text: string | undefined;
  #codes: InlineCode[] | undefined;
  constructor(place: Place, node: Paragraph) {
    super(place, node);
  }

  get label(): FoundLabel | undefined {
    if (this.#label === undefined) this.#label = findLabel(this.node) ?? null;
    return this.#label ?? undefined;
  }

  /** As written, inline code in its backticks. */
  get text(): string {
    return (this.#text ??= phrasingText(this.node.children).trim());
  }

  get codes(): InlineCode[] {
    return (this.#codes ??= inlineCodes(this.node.children, this.source));
  }

  /** The text of a paragraph that is one bold (or italic) run, maybe with a colon after it: a heading in all but name. */
  get boldLine(): string | undefined {
    const children = this.node.children.filter((child) => !(child.type === 'text' && /^\s*:?\s*$/.test(child.value)));
    const [only] = children;
    if (children.length !== 1 || (only?.type !== 'strong' && only?.type !== 'emphasis')) return undefined;
    return phrasingText(only.children).trim().replace(/:$/, '').trim() || undefined;
  }
}

/** One list: numbered or not, and its items in order. */
export interface ListInfo {
  ordered: boolean;
  start: number;
  items: ItemBlock[];
}

export class ItemBlock extends BaseBlock {
  readonly kind = 'item';
  declare readonly node: ListItem;
  /** The blocks directly inside the item, its lead paragraph first when it has one. */
  readonly children: Block[] = [];
  /** The paragraph the item opens with, which carries its label or its sentence. */
  lead: ParagraphBlock | undefined;
  /** The blocks after the lead paragraph (all of them when the item has none). */
  rest: readonly Block[] = noBlocks;
  constructor(place: Place, node: ListItem, readonly list: ListInfo, readonly ordinal: number) {
    super(place, node);
  }

  /** `1` for the first item of `1. …`; counts from the list's start. */
  get number(): number {
    return this.list.start + this.ordinal;
  }

  /** `true`/`false` for a task item (`- [x]`, `- [ ]`), else undefined. */
  get checked(): boolean | undefined {
    return typeof this.node.checked === 'boolean' ? this.node.checked : undefined;
  }

  /** Called once the item's children are in: finds its lead paragraph. */
  close(): void {
    const first = this.children[0];
    this.lead = first?.kind === 'paragraph' ? first : undefined;
    if (!this.lead) this.rest = this.children;
    else if (this.children.length > 1) this.rest = this.children.slice(1);
  }

  /** Inline code anywhere inside the item, nested lists included. */
  get deepCodes(): InlineCode[] {
    return deepInlineCodes(this.node, this.source);
  }
}

export class FenceBlock extends BaseBlock {
  readonly kind = 'fence';
  declare readonly node: Code;
  #info: FenceInfo | undefined;
  constructor(place: Place, node: Code) {
    super(place, node);
  }

  get value(): string {
    return this.node.value;
  }

  get info(): FenceInfo {
    return (this.#info ??= readFenceInfo(this.node.lang, this.node.meta));
  }

  get lang(): string | undefined {
    return this.info.lang;
  }

  /** A fence never closed: CommonMark runs it to the end of its container, swallowing what follows. */
  get unclosed(): boolean {
    const start = this.node.position?.start.line ?? 1;
    const end = this.node.position?.end.line ?? start;
    const last = this.source.lines[end - 1] ?? '';
    return end === start || !/^\s*(?:`{3,}|~{3,})\s*$/.test(last);
  }

  /** 1-based line of the first line inside the fence. */
  get firstContentLine(): number {
    return (this.node.position?.start.line ?? 1) + 1;
  }

  /** Where `text` starts on a line of the file (fences may be indented inside list items). */
  positionOnLine(line: number, text: string): Position {
    const lines = this.source.lines;
    const column = text ? (lines[line - 1] ?? '').indexOf(text.trimStart()) + 1 : 1;
    return { line: Math.min(line, lines.length), column: Math.max(1, column) };
  }

  /** A transcript: a console block, or a shell block whose first line is a `$ ` prompt. */
  get transcript(): boolean {
    if (isConsoleLanguage(this.lang)) return true;
    return isShellLanguage(this.lang) && /^\s*\$ \S/.test(this.value.split('\n').find((line) => line.trim() !== '') ?? '');
  }

  /** A block that can hold sample output: untagged, or tagged with an output language. */
  get holdsOutput(): boolean {
    return this.lang === undefined || isOutputLanguage(this.lang);
  }
}

/** One table, whose rows are blocks of their own. */
export class TableInfo {
  readonly rows: RowBlock[] = [];
  #columns: (LabelKind | 'note')[] | undefined;
  constructor(readonly node: Table) {}

  get headers(): string[] {
    return this.node.children[0]?.children.map((cell) => toString(cell)) ?? [];
  }

  /** What each column holds, read from its header as a label: `Command`, `Expected`, … */
  get columns(): (LabelKind | 'note')[] {
    return (this.#columns ??= this.headers.map((header) => labelKindOf(header)));
  }
}

export class RowBlock extends BaseBlock {
  readonly kind = 'row';
  declare readonly node: TableRow;
  constructor(place: Place, node: TableRow, readonly table: TableInfo, readonly ordinal: number) {
    super(place, node);
  }

  get header(): boolean {
    return this.ordinal === 0;
  }
}

/** A block quote or raw HTML: read as its text. */
export class AsideBlock extends BaseBlock {
  readonly kind = 'aside';
  declare readonly node: RootContent;
  constructor(place: Place, node: RootContent) {
    super(place, node);
  }

  get text(): string {
    return toString(this.node) || ('value' in this.node ? String(this.node.value) : '');
  }

  get deepCodes(): InlineCode[] {
    return deepInlineCodes(this.node, this.source);
  }
}

/** Anything else (rules, definitions): kept so the list is whole, read by nobody. */
export class OtherBlock extends BaseBlock {
  readonly kind = 'other';
  declare readonly node: RootContent;
  constructor(place: Place, node: RootContent) {
    super(place, node);
  }
}

/** A block's text as a sentence of a label's value would quote it. */
export function textOfBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'item':
      return `- ${block.node.children.map((child) => blockText(child)).join(' ')}`;
    case 'row':
      // A table reads as one text, from its first row.
      return block.header ? toString(block.table.node) : '';
    case 'heading':
    case 'aside':
    case 'other':
    case 'fence':
      return toString(block.node);
    case 'frontmatter':
      return block.value;
  }
}

/** Inline code anywhere inside a block: in its paragraphs, nested lists and quotes. */
export function deepCodesOf(block: Block): InlineCode[] {
  if (block.kind === 'paragraph') return block.codes;
  if (block.kind === 'item' || block.kind === 'aside') return block.deepCodes;
  return [];
}

/** Whether any inline code sits among these phrasing nodes, at any depth. */
export function hasInlineCode(nodes: readonly PhrasingContent[]): boolean {
  return nodes.some((node) => node.type === 'inlineCode' || ('children' in node && hasInlineCode(node.children as PhrasingContent[])));
}

function inlineCodes(nodes: PhrasingContent[], source: SourceText): InlineCode[] {
  const found: InlineCode[] = [];
  const visit = (list: PhrasingContent[]): void => {
    for (const node of list) {
      if (node.type === 'inlineCode') {
        const offset = node.position?.start.offset;
        let ticks = 1;
        if (offset !== undefined) while (source.text[offset + ticks] === '`') ticks += 1;
        const at = positionOf(node);
        found.push({ value: node.value, position: { line: at.line, column: at.column + ticks } });
      } else if ('children' in node) visit(node.children as PhrasingContent[]);
    }
  };
  visit(nodes);
  return found;
}

function deepInlineCodes(node: RootContent | ListItem, source: SourceText): InlineCode[] {
  if (node.type === 'paragraph') return inlineCodes(node.children, source);
  if ('children' in node) return (node.children as RootContent[]).flatMap((child) => deepInlineCodes(child, source));
  return [];
}
