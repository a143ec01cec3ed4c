// Every word the parser reads meaning into, in one place, so that no phrase can mean two things
// depending on which recogniser meets it first (test/parse/vocabulary.test.ts checks that).
// Phrases are compared lower-cased, with runs of white space folded to one space.

/** Labels of the labelled-bullet style (`- **Action:** …`) by kind, with their synonyms (SPEC §2). */
export const labelKinds = {
  action: ['action', 'step', 'task'],
  command: ['command', 'commands', 'run', 'cmd'],
  expected: ['expected outcome', 'expected outcomes', 'expected', 'expect', 'verify', 'verification', 'validation', 'expected result', 'expected output'],
  dependsOn: ['depends on', 'depends', 'requires', 'needs', 'after'],
  capture: ['capture', 'save as', 'captures'],
  timeout: ['timeout'],
  retries: ['retries', 'retry'],
  confirm: ['confirm', 'confirmation', 'requires confirmation'],
  continueOnError: ['continue on error', 'continue-on-error', 'on error'],
  cwd: ['cwd', 'working directory', 'workdir', 'directory'],
  env: ['env', 'environment'],
  attestation: [
    'status', 'waiver', 'policy', 'procedure', 'backup policy', 'restore procedure', 'identification',
    'template', 'expectation', 'attestation', 'precondition', 'preconditions', 'prerequisite',
    'prerequisites', 'sign-off', 'signoff', 'approval', 'owner', 'rollback criteria', 'go/no-go',
  ],
} as const;

export type LabelKind = keyof typeof labelKinds;

/**
 * Attestation labels that may carry a check instead of a statement: a `Precondition:` whose
 * value holds a command in inline code is run before anything else (src/run/precondition-label.ts).
 */
export const preconditionLabels: readonly string[] = ['precondition', 'preconditions'];

/**
 * Sentences that introduce a sample of output in the block after them ("You should see:"). An
 * `expected` label with nothing after it ("**Expected output:**") introduces one too.
 */
export const outputIntros = ['output', 'sample output', 'example output', 'you should see', 'you should see something like'] as const;

/** "It should print the new version:": these verbs after "it should" introduce output as well. */
export const outputIntroVerbs = ['print', 'show', 'output', 'return'] as const;

/** Values of Confirm and Continue on error, read from their first word. */
export const yesWords = ['yes', 'true', 'y', 'on', 'required', 'always'] as const;
export const noWords = ['no', 'false', 'n', 'off', 'never'] as const;

/** A `Depends on` that names no step: the step depends on nothing. */
export const noDependencyWords = ['none', 'nothing', '-', '—'] as const;

/**
 * Words opening a heading that offers one of several ways rather than the next step (SPEC §2
 * "Choices are not sequences"). Common nouns count only with an index after them ("Scenario B",
 * "Solution 2", "Plan A"), so "Plan a maintenance window" and "Method" stay steps.
 */
export const alternativeWords = [
  { word: 'option', needsIndex: false },
  { word: 'alternative', needsIndex: false },
  { word: 'alt.', needsIndex: false },
  { word: 'alt', needsIndex: false },
  { word: 'variant', needsIndex: false },
  { word: 'either', needsIndex: false },
  { word: 'or', needsIndex: false },
  { word: 'plan', needsIndex: true },
  { word: 'scenario', needsIndex: true },
  { word: 'solution', needsIndex: true },
  { word: 'method', needsIndex: true },
  { word: 'approach', needsIndex: true },
  { word: 'case', needsIndex: true },
] as const;

/**
 * Words that make a section or step apply only under a condition (SPEC §2): "If the restore
 * fails", "When the queue is full", "In case of …", "Rollback (if the restore fails)",
 * "Troubleshooting". Read by decision points; listed here so that no other list takes them.
 */
export const conditionWords = ['if', 'when', 'in case', 'unless', 'only if', 'troubleshooting'] as const;

/** Words before a heading's number that are part of the numbering: "Step 3 —", "Phase 2." */
export const numberingWords = ['section', 'part', 'phase', 'stage', 'step'] as const;

/** An unlabelled list item that starts with one of these verbs says to run its inline code. */
export const commandVerbs = ['run', 'execute', 'exec', 'type', 'enter', 'invoke', 'call'] as const;

/** Fence languages that are commands, run by the runbook's shell. */
export const shellLanguages = ['sh', 'bash', 'shell', 'zsh', 'ksh', 'dash', 'shellscript', 'bash-script'] as const;
/** Fence languages of console transcripts: `$ ` lines are commands, the rest their output. */
export const consoleLanguages = ['console', 'shell-session', 'shellsession', 'terminal', 'sh-session', 'bash-session'] as const;
/** Fence languages that hold output, never commands: a sample after an intro, else a note-free warning. */
export const outputLanguages = ['text', 'txt', 'plaintext', 'output', 'log', 'console-output', 'none'] as const;

/** `Expected  Output` → `expected output`. */
export function foldPhrase(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

const kindByLabel = new Map<string, LabelKind>();
for (const [kind, names] of Object.entries(labelKinds) as [LabelKind, readonly string[]][]) {
  for (const name of names) kindByLabel.set(name, kind);
}

/** The kind of a label as written, or `note` for a label we keep but do not interpret. */
export function labelKindOf(label: string): LabelKind | 'note' {
  return kindByLabel.get(foldPhrase(label)) ?? 'note';
}

const wordsOf = (words: readonly string[]): string => words.map((word) => word.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&').replace(/ /g, '\\s+')).join('|');

/** "You should see:", "Output:", "It should print the version:" (the colon is required). */
export const outputIntroPattern = new RegExp(`^(?:${wordsOf(outputIntros)}|it should (?:${wordsOf(outputIntroVerbs)})[^:]{0,40})\\s*:$`, 'i');

export const commandVerbPattern = new RegExp(`^(?:${wordsOf(commandVerbs)})\\b`, 'i');

export const noDependencyPattern = new RegExp(`^(?:${wordsOf(noDependencyWords)})$`, 'i');

const looseWords = alternativeWords.filter((entry) => !entry.needsIndex).map((entry) => entry.word);
const indexedWords = alternativeWords.filter((entry) => entry.needsIndex).map((entry) => entry.word);
const loosePattern = new RegExp(`^(?:${wordsOf(looseWords)})(?!\\w)`, 'i');
const indexedPattern = new RegExp(`^(?:${wordsOf(indexedWords)})\\s+`, 'i');
/** Case matters here: the index is a number or a capital letter standing alone ("Plan B", not "Plan a …"). */
const indexPattern = /^(?:\d+|[A-Z])(?!\w)/;

/** Whether a heading's title (numbering already stripped) offers one of several ways. */
export function isAlternativeTitle(title: string): boolean {
  const text = title.trim();
  if (loosePattern.test(text)) return true;
  const word = indexedPattern.exec(text);
  return word !== null && indexPattern.test(text.slice(word[0].length));
}

const yes = new Set<string>(yesWords);
const no = new Set<string>(noWords);

/** `yes`, `No (default)`, `**true**` → a flag; anything else → undefined. */
export function readYesNo(text: string): boolean | undefined {
  const word = text.replace(/[`*_]/g, '').trim().toLowerCase().split(/[\s,.(]/)[0] ?? '';
  if (yes.has(word)) return true;
  if (no.has(word)) return false;
  return undefined;
}

const shells = new Set<string>(shellLanguages);
const consoles = new Set<string>(consoleLanguages);
const outputs = new Set<string>(outputLanguages);

export const isShellLanguage = (lang: string | undefined): boolean => lang !== undefined && shells.has(lang);
export const isConsoleLanguage = (lang: string | undefined): boolean => lang !== undefined && consoles.has(lang);
export const isOutputLanguage = (lang: string | undefined): boolean => lang !== undefined && outputs.has(lang);
