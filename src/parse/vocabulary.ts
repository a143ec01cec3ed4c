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
  when: ['when', 'only when', 'only if', 'run if', 'run when', 'condition', 'if'],
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
export const outputIntros = [
  'output', 'sample output', 'example output', 'output sample', 'typical output', 'sample response', 'example response',
  'you should see', 'you should see something like',
] as const;

/**
 * Intros that name a sample outright, so they announce one bold or not, with or without a colon
 * ("Expected output", "**Example Output**"), when an output block or a table follows them.
 */
export const sampleIntros = ['expected output', 'expected response', 'sample output', 'example output', 'output sample', 'typical output', 'sample response', 'example response'] as const;

/** "It should print the new version:": these verbs after "it should" introduce output as well. */
export const outputIntroVerbs = ['print', 'show', 'output', 'return'] as const;

/** Values of Confirm and Continue on error, read from their first word. */
export const yesWords = ['yes', 'true', 'y', 'on', 'required', 'always'] as const;
export const noWords = ['no', 'false', 'n', 'off', 'never'] as const;

/** A `Depends on` that names no step: the step depends on nothing. */
export const noDependencyWords = ['none', 'nothing', '-', '—'] as const;

/**
 * Words opening a heading, bold label or list item that offers one of several ways rather than
 * the next step (SPEC §2 "Choices are not sequences"). Common nouns count only with an index
 * after them ("Scenario B", "Solution 2", "Plan A"), so "Plan a maintenance window", "Method"
 * and "Case study" stay steps. Siblings of one family in a row are the options of one choice.
 */
export const alternativeWords = [
  { word: 'option', needsIndex: false, family: 'option' },
  { word: 'alternative', needsIndex: false, family: 'option' },
  { word: 'alt.', needsIndex: false, family: 'option' },
  { word: 'alt', needsIndex: false, family: 'option' },
  { word: 'variant', needsIndex: false, family: 'option' },
  { word: 'variante', needsIndex: false, family: 'option' },
  { word: 'opción', needsIndex: false, family: 'option' },
  { word: 'opcion', needsIndex: false, family: 'option' },
  { word: 'alternativa', needsIndex: false, family: 'option' },
  { word: 'either', needsIndex: false, family: 'either' },
  { word: 'or', needsIndex: false, family: 'either' },
  { word: 'entweder', needsIndex: false, family: 'either' },
  { word: 'oder', needsIndex: false, family: 'either' },
  { word: 'plan', needsIndex: true, family: 'plan' },
  { word: 'scenario', needsIndex: true, family: 'scenario' },
  { word: 'szenario', needsIndex: true, family: 'scenario' },
  { word: 'scénario', needsIndex: true, family: 'scenario' },
  { word: 'escenario', needsIndex: true, family: 'scenario' },
  { word: 'solution', needsIndex: true, family: 'solution' },
  { word: 'lösung', needsIndex: true, family: 'solution' },
  { word: 'solución', needsIndex: true, family: 'solution' },
  { word: 'method', needsIndex: true, family: 'method' },
  { word: 'methode', needsIndex: true, family: 'method' },
  { word: 'méthode', needsIndex: true, family: 'method' },
  { word: 'método', needsIndex: true, family: 'method' },
  { word: 'approach', needsIndex: true, family: 'approach' },
  { word: 'ansatz', needsIndex: true, family: 'approach' },
  { word: 'approche', needsIndex: true, family: 'approach' },
  { word: 'case', needsIndex: true, family: 'case' },
  { word: 'fall', needsIndex: true, family: 'case' },
  { word: 'cas', needsIndex: true, family: 'case' },
  { word: 'caso', needsIndex: true, family: 'case' },
] as const;

/**
 * Words opening a heading or label that makes what follows apply only under a condition (SPEC
 * §2): "If the restore fails", "When the queue is full", "In case of …", in English, German,
 * French and Spanish. A list item or label needs its colon ("If it fails: …"), so a sentence
 * such as "When the pods are ready, run …" stays prose.
 */
export const conditionWords = [
  'if', 'when', 'in case', 'in case of', 'unless', 'only if', 'only when', 'should',
  'wenn', 'falls', 'im fall', 'sollte',
  'si', 'lorsque', 'quand', 'en cas de', 'au cas où',
  'cuando', 'en caso de', 'a menos que',
] as const;

/** Headings that start with a condition word and yet only inform: "When to use", "When to roll back". */
export const notConditionPrefixes = ['when to', 'if in doubt', 'wann', 'quand utiliser', 'cuándo usar', 'cuando usar'] as const;

/** Sections of fixes that each apply only to their own symptom: each step under one is a condition of its own. */
export const troubleshootingWords = [
  'troubleshooting', 'troubleshoot', 'known issues', 'common problems', 'common issues',
  'fehlerbehebung', 'störungsbehebung', 'dépannage', 'résolution des problèmes', 'solución de problemas', 'resolución de problemas',
] as const;

/** Phrases that put a step off until later, which a run cannot wait for: "after a few days", "a week later". */
export const laterPhrases = [
  'after a few days', 'a few days later', 'after some days', 'after a week', 'a week later', 'the next day', 'next day', 'later on',
  'nach einigen tagen', 'nach ein paar tagen', 'am nächsten tag',
  'quelques jours plus tard', 'après quelques jours', 'le lendemain',
  'después de unos días', 'unos días después', 'al día siguiente',
] as const;

/** Environments whose sibling headings (Staging / Production) are the options of one choice. */
export const environmentWords = [
  'staging', 'stage', 'production', 'prod', 'development', 'dev', 'test', 'testing', 'qa', 'uat', 'preprod', 'pre-production',
  'sandbox', 'local', 'produktion', 'entwicklung', 'producción', 'desarrollo', 'pruebas', 'préproduction', 'recette',
] as const;

/** Words around an environment's name in its heading: "In production", "Staging environment". */
export const environmentFrames = { before: ['in', 'on', 'for', 'auf', 'für', 'en', 'para', 'dans', 'pour'], after: ['environment', 'env', 'cluster', 'only', 'umgebung', 'entorno', 'environnement'] } as const;

/** Sections that only inform (SPEC §2): their steps need no command and raise no warnings for it. */
export const informationalWords = [
  'overview', 'summary', 'symptom', 'symptoms', 'impact', 'background', 'context', 'contact', 'contacts', 'reference', 'references',
  'related', 'related runbooks', 'related links', 'related documents', 'see also', 'purpose', 'scope', 'about', 'introduction',
  'description', 'glossary', 'links', 'resources', 'owner', 'owners', 'ownership', 'escalation', 'escalations', 'when to use',
  'überblick', 'übersicht', 'symptome', 'auswirkung', 'auswirkungen', 'hintergrund', 'kontakt', 'kontakte', 'referenzen', 'verweise',
  'aperçu', "vue d'ensemble", 'symptôme', 'symptômes', 'contexte', 'références',
  'resumen', 'descripción general', 'síntoma', 'síntomas', 'impacto', 'contexto', 'contacto', 'contactos', 'referencias',
] as const;

/** A comment line of only these words between commands of a shell block (`# OR`) offers a choice. */
export const orLineWords = ['or', 'alternatively', 'oder', 'alternativ', 'sinon', 'o bien'] as const;

/** Words before a heading's number that are part of the numbering: "Step 3 —", "Phase 2." */
export const numberingWords = ['section', 'part', 'phase', 'stage', 'step', 'schritt', 'étape', 'etape', 'paso'] as const;

/** Words that number a step ("Step 3", "Schritt 3", "Étape 3", "Paso 3"), in headings and in paragraphs. */
export const stepWords = ['step', 'schritt', 'étape', 'etape', 'paso'] as const;

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

// `-` is left as it is: outside a class it means itself, and unicode patterns refuse `\-`.
const wordsOf = (words: readonly string[]): string => words.map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+')).join('|');

/** "You should see:", "Output:", "It should print the version:" (the colon is required). */
export const outputIntroPattern = new RegExp(`^(?:${wordsOf(outputIntros)}|it should (?:${wordsOf(outputIntroVerbs)})[^:]{0,40})\\s*:$`, 'i');

/** "Expected output", "Example Output:" (SPEC §2 "Samples are not checks"). */
export const sampleIntroPattern = new RegExp(`^(?:${wordsOf(sampleIntros)})\\s*:?$`, 'i');

export const commandVerbPattern = new RegExp(`^(?:${wordsOf(commandVerbs)})\\b`, 'i');

/** `Step 3`, `Schritt 3.1`: the word and the number a step is written with. */
export const stepNumberPattern = new RegExp(`^(?:${wordsOf(stepWords)})\\s+(\\d+(?:\\.\\d+)*)`, 'iu');

export const noDependencyPattern = new RegExp(`^(?:${wordsOf(noDependencyWords)})$`, 'i');

const looseWords = alternativeWords.filter((entry) => !entry.needsIndex).map((entry) => entry.word);
const indexedWords = alternativeWords.filter((entry) => entry.needsIndex).map((entry) => entry.word);
const loosePattern = new RegExp(`^(${wordsOf(looseWords)})(?![\\p{L}\\d])`, 'iu');
const indexedPattern = new RegExp(`^(${wordsOf(indexedWords)})\\s+`, 'iu');
/** Case matters here: the index is a number or a capital letter standing alone ("Plan B", not "Plan a …"). */
const indexPattern = /^(?:\d+|[A-Z])(?![\p{L}\d])/u;
const familyOf = new Map<string, string>(alternativeWords.map((entry) => [entry.word, entry.family]));

/** What an alternative's title offers: the family of its word, and its index ("B", "2") when it has one. */
export interface OfferedAlternative {
  family: string;
  index?: string;
}

/** The alternative a title (numbering already stripped) offers, if it offers one. */
export function alternativeOf(title: string): OfferedAlternative | undefined {
  const text = title.trim();
  const loose = loosePattern.exec(text);
  const word = loose ?? indexedPattern.exec(text);
  if (!word?.[1]) return undefined;
  const after = text.slice(word[0].length).replace(/^[\s:.)–—-]+/, '');
  const index = indexPattern.exec(after)?.[0];
  if (!loose && index === undefined) return undefined;
  const family = familyOf.get(foldPhrase(word[1]).replace(/\s+/g, ' ')) ?? 'option';
  return { family, ...(index !== undefined && { index }) };
}

/** Whether a heading's title (numbering already stripped) offers one of several ways. */
export function isAlternativeTitle(title: string): boolean {
  return alternativeOf(title) !== undefined;
}

const conditionPattern = new RegExp(`^(?:${wordsOf(conditionWords)})\\s+\\S`, 'iu');
const notConditionPattern = new RegExp(`^(?:${wordsOf(notConditionPrefixes)})(?![\\p{L}\\d])`, 'iu');
const troubleshootingPattern = new RegExp(`^(?:${wordsOf(troubleshootingWords)})(?![\\p{L}\\d])`, 'iu');
const parentheticalCondition = new RegExp(`\\((?:${wordsOf(conditionWords)})\\s[^)]*\\)\\s*:?$`, 'iu');
const laterPattern = new RegExp(`(?:^|[\\s(,])(?:${wordsOf(laterPhrases)}|after\\s+\\d+\\s+(?:hours?|days?|weeks?))(?![\\p{L}\\d])`, 'iu');

/** How a title makes its part apply only under a condition, if it does. */
export type ConditionTitle = 'condition' | 'troubleshooting' | 'later';

export function conditionOf(title: string): ConditionTitle | undefined {
  const text = title.trim();
  if (troubleshootingPattern.test(text)) return 'troubleshooting';
  if (conditionPattern.test(text) && !notConditionPattern.test(text)) return 'condition';
  if (parentheticalCondition.test(text)) return 'condition';
  if (laterPattern.test(text)) return 'later';
  return undefined;
}

const environmentPattern = new RegExp(
  `^(?:(?:${wordsOf(environmentFrames.before)})\\s+)?(${wordsOf(environmentWords)})(?:\\s+(?:${wordsOf(environmentFrames.after)}))?\\s*(?:\\([^)]*\\))?\\s*:?$`,
  'iu',
);

/** The environment a heading names and nothing else ("Staging", "In production"), lower-cased. */
export function environmentOf(title: string): string | undefined {
  return environmentPattern.exec(title.trim())?.[1]?.toLowerCase();
}

const informational = new Set<string>(informationalWords);

/** Whether a section's title names a section that only informs. */
export function isInformationalTitle(title: string): boolean {
  return informational.has(foldPhrase(title).replace(/[:.]$/, ''));
}

const orLinePattern = new RegExp(`^\\s*#+\\s*(?:[-=*]+\\s*)?(?:${wordsOf(orLineWords)})(?![\\p{L}\\d])\\s*[,:.]?\\s*(.*?)\\s*(?:[-=*]+\\s*)?$`, 'iu');

/** `# OR`, `# --- or ---`, `# Or, to a given revision:` → what follows the word (maybe empty); undefined for other lines. */
export function readOrLine(line: string): string | undefined {
  const match = orLinePattern.exec(line);
  return match ? (match[1] ?? '').replace(/:$/, '') : undefined;
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
