// mdast → runbook model. Walks the document once, in order, keeping every element's position.
import type { Code, Heading, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseDuration, parseMatcher } from '../expect/parse-matcher.js';
import type { Command, Diagnostic, LocatedMatcher, Position, Section, Step } from '../model/runbook.js';
import { findPlaceholders } from '../resolve/find-placeholders.js';
import { consoleLanguages, readFenceInfo, shellLanguages, splitConsoleBlock } from './fences.js';
import { findLabel, kindOf, type FoundLabel } from './labels.js';
import { sectionId, stepId, stripNumbering } from './heading-ids.js';
import { actionText, blockText, firstLine, phrasingText, rowsText } from './phrasing-text.js';
import { readFrontmatter, type Frontmatter } from './read-frontmatter.js';
import { addNote, emptyPart, finishDrafts, partOf, type Draft } from './step-drafts.js';

export interface Extracted {
  title: string;
  description?: string;
  frontmatter: Frontmatter;
  sections: Section[];
  steps: Step[];
}

/** Sub-headings that offer a choice rather than a next step. */
const alternativeHeading = /^(?:option|alternative|alt\.?|variant|either|or)\b|^plan [a-z]\b/i;

const start = (node: { position?: { start: { line: number; column: number } } }): Position => ({
  line: node.position?.start.line ?? 1,
  column: node.position?.start.column ?? 1,
});

export function extractRunbook(tree: Root, source: string, diagnostics: Diagnostic[]): Extracted {
  const lines = source.split('\n');
  let frontmatter: Frontmatter = { data: {}, params: [], env: {}, record: {} };
  let title: string | undefined;
  const descriptionParts: string[] = [];
  const sections: Section[] = [];
  const drafts: Draft[] = [];
  let section: Section | undefined;
  /** The step (H3) being read, or the section's own step for content directly under an H2. */
  let current: Draft | undefined;
  let sawHeading = false;

  const newDraft = (id: string, draftTitle: string, position: Position, fixedId = false): Draft => {
    const draft: Draft = { id, title: draftTitle, ...(section && { section: section.id }), position, parts: [emptyPart()], fixedId };
    drafts.push(draft);
    return draft;
  };
  /** Content outside any H3 goes to a step standing for the section (or the whole document). */
  const ensureCurrent = (node: RootContent): Draft => {
    current ??= section
      ? newDraft(section.id, section.title, section.position, true)
      : newDraft('preamble', title ?? 'Preamble', start(node), true);
    return current;
  };

  /** "Expected output:" just read: the block that follows is that output, not something to run. */
  let pendingOutput: { draft: Draft; text: string; position: Position } | undefined;

  for (const node of tree.children) {
    if (pendingOutput) {
      const waiting = pendingOutput;
      pendingOutput = undefined;
      if (node.type === 'code' && isOutputFence(node)) {
        const part = partOf(waiting.draft);
        const commandIndex = part.commands.length - 1;
        part.expectations.push({ text: waiting.text, position: waiting.position, matchers: [], expectedOutput: node.value.split('\n'), ...(commandIndex >= 0 && { commandIndex }) });
        continue;
      }
      partOf(waiting.draft).expectations.push({ text: waiting.text, position: waiting.position, matchers: [] });
    }
    // remark-frontmatter makes `toml` nodes, but mdast's types only know `yaml`.
    if ((node as { type: string }).type === 'toml') {
      diagnostics.push({
        severity: 'error',
        ruleId: 'frontmatter-toml',
        message: 'Unexpected TOML frontmatter (`+++`), expected YAML between `---` lines',
        position: start(node),
      });
      continue;
    }
    switch (node.type) {
      case 'yaml':
        frontmatter = readFrontmatter(node.value, start(node), diagnostics);
        break;
      case 'heading': {
        const text = headingText(node);
        if (node.depth === 1 && title === undefined) {
          title = text;
          sawHeading = true;
          break;
        }
        sawHeading = true;
        if (node.depth <= 2) {
          section = { id: sectionId(text, sections.length), title: stripNumbering(text), position: start(node) };
          sections.push(section);
          current = undefined;
        } else if (node.depth === 3) {
          current = newDraft(stepId(text, section?.id), stripNumbering(text), start(node));
          // "### Option 1: …", "### Option 2: …": choices between steps, not steps to run in turn.
          if (alternativeHeading.test(text)) current.alternative = true;
        } else if (current !== undefined && !current.fixedId) {
          // A sub-heading inside a step is a sub-step; "Option A", "Alternative…" are choices,
          // which run only when picked with --only.
          const part = emptyPart();
          part.action = text;
          part.actionPosition = start(node);
          part.fromHeading = true;
          if (alternativeHeading.test(text)) part.alternative = true;
          current.parts.push(part);
        } else {
          addNote(ensureCurrent(node), undefined, text, start(node));
        }
        break;
      }
      case 'code':
        addFence(ensureCurrent(node), node);
        break;
      case 'list':
        if (current === undefined && node.ordered && node.children.some(isStepLike)) {
          // Numbered list under a section: each item is a step.
          node.children.forEach((item, index) => {
            const number = String((node.start ?? 1) + index);
            const lead = item.children[0];
            const itemTitle = (lead?.type === 'paragraph' ? firstLine(actionText(lead.children)).replace(/[:.]$/, '') : '') || `Step ${number}`;
            const draft = newDraft(section ? `${section.id}.${number}` : number, itemTitle, start(item), true);
            readListItem(draft, item, true);
          });
          current = undefined;
        } else {
          const draft = ensureCurrent(node);
          for (const item of node.children) readListItem(draft, item, node.ordered === true);
        }
        break;
      case 'table':
        readTable(node);
        break;
      case 'paragraph': {
        if (!sawHeading || (current === undefined && section === undefined)) {
          descriptionParts.push(toString(node));
          break;
        }
        const label = findLabel(node);
        // "**Step 4:** Tell the team." — a step written as a paragraph rather than a heading.
        const stepLabel = label ? /^step\s+(\d+(?:\.\d+)*)$/i.exec(label.label) : null;
        if (label && stepLabel?.[1]) {
          const action = phrasingText(label.value).trim();
          current = newDraft(stepId(`${stepLabel[1]}. ${action || `Step ${stepLabel[1]}`}`, section?.id), firstLine(action).replace(/[:.]$/, '') || `Step ${stepLabel[1]}`, start(node));
          if (action) {
            const part = partOf(current);
            part.action = action;
            part.actionPosition = start(node);
          }
          break;
        }
        const draft = ensureCurrent(node);
        const said = phrasingText(node.children).trim();
        const introducesOutput = label ? label.kind === 'expected' && inlineCodes(label.value).length === 0 && /^[^`]*:?$/.test(phrasingText(label.value).trim()) && phrasingText(label.value).trim().length < 80 : outputIntro.test(said);
        if (introducesOutput && partOf(draft).commands.length > 0) pendingOutput = { draft, text: said.replace(/[*_]/g, '').replace(/:$/, ''), position: start(node) };
        else if (label) applyLabel(draft, label, node, []);
        else if (current !== undefined || section !== undefined) addProse(draft, node);
        break;
      }
      case 'blockquote':
      case 'html':
        if (current) addNote(current, undefined, toString(node) || ('value' in node ? String(node.value) : ''), start(node));
        break;
      default:
        break;
    }
  }

  /** A table with a Command column: each row is a step (or, inside a step, an Action + Command). */
  function readTable(table: Table): void {
    const [header, ...rows] = table.children;
    if (!header) return;
    const columns = header.children.map((cell) => kindOf(toString(cell)));
    const commandColumn = columns.indexOf('command');
    if (commandColumn < 0) {
      if (current) addNote(current, undefined, rowsText(table), start(table));
      return;
    }
    const titleColumn = columns.findIndex((kind) => kind === 'action' || kind === 'note');
    const standalone = current === undefined;
    rows.forEach((row, index) => {
      const cells = row.children;
      const rowTitle = titleColumn >= 0 ? toString(cells[titleColumn] ?? row) : `Row ${index + 1}`;
      const draft = standalone ? newDraft(section ? `${section.id}.${index + 1}` : String(index + 1), rowTitle, start(row), true) : ensureCurrent(row);
      cells.forEach((cell, column) => {
        const kind = columns[column];
        const label = toString(header.children[column] ?? cell);
        if (!kind || toString(cell).trim() === '') return;
        if (kind === 'note' && column === titleColumn) {
          applyLabel(draft, { label: 'Action', kind: 'action', value: cell.children }, cell, []);
          return;
        }
        applyLabel(draft, { label, kind, value: cell.children }, cell, []);
      });
    });
    if (standalone) current = undefined;
  }

  function readListItem(draft: Draft, item: ListItem, ordered: boolean): void {
    const [first, ...rest] = item.children;
    if (item.checked === true || item.checked === false) {
      partOf(draft).attestations.push({ kind: 'task', text: toString(first ?? item).trim(), checked: item.checked, position: start(item) });
      readBlocks(draft, rest);
      return;
    }
    if (first?.type === 'paragraph') {
      const label = findLabel(first);
      // "1. **Drain the node**: …" names a numbered step; it is not a label we keep as a note.
      if (label && !(ordered && label.kind === 'note')) {
        applyLabel(draft, label, first, rest);
        return;
      }
      readUnlabelled(draft, first, ordered);
      readBlocks(draft, rest);
      return;
    }
    readBlocks(draft, item.children);
  }

  function readBlocks(draft: Draft, blocks: RootContent[]): void {
    for (let index = 0; index < blocks.length; index += 1) {
      const block = blocks[index] as RootContent;
      const next = blocks[index + 1];
      // "You should see:" then a plain block, inside a list item: that command's expected output.
      if (block.type === 'paragraph' && next?.type === 'code' && isOutputFence(next) && outputIntro.test(phrasingText(block.children).trim()) && partOf(draft).commands.length > 0) {
        const part = partOf(draft);
        part.expectations.push({ text: phrasingText(block.children).trim().replace(/:$/, ''), position: start(block), matchers: [], expectedOutput: next.value.split('\n'), commandIndex: part.commands.length - 1 });
        index += 1;
        continue;
      }
      if (block.type === 'code') addFence(draft, block);
      else if (block.type === 'list') for (const item of block.children) readListItem(draft, item, block.ordered === true);
      else if (block.type === 'paragraph') {
        const label = findLabel(block);
        if (label) applyLabel(draft, label, block, []);
        else addProse(draft, block);
      } else if (block.type === 'table') readTable(block);
    }
  }

  /** A list item without a label: inline commands count when the item says to run them. */
  function readUnlabelled(draft: Draft, paragraph: Paragraph, ordered: boolean): void {
    const text = phrasingText(paragraph.children).trim();
    const codes = inlineCodes(paragraph.children);
    const part = partOf(draft);
    const matchers = codes.flatMap((code) => matcherOf(code));
    const commandCodes = codes.filter((code) => parseMatcher(code.value).kind === 'prose' && looksLikeCommand(code.value));
    const says = /^(run|execute|exec|type|enter|invoke|call)\b/i.test(text) || (codes.length === 1 && text === `\`${codes[0]?.value}\``);
    // The lead paragraph of a numbered item that is a step of its own is that step's action.
    const isStepLead = draft.fixedId === true && ordered && part.action === undefined && part.commands.length === 0 && draft.id !== draft.section;
    if ((commandCodes.length > 0 && (ordered || says)) || isStepLead) {
      const action = actionText(paragraph.children);
      // A bare command under an item (`- \`helm history x\``) belongs to that item's step;
      // a numbered item that says what to do starts the next sub-step.
      const bare = codes.length === 1 && text === `\`${codes[0]?.value}\``;
      if (!bare && (part.action !== undefined || part.commands.length > 0)) {
        draft.parts.push(emptyPart());
      }
      const target = partOf(draft);
      if (!bare || target.action === undefined) {
        target.action = bare ? target.action : action || text;
        target.actionPosition ??= start(paragraph);
      }
      for (const code of commandCodes) target.commands.push(inlineCommand(code));
      if (matchers.length > 0) target.expectations.push({ text, position: start(paragraph), matchers });
      return;
    }
    if (matchers.length > 0) {
      part.expectations.push({ text, position: start(paragraph), matchers });
      return;
    }
    addNote(draft, undefined, text, start(paragraph));
  }

  function applyLabel(draft: Draft, label: FoundLabel, node: Paragraph | { children: PhrasingContent[]; position?: Paragraph['position'] }, blocks: RootContent[]): void {
    const position = start(node);
    const text = phrasingText(label.value).trim();
    const nestedText = blocks.filter((b) => b.type !== 'code').map((b) => blockText(b)).filter(Boolean).join('\n');
    const fullText = [text, nestedText].filter(Boolean).join('\n');
    switch (label.kind) {
      case 'action': {
        let part = partOf(draft);
        if (part.action !== undefined) {
          part = emptyPart();
          draft.parts.push(part);
        }
        part.action = fullText;
        part.actionPosition = position;
        readBlocks(draft, blocks);
        return;
      }
      case 'command': {
        const part = partOf(draft);
        const codes = inlineCodes(label.value);
        const fences = collectFences(blocks);
        for (const code of codes) part.commands.push(inlineCommand(code));
        for (const fence of fences) addFence(draft, fence);
        if (codes.length === 0 && fences.length === 0 && text !== '') {
          const valueStart = label.value[0] ? start(label.value[0]) : position;
          part.commands.push(makeCommand(text, valueStart, 'inline'));
        }
        readBlocks(draft, blocks.filter((b) => b.type !== 'code'));
        return;
      }
      case 'expected': {
        const nodes = [...label.value, ...blocks.flatMap((b) => ('children' in b ? (b.children as PhrasingContent[]) : []))];
        const matchers = [...inlineCodes(label.value), ...blocks.flatMap((b) => inlineCodesDeep(b))].flatMap((code) => matcherOf(code));
        void nodes;
        const fences = collectFences(blocks);
        const lone = inlineCodes(label.value);
        if (matchers.length === 0 && fences.length === 0 && blocks.length === 0 && lone.length === 1 && text.replace(/[.:;!\s]+$/, '') === `\`${lone[0]?.value}\`` && (lone[0]?.value.trim() ?? '') !== '' && parseMatcher(lone[0]?.value ?? '').kind === 'prose') {
          // "**Expected result:** `deployment "api" successfully rolled out`": the text to look for.
          const code = lone[0] as { value: string; position: Position };
          partOf(draft).expectations.push({ text: fullText, position, matchers: [{ matcher: { kind: 'contains', stream: 'stdout', text: code.value }, source: `stdout contains ${JSON.stringify(code.value)}`, position: code.position }] });
          return;
        }
        if (matchers.length === 0 && fences.length === 0 && /^[^`]{0,80}$/.test(fullText) && /:?$/.test(fullText) && partOf(draft).commands.length > 0 && (fullText === '' || fullText.endsWith(':'))) {
          // "Expected Output:" with the sample in the block that follows the list.
          pendingOutput = { draft, text: `${label.label}${fullText ? ` ${fullText}` : ''}`.replace(/:$/, ''), position };
          return;
        }
        partOf(draft).expectations.push({ text: fullText, position, matchers });
        for (const fence of collectFences(blocks)) {
          // A fenced block under an outcome is the expected output, not a command.
          partOf(draft).expectations.push({ text: 'output matches the transcript', position: start(fence), matchers: [], expectedOutput: fence.value.split('\n') });
        }
        return;
      }
      case 'dependsOn': {
        const part = partOf(draft);
        const ids = /^(none|nothing|-|—)$/i.test(text) ? [] : text.replace(/`/g, '').split(/[,\s]+(?:and\s+)?/).map((s) => s.replace(/^step\s+/i, '').trim()).filter((s) => s && !/^(and|step)$/i.test(s));
        part.dependsOn = [...(part.dependsOn ?? []), ...ids];
        part.dependsOnPosition = position;
        return;
      }
      case 'capture': {
        const names = inlineCodes(label.value).map((c) => c.value.replace(/^<|>$/g, '').trim());
        const name = names.length > 0 ? names : text ? [text.replace(/^<|>$/g, '').trim()] : [];
        for (const n of name) {
          if (!/^[A-Za-z][\w.-]*$/.test(n)) {
            diagnostics.push({ severity: 'error', ruleId: 'invalid-capture', message: `Unexpected capture name \`${n}\`, expected a name such as previous-tag`, position });
          } else partOf(draft).captures.push(n);
        }
        return;
      }
      case 'timeout': {
        const ms = parseDuration(text.replace(/`/g, ''));
        if (ms === undefined) diagnostics.push({ severity: 'error', ruleId: 'invalid-timeout', message: `Unexpected timeout \`${text}\`, expected a duration such as 30s, 5m or 1h`, position });
        else partOf(draft).timeoutMs = ms;
        return;
      }
      case 'retries': {
        const match = /^(\d+)(?:\D+?(\d+\s*(?:ms|s|m|h|sec|secs|seconds?|min|minutes?)?)\s*(?:delay|apart|between)?)?/i.exec(text.replace(/`/g, '').trim());
        if (!match?.[1]) {
          diagnostics.push({ severity: 'error', ruleId: 'invalid-retries', message: `Unexpected retries \`${text}\`, expected a number such as 3 or "3, 10s apart"`, position });
          return;
        }
        const part = partOf(draft);
        part.retries = Number(match[1]);
        const delay = match[2] ? parseDuration(match[2]) : undefined;
        if (delay !== undefined) part.retryDelayMs = delay;
        return;
      }
      case 'confirm':
      case 'continueOnError': {
        const flag = readYesNo(text);
        if (flag === undefined) {
          diagnostics.push({ severity: 'error', ruleId: 'invalid-flag', message: `Unexpected ${label.label} \`${text}\`, expected yes or no`, position });
          return;
        }
        if (label.kind === 'confirm') partOf(draft).confirm = flag;
        else partOf(draft).continueOnError = flag;
        return;
      }
      case 'cwd':
        partOf(draft).cwd = (inlineCodes(label.value)[0]?.value ?? text).trim();
        return;
      case 'env': {
        const pairs = [...inlineCodes(label.value).map((c) => c.value), ...(inlineCodes(label.value).length === 0 ? text.split(/[,\s]+/) : []), ...blocks.flatMap((b) => inlineCodesDeep(b).map((c) => c.value))];
        for (const pair of pairs.filter(Boolean)) {
          const match = /^([A-Za-z_]\w*)=(.*)$/.exec(pair.trim());
          if (!match?.[1]) {
            diagnostics.push({ severity: 'error', ruleId: 'invalid-env', message: `Unexpected env entry \`${pair}\`, expected NAME=value`, position });
            continue;
          }
          partOf(draft).env[match[1]] = (match[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
        }
        return;
      }
      case 'attestation':
        partOf(draft).attestations.push({ kind: 'label', label: label.label, text: fullText, position });
        for (const fence of collectFences(blocks)) addFence(draft, fence);
        return;
      case 'note':
        // "**Access Required:**" over a checklist: the label is a note, its items are read as items.
        if (blocks.some((b) => b.type === 'list')) {
          addNote(draft, label.label, text, position);
          readBlocks(draft, blocks);
          return;
        }
        addNote(draft, label.label, fullText, position);
        for (const fence of collectFences(blocks)) addFence(draft, fence);
        return;
    }
  }

  function addFence(draft: Draft, node: Code): void {
    const { lang, attributes } = readFenceInfo(node.lang, node.meta);
    const part = partOf(draft);
    const firstContentLine = (node.position?.start.line ?? 1) + 1;
    // A shell block written as a transcript (`$ kubectl get pods` then output) is read as one:
    // run as written, `$` would be a command name and the output lines commands too.
    const promptFirst = /^\s*\$ \S/.test(node.value.split('\n').find((l) => l.trim() !== '') ?? '');
    if (lang !== undefined && (consoleLanguages.has(lang) || (shellLanguages.has(lang) && promptFirst))) {
      for (const entry of splitConsoleBlock(node.value)) {
        const position = contentPosition(firstContentLine + entry.lineIndex, entry.text.split('\n')[0] ?? '');
        const command = makeCommand(entry.text, position, 'console', lang, attributes);
        part.commands.push(command);
        if (entry.expectedOutput.length > 0) {
          part.expectations.push({ text: 'output as in the transcript', position, matchers: [], expectedOutput: entry.expectedOutput, commandIndex: part.commands.length - 1 });
        }
      }
      return;
    }
    if (lang !== undefined && shellLanguages.has(lang)) {
      if (node.value.trim() === '') return;
      const firstLineText = node.value.split('\n').find((l) => l.trim() !== '') ?? '';
      const lineIndex = node.value.split('\n').findIndex((l) => l.trim() !== '');
      part.commands.push(makeCommand(node.value.replace(/\n+$/, ''), contentPosition(firstContentLine + Math.max(0, lineIndex), firstLineText), 'fence', lang, attributes, firstContentLine));
      return;
    }
    diagnostics.push({
      severity: 'warning',
      ruleId: lang === undefined ? 'untagged-fence' : 'non-shell-fence',
      message: lang === undefined
        ? 'Untagged code block under a step is not executed; tag it `sh` to run it, or `text` to silence this'
        : `Code block tagged \`${lang}\` under a step is not executed`,
      position: start(node),
    });
    if (lang === undefined || !['text', 'txt', 'plaintext', 'output', 'log'].includes(lang)) {
      addNote(draft, lang ?? 'code', node.value, start(node));
    }
  }

  function makeCommand(text: string, position: Position, source: Command['source'], lang?: string, attributes: Record<string, string> = {}, firstLineOfBlock?: number): Command {
    const placeholders = findPlaceholders(text, position).map((p) => {
      if (firstLineOfBlock === undefined) return p;
      // Lines of a fence after the first keep the column they have in the file.
      const line = p.position.line;
      const source = lines[line - 1] ?? '';
      const column = source.indexOf(p.raw) + 1;
      return column > 0 ? { ...p, position: { line, column } } : p;
    });
    const excluded = attributes.excludeFromRunAll ?? attributes.excludefromrunall;
    return {
      text,
      position,
      source,
      ...(lang !== undefined && { lang }),
      ...(attributes.name !== undefined && { name: attributes.name }),
      excludeFromRunAll: excluded === 'true',
      placeholders,
    };
  }

  function inlineCommand(code: { value: string; position: Position }): Command {
    return makeCommand(code.value, code.position, 'inline');
  }

  /** Column of a fence's content line in the file (fences may be indented inside list items). */
  function contentPosition(line: number, text: string): Position {
    const sourceLine = lines[line - 1] ?? '';
    const column = text ? sourceLine.indexOf(text.trimStart()) + 1 : 1;
    return { line: Math.min(line, lines.length), column: Math.max(1, column) };
  }

  function inlineCodes(nodes: PhrasingContent[]): { value: string; position: Position }[] {
    const found: { value: string; position: Position }[] = [];
    const visit = (list: PhrasingContent[]): void => {
      for (const node of list) {
        if (node.type === 'inlineCode') {
          const offset = node.position?.start.offset;
          let ticks = 1;
          if (offset !== undefined) while (source[offset + ticks] === '`') ticks += 1;
          const at = start(node);
          found.push({ value: node.value, position: { line: at.line, column: at.column + ticks } });
        } else if ('children' in node) visit(node.children as PhrasingContent[]);
      }
    };
    visit(nodes);
    return found;
  }

  function inlineCodesDeep(node: RootContent): { value: string; position: Position }[] {
    if (node.type === 'paragraph') return inlineCodes(node.children);
    if ('children' in node) return (node.children as RootContent[]).flatMap((child) => inlineCodesDeep(child));
    return [];
  }

  function matcherOf(code: { value: string; position: Position }): LocatedMatcher[] {
    const parsed = parseMatcher(code.value);
    if (parsed.kind === 'matcher') return [{ matcher: parsed.matcher, source: code.value, position: code.position }];
    if (parsed.kind === 'invalid') {
      diagnostics.push({ severity: 'error', ruleId: 'unknown-matcher', message: `Unknown matcher \`${code.value}\`: ${parsed.reason}`, position: code.position });
    }
    return [];
  }

  function addProse(draft: Draft, paragraph: Paragraph): void {
    const codes = inlineCodes(paragraph.children);
    const matchers = codes.flatMap((code) => (parseMatcher(code.value).kind === 'prose' ? [] : matcherOf(code)));
    const text = phrasingText(paragraph.children).trim();
    if (matchers.length > 0) partOf(draft).expectations.push({ text, position: start(paragraph), matchers });
    else addNote(draft, undefined, text, start(paragraph));
  }

  if (pendingOutput) partOf(pendingOutput.draft).expectations.push({ text: pendingOutput.text, position: pendingOutput.position, matchers: [] });

  return {
    title: frontmatter.title ?? title ?? 'Untitled runbook',
    ...(descriptionParts.length > 0 && { description: descriptionParts.join('\n\n') }),
    frontmatter,
    sections,
    steps: finishDrafts(drafts),
  };
}

/** "Expected output:", "You should see:", "Output:" — a sentence that introduces a sample of output. */
const outputIntro = /^(?:expected (?:output|result)|sample output|example output|output|you should see(?: something like)?|it should (?:print|show|output|return)[^:]{0,40})\s*:$/i;

/** A block that can hold sample output: untagged, or tagged as text or output, never a shell. */
function isOutputFence(node: Code): boolean {
  const { lang } = readFenceInfo(node.lang, node.meta);
  return lang === undefined || ['text', 'txt', 'plaintext', 'output', 'log', 'console-output', 'none'].includes(lang);
}

function isStepLike(item: ListItem): boolean {
  const first = item.children[0];
  if (first?.type === 'paragraph' && findLabel(first)) return true;
  return item.children.some((child) => child.type === 'code') || (first?.type === 'paragraph' && first.children.some((c) => c.type === 'inlineCode' && looksLikeCommand(c.value)));
}

/** Inline code that reads as a shell command (`kubectl get pods`), not a value (`v1.2.0`). */
function looksLikeCommand(code: string): boolean {
  return /^\s*(?:sudo\s+)?[\w./~-]+(?:\s+\S+)+/.test(code) && !/^[A-Z_]+=\S*$/.test(code.trim());
}

function headingText(node: Heading): string {
  return toString(node).trim();
}

function readYesNo(text: string): boolean | undefined {
  const word = text.replace(/[`*_]/g, '').trim().toLowerCase().split(/[\s,.(]/)[0] ?? '';
  if (['yes', 'true', 'y', 'on', 'required', 'always'].includes(word)) return true;
  if (['no', 'false', 'n', 'off', 'never'].includes(word)) return false;
  return undefined;
}

function collectFences(blocks: RootContent[]): Code[] {
  return blocks.filter((block): block is Code => block.type === 'code');
}


