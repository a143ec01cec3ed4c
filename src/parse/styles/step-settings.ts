// Labels that set how a step runs: Depends on, Capture, Timeout, Retries, Confirm, Continue on
// error, Cwd, Env, When. A value that cannot be read is an error at the label's position; an
// `Env:` or `Environment:` that is not `NAME=value` pairs says where, and is kept as a note.
import { parseDuration } from '../../expect/parse-matcher.js';
import { deepCodesOf } from '../document/blocks.js';
import type { StepReader } from '../step-reader.js';
import { addNote, partOf, type Draft } from '../step-drafts.js';
import { noDependencyPattern, readYesNo, type LabelKind } from '../vocabulary.js';
import type { LabelRead } from './labelled-items.js';

type SettingKind = Exclude<LabelKind, 'action' | 'command' | 'expected' | 'attestation'>;
type SettingReader = (reader: StepReader, draft: Draft, read: LabelRead) => void;

export const settingReaders: Record<SettingKind, SettingReader> = {
  dependsOn(_reader, draft, { text, position }) {
    const part = partOf(draft);
    const ids = noDependencyPattern.test(text) ? [] : text.replace(/`/g, '').split(/[,\s]+(?:and\s+)?/).map((s) => s.replace(/^step\s+/i, '').trim()).filter((s) => s && !/^(and|step)$/i.test(s));
    part.dependsOn = [...(part.dependsOn ?? []), ...ids];
    part.dependsOnPosition = position;
  },
  capture(reader, draft, { text, codes, position }) {
    const names = codes.length > 0 ? codes.map((c) => c.value.replace(/^<|>$/g, '').trim()) : text ? [text.replace(/^<|>$/g, '').trim()] : [];
    for (const name of names) {
      if (!/^[A-Za-z][\w.-]*$/.test(name)) {
        reader.report({ severity: 'error', ruleId: 'invalid-capture', message: `Unexpected capture name \`${name}\`, expected a name such as previous-tag`, position });
      } else partOf(draft).captures.push(name);
    }
  },
  timeout(reader, draft, { text, position }) {
    const ms = parseDuration(text.replace(/`/g, ''));
    if (ms === undefined) reader.report({ severity: 'error', ruleId: 'invalid-timeout', message: `Unexpected timeout \`${text}\`, expected a duration such as 30s, 5m or 1h`, position });
    else partOf(draft).timeoutMs = ms;
  },
  retries(reader, draft, { text, position }) {
    const match = /^(\d+)(?:\D+?(\d+\s*(?:ms|s|m|h|sec|secs|seconds?|min|minutes?)?)\s*(?:delay|apart|between)?)?/i.exec(text.replace(/`/g, '').trim());
    if (!match?.[1]) {
      reader.report({ severity: 'error', ruleId: 'invalid-retries', message: `Unexpected retries \`${text}\`, expected a number such as 3 or "3, 10s apart"`, position });
      return;
    }
    const part = partOf(draft);
    part.retries = Number(match[1]);
    const delay = match[2] ? parseDuration(match[2]) : undefined;
    if (delay !== undefined) part.retryDelayMs = delay;
  },
  confirm(reader, draft, read) {
    const flag = readFlag(reader, read);
    if (flag !== undefined) partOf(draft).confirm = flag;
  },
  continueOnError(reader, draft, read) {
    const flag = readFlag(reader, read);
    if (flag !== undefined) partOf(draft).continueOnError = flag;
  },
  cwd(_reader, draft, { text, codes }) {
    partOf(draft).cwd = (codes[0]?.value ?? text).trim();
  },
  env(reader, draft, { label, text, codes, blocks, position }) {
    const pairs = [...codes.map((c) => c.value), ...(codes.length === 0 ? text.split(/[,\s]+/) : []), ...blocks.flatMap((b) => deepCodesOf(b).map((c) => c.value))].flatMap(splitPairs).filter(Boolean);
    const read = pairs.map((pair) => /^([A-Za-z_]\w*)=(.*)$/.exec(pair.trim()));
    // "**Environment:** production, eu-west-1" says where the step runs: a fact to keep, not settings.
    if (!read.some((match) => match?.[1])) {
      addNote(draft, label.label, text, position);
      return;
    }
    read.forEach((match, index) => {
      if (match?.[1]) partOf(draft).env[match[1]] = (match[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
      else reader.report({ severity: 'error', ruleId: 'invalid-env', message: `Unexpected env entry \`${pairs[index]}\` beside NAME=value pairs, expected NAME=value`, position });
    });
  },
  when(_reader, draft, { text, codes, position }) {
    draft.when = { text, codes, position };
  },
};

/** `REGION=eu-west-1 TIER="web app"` in one code span is two pairs; anything else stays one piece. */
function splitPairs(code: string): string[] {
  const words = code.trim().match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
  return words.length > 1 && words.every((word) => /^[A-Za-z_]\w*=/.test(word)) ? words : [code];
}

function readFlag(reader: StepReader, { label, text, position }: LabelRead): boolean | undefined {
  const flag = readYesNo(text);
  if (flag === undefined) reader.report({ severity: 'error', ruleId: 'invalid-flag', message: `Unexpected ${label.label} \`${text}\`, expected yes or no`, position });
  return flag;
}
