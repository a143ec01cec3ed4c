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

/**
 * What a paragraph right before a block says when the block is an example of what not to do:
 * "Wrong:", "**Don't:**", "Do not run the following", "Never use this command". Such a block is
 * shown to the operator and never run (SPEC §2: never run what the author did not mean to run).
 */
export const counterExampleLabels = ['wrong', 'bad', 'incorrect', 'not this', "don't", 'do not', 'dont', 'never', 'avoid', 'unsafe', 'dangerous', 'not recommended', 'deprecated', 'anti-pattern', 'antipattern', "don't do this", 'do not do this', 'bad example', 'wrong way', 'the wrong way', 'old way'] as const;
/** Verbs that, after "do not", "don't", "never" or "avoid", say a block is not to be run. */
export const counterExampleVerbs = ['run', 'running', 'execute', 'executing', 'use', 'using', 'type', 'typing', 'paste', 'pasting', 'copy', 'do', 'try'] as const;

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
  'skip if', 'skip this if', 'skip this step if', 'skip unless', 'only for', 'only on', 'only in', 'not needed if', 'not required if',
  'as a last resort', 'only as a last resort', 'if all else fails', 'if nothing else works', 'in an emergency',
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

/** "(optional)", "Optional:": a part a run may leave out. */
export const optionalWords = [
  'optional', 'optionally', 'if needed', 'if necessary', 'if required', 'optional step', 'optional steps', 'optionnel', 'facultatif', 'opcional',
  // A way kept for history: "Old method (deprecated)", "Legacy: restart by hand".
  'deprecated', 'legacy', 'obsolete', 'outdated', 'old method', 'old way', 'old procedure', 'no longer needed', 'no longer used', 'veraltet', 'obsolète', 'obsoleto',
] as const;

/** "Appendix", "Annex": reference after the procedure, not part of it. */
export const appendixWords = ['appendix', 'annex', 'anhang', 'annexe', 'apéndice', 'anexo'] as const;

/**
 * An example given in a sentence ("For example, you would run `x`", "e.g. `x`"): the code in it
 * illustrates, it is not a step's command.
 */
export const examplePhrases = ['for example', 'for instance', 'e.g.', 'eg.', 'example:', 'an example', 'such as', 'zum beispiel', 'z.b.', 'par exemple', 'por ejemplo'] as const;

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

/**
 * Phrases in the text that introduces a list or a run of blocks which say the reader picks one of
 * them: "Use one of these:", "Depending on your setup:", "Whichever applies:". What follows is a
 * choice whatever its items say ("On RDS:", "Patroni:", a bare command), never a sequence.
 */
export const choiceIntroPhrases = [
  'one of these', 'one of the following', 'one of the two', 'one of the three', 'one of them', 'one of those', 'one of the options', 'one of the methods',
  'one of the ways', 'one of the commands', 'one of the approaches', 'any one of', 'only one of', 'just one of', 'exactly one of', 'either of',
  'depending on', 'whichever', 'choose one', 'pick one', 'select one', 'choose the one', 'pick the one', 'use the one', 'run the one',
  'choose the option', 'choose the method', 'choose the command', 'pick the option', 'as appropriate', 'as applicable', 'whatever applies',
  'eine der folgenden', 'einen der folgenden', 'eines der folgenden', 'je nach', 'wählen sie eine', 'wähle eine', 'entweder',
  "l'une des", "l'un des", 'au choix', 'selon votre', 'selon le', 'selon la', 'choisissez',
  'una de las siguientes', 'uno de los siguientes', 'según su', 'según el', 'según la', 'elija una', 'elija uno',
] as const;

/** Words opening a sentence that says what comes after what went before: "Then check the health:", "Finally:". */
export const sequenceLeadWords = [
  'then', 'next', 'afterwards', 'after that', 'after this', 'finally', 'lastly', 'once done', 'when done', 'now',
  'dann', 'danach', 'anschließend', 'zum schluss', 'ensuite', 'puis', 'enfin', 'luego', 'después', 'finalmente',
] as const;

/**
 * Words between two inline commands of one sentence: the last one said decides whether the second
 * is instead of the first ("`a` or `b`", "otherwise run `b`") or after it ("and then `b`").
 */
export const alternativeJoinWords = ['or', 'otherwise', 'else', 'alternatively', 'instead', 'either', 'oder', 'sonst', 'ansonsten', 'alternativ', 'sinon', 'ou', 'sino'] as const;
export const sequenceJoinWords = ['and', 'then', 'next', 'afterwards', 'after', 'before', 'followed', 'once', 'und', 'dann', 'danach', 'et', 'puis', 'ensuite', 'y', 'luego'] as const;

/**
 * Words right before an inline command that name it without saying to run it: what not to do
 * ("Do not run `x`", "instead of `x`"), and what output looks like ("prints something like `x`",
 * "e.g. `x`").
 */
export const namingOnlyPhrases = [
  'do not', "don't", 'dont', 'never', 'avoid', 'instead of', 'rather than', 'not', 'no need to', 'nicht', 'niemals', 'jamais', 'nunca',
  'prints', 'shows', 'outputs', 'returns', 'displays', 'reports', 'says', 'responds', 'answers', 'yields', 'reads',
  'should print', 'should show', 'should return', 'should output', 'should say', 'should read', 'should be', 'will print', 'will show', 'will return',
  'like', 'such as', 'e.g.', 'eg', 'i.e.', 'for example', 'for instance', 'zum beispiel', 'z.b.', 'par exemple', 'por ejemplo',
] as const;

/**
 * Words opening a heading of a way back ("Rollback plan", "Backout procedure", "Revert", "If
 * something goes wrong"): in a runbook that goes forward first (a deploy, a migration) such a
 * part is taken only when things go wrong, never run after the rest by default. A runbook whose
 * title names one of these (a rollback runbook) has it as its procedure.
 */
export const contingencyWords = [
  'rollback', 'roll back', 'rolling back', 'roll-back', 'back out', 'backout', 'back-out', 'backing out', 'revert', 'reverting', 'undo', 'undoing',
  'fallback', 'fall back', 'falling back', 'contingency', 'abort', 'aborting', 'if something goes wrong', 'if it goes wrong', 'if things go wrong',
  'rückgängig', 'zurückrollen', 'zurücksetzen', 'retour arrière', 'annuler', 'revertir', 'reversión', 'marcha atrás',
] as const;

/**
 * Machines a sentence can say commands are run on, other than the operator's own: "On the
 * database host, run:", "Log in to the primary and run:", "### On each web node". Commands under
 * such a sentence are typed there, never run here.
 */
export const machineWords = [
  'host', 'hosts', 'server', 'servers', 'node', 'nodes', 'machine', 'machines', 'box', 'boxes', 'vm', 'vms', 'instance', 'instances',
  'bastion', 'jump host', 'jumphost', 'jumpbox', 'jump box', 'jump server', 'primary', 'replica', 'replicas', 'standby', 'leader', 'follower',
  'master', 'worker', 'workers', 'controller', 'pod', 'pods', 'container', 'containers', 'broker', 'brokers', 'appliance', 'router', 'firewall',
] as const;

/** Places that are the operator's own: "on your laptop", "in your terminal", "on this machine". */
export const ownPlaceWords = ['your', 'you', 'local', 'locally', 'localhost', 'this', 'own', 'workstation', 'laptop', 'computer', 'terminal', 'shell', 'ci'] as const;

/** Words around an environment's name in its heading: "In production", "Staging environment". */
export const environmentFrames = { before: ['in', 'on', 'for', 'auf', 'für', 'en', 'para', 'dans', 'pour'], after: ['environment', 'env', 'cluster', 'only', 'umgebung', 'entorno', 'environnement'] } as const;

/** Sections that only inform (SPEC §2): their steps need no command and raise no warnings for it. */
export const informationalWords = [
  'overview', 'summary', 'symptom', 'symptoms', 'impact', 'background', 'context', 'contact', 'contacts', 'reference', 'references',
  'related', 'related runbooks', 'related links', 'related documents', 'see also', 'purpose', 'scope', 'about', 'introduction',
  'description', 'glossary', 'links', 'resources', 'owner', 'owners', 'ownership', 'escalation', 'escalations', 'when to use',
  'notes', 'tips', 'hints', 'faq', 'history', 'revision history', 'changelog',
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

/**
 * A pattern of lower-case words matched whatever their case, as the `iu` flags would. V8 builds a
 * case-insensitive unicode pattern's tables (the case closure of each class, `\p{L}` above all)
 * the first time it runs one: about a millisecond a pattern, at every start. ASCII text, where
 * lower-casing is case folding, is lower-cased and matched without `i`; other text by the `iu`
 * pattern, built the first time such text comes. A match gives the text as written.
 */
/** For `CaselessPattern`'s `anyOf`: the longest word of each phrase. */
function keyWordsOf(phrases: readonly string[]): string[] {
  const words = new Set<string>();
  for (const phrase of phrases) {
    const longest = phrase.split(/[\s'-]+/).reduce((a, b) => (b.length > a.length ? b : a), '');
    if (longest !== '') words.add(longest.toLowerCase());
  }
  return [...words];
}

/**
 * The source for lower-cased ASCII text, where a letter is `a-z`: `\p{L}` inside a class becomes
 * `a-z` and the pattern needs no `u` flag, whose Unicode tables cost a millisecond or more to
 * build for each pattern at every start. Null when `\p{…}` stands anywhere else.
 */
function asciiSourceOf(source: string): string | null {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i] as string;
    if (c === '\\') {
      const escape = source.slice(i, i + 5);
      if (escape === '\\p{L}' && inClass) {
        out += 'a-z';
        i += 4;
        continue;
      }
      if (/^\\[pP]\{/.test(escape)) return null;
      out += source.slice(i, i + 2);
      i += 1;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}

/**
 * Text that is not ASCII, lower-cased for the look for a pattern's words: `iu` also folds `ſ` to
 * `s` and the Kelvin sign to `k`, which lower-casing does not.
 */
function foldedForKeys(text: string): string {
  return text.toLowerCase().replace(/\u017f/g, 's').replace(/\u212a/g, 'k');
}

export class CaselessPattern {
  readonly #source: string;
  /** The pattern for lower-cased ASCII text: `\p{L}` there is `a-z`, so no Unicode tables (null: the source needs `u`). */
  readonly #asciiSource: string | null;
  #ascii: RegExp | undefined;
  #asciiWithIndices: RegExp | undefined;
  #unicode: RegExp | undefined;
  readonly #anyOf: readonly string[] | undefined;

  /**
   * `anyOf`: lower-case words of which any match holds one; ASCII text holding none of them is
   * not matched at all (a large pattern costs milliseconds to compile and to run over prose).
   */
  constructor(source: string, anyOf?: readonly string[]) {
    // Letters outside escapes must be lower-case, or ASCII text lower-cased would never match them.
    if (/[A-Z]/.test(source.replace(/\\[pP]\{[^}]*\}|\\./g, ''))) throw new Error(`a caseless pattern is written in lower case: ${source}`);
    if (anyOf?.some((word) => word !== word.toLowerCase() || word === '')) throw new Error(`the words a caseless pattern needs are lower case: ${anyOf.join(', ')}`);
    this.#source = source;
    this.#asciiSource = asciiSourceOf(source);
    this.#anyOf = anyOf;
  }

  #mayMatch(lower: string): boolean {
    if (this.#anyOf === undefined) return true;
    // A key of two words is found across a line break or a run of spaces, as `\s+` in the pattern is.
    const said = this.#anyOf.some((word) => word.includes(' ')) ? lower.replace(/\s+/g, ' ') : lower;
    return this.#anyOf.some((word) => said.includes(word));
  }

  exec(text: string): RegExpExecArray | null {
    const lower = asciiLowerCase(text);
    if (lower === undefined) return this.#mayMatch(foldedForKeys(text)) ? this.#folding().exec(text) : null;
    if (!this.#mayMatch(lower)) return null;
    const match = (this.#asciiWithIndices ??= this.#asciiSource === null ? new RegExp(this.#source, 'du') : new RegExp(this.#asciiSource, 'd')).exec(lower);
    if (match === null) return null;
    // The same length and places: the groups are read back from the text as written.
    match.forEach((_, group) => {
      const at = match.indices![group];
      if (at !== undefined) match[group] = text.slice(at[0], at[1]);
    });
    match.input = text;
    return match;
  }

  test(text: string): boolean {
    const lower = asciiLowerCase(text);
    if (lower === undefined) return this.#mayMatch(foldedForKeys(text)) && this.#folding().test(text);
    return this.#mayMatch(lower) && (this.#ascii ??= this.#asciiSource === null ? new RegExp(this.#source, 'u') : new RegExp(this.#asciiSource)).test(lower);
  }

  #folding(): RegExp {
    return (this.#unicode ??= new RegExp(this.#source, 'iu'));
  }
}

// Several patterns read the same title in turn: it is lower-cased once.
let lastText = '';
let lastLower: string | undefined = '';

/** `text` lower-cased if it is ASCII, else undefined. */
function asciiLowerCase(text: string): string | undefined {
  if (text !== lastText) {
    lastText = text;
    lastLower = ASCII.test(text) ? text.toLowerCase() : undefined;
  }
  return lastLower;
}

const ASCII = /^[\x00-\x7f]*$/;

// `-` is left as it is: outside a class it means itself, and unicode patterns refuse `\-`.
const wordsOf = (words: readonly string[]): string => words.map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+')).join('|');

const examplePattern = new CaselessPattern(`(?:^|[\\s(,;])(?:${wordsOf(examplePhrases)})(?=[\\s,:]|$)|\\byou (?:would|could|might) (?:run|type|use)\\b`);

const exampleIntroPattern = new CaselessPattern(`^(?:${wordsOf(examplePhrases)}|examples|example usage|usage example)\\s*:?$`);

/** Whether the paragraph right before a block only says that an example follows ("Example:", "For instance:"). */
export function isExampleIntro(text: string): boolean {
  return exampleIntroPattern.test(text.trim());
}

/** Whether a sentence gives its code as an example rather than as a step to do. */
export function isExampleSentence(text: string): boolean {
  return examplePattern.test(text);
}

/** "You should see:", "Output:", "It should print the version:" (the colon is required). */
export const outputIntroPattern = new RegExp(`^(?:${wordsOf(outputIntros)}|it should (?:${wordsOf(outputIntroVerbs)})[^:]{0,40})\\s*:$`, 'i');

/** "Expected output", "Example Output:" (SPEC §2 "Samples are not checks"). */
export const sampleIntroPattern = new RegExp(`^(?:${wordsOf(sampleIntros)})\\s*:?$`, 'i');

const counterLabelPattern = new CaselessPattern(`^(?:[❌✗✘⛔🚫]\\s*)?(?:${wordsOf(counterExampleLabels)})\\s*[:.!]?$`);
const counterSentencePattern = new CaselessPattern(`(?:^|[\\s(])(?:do\\s+not|don['’]t|never|avoid)\\s+(?:ever\\s+)?(?:${wordsOf(counterExampleVerbs)})\\b`);

/** Whether the paragraph before a block says the block is not to be run. */
export function isCounterExampleIntro(text: string): boolean {
  const said = text.trim();
  return counterLabelPattern.test(said) || /^[❌✗✘⛔🚫]/u.test(said) || counterSentencePattern.test(said);
}

export const commandVerbPattern = new RegExp(`^(?:${wordsOf(commandVerbs)})\\b`, 'i');

/** `Step 3`, `Schritt 3.1`: the word and the number a step is written with. */
export const stepNumberPattern = new CaselessPattern(`^(?:${wordsOf(stepWords)})\\s+(\\d+(?:\\.\\d+)*)`);

export const noDependencyPattern = new RegExp(`^(?:${wordsOf(noDependencyWords)})$`, 'i');

const looseWords = alternativeWords.filter((entry) => !entry.needsIndex).map((entry) => entry.word);
const indexedWords = alternativeWords.filter((entry) => entry.needsIndex).map((entry) => entry.word);
const loosePattern = new CaselessPattern(`^(${wordsOf(looseWords)})(?![\\p{L}\\d])`);
const indexedPattern = new CaselessPattern(`^(${wordsOf(indexedWords)})\\s+`);
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

const conditionPattern = new CaselessPattern(`^(?:${wordsOf(conditionWords)})\\s+\\S`);
const notConditionPattern = new CaselessPattern(`^(?:${wordsOf(notConditionPrefixes)})(?![\\p{L}\\d])`, keyWordsOf(notConditionPrefixes));
const troubleshootingPattern = new CaselessPattern(`^(?:${wordsOf(troubleshootingWords)})(?![\\p{L}\\d])`, keyWordsOf(troubleshootingWords));
const parentheticalCondition = new CaselessPattern(`\\((?:${wordsOf(conditionWords)})\\s[^)]*\\)\\s*:?$|\\([^)]*\\b(?:only\\s+if|only\\s+when|unless)\\s[^)]*\\)\\s*[:.]?$|\\([^)]*\\sonly\\)\\s*[:.]?$`, ['(']);
// "Production only: warm the cache", "Linux only –": a lead saying where or when alone it applies.
const onlyLeadPattern = new CaselessPattern(`^[\\p{L}\\d][\\p{L}\\d -]{0,30}?\\s+only\\s*(?:[:–—]|-\\s|$)`, ['only']);
const laterPattern = new CaselessPattern(`(?:^|[\\s(,])(?:${wordsOf(laterPhrases)}|after\\s+\\d+\\s+(?:hours?|days?|weeks?))(?![\\p{L}\\d])`, [...keyWordsOf(laterPhrases), 'after']);

const conditionClausePattern = new CaselessPattern(`^(?:${wordsOf(conditionWords)})(?:\\s+\\S.*)?$`);

/** "If that is not enough", "As a last resort": a clause, before the comma of a sentence, that makes what follows conditional. */
export function isConditionClause(clause: string): boolean {
  const text = clause.trim();
  return conditionClausePattern.test(text) && !notConditionPattern.test(text);
}

/** How a title makes its part apply only under a condition, if it does. */
export type ConditionTitle = 'condition' | 'troubleshooting' | 'later';

// "Cleanup (optional)", "Optional: warm the cache", "Appendix: how the backup is made": parts a
// run may leave out, so they are taken or skipped as a condition is, never run by default.
const optionalPattern = new CaselessPattern(`(?:^(?:${wordsOf(optionalWords)})(?![\\p{L}\\d])|\\((?:${wordsOf(optionalWords)})\\)\\s*:?$)`, keyWordsOf(optionalWords));
const appendixPattern = new CaselessPattern(`^(?:${wordsOf(appendixWords)})(?![\\p{L}\\d])`, keyWordsOf(appendixWords));

export function conditionOf(title: string): ConditionTitle | undefined {
  const text = title.trim();
  if (troubleshootingPattern.test(text)) return 'troubleshooting';
  if (optionalPattern.test(text) || appendixPattern.test(text)) return 'condition';
  if (conditionPattern.test(text) && !notConditionPattern.test(text)) return 'condition';
  if (parentheticalCondition.test(text) || onlyLeadPattern.test(text)) return 'condition';
  if (laterPattern.test(text)) return 'later';
  return undefined;
}

const environmentPattern = new CaselessPattern(
  `^(?:(?:${wordsOf(environmentFrames.before)})\\s+)?(${wordsOf(environmentWords)})(?:\\s+(?:${wordsOf(environmentFrames.after)}))?\\s*(?:\\([^)]*\\))?\\s*:?$`,
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

// What every choice intro holds (`keyWordsOf` would pick "one", "use" or "run", which most text holds).
export const CHOICE_INTRO_KEYS = ['wähle', 'según', 'one of', 'the one', 'depending', 'whichever', 'either', 'choose', 'pick one', 'pick the', 'select one', 'appropriate', 'applicable', 'whatever', 'folgend', 'je nach', 'entweder', "l'un", 'au choix', 'selon', 'choisissez', 'siguiente', 'elija'];
const choiceIntroPattern = new CaselessPattern(`(?:^|[^\\p{L}\\d'])(?:${wordsOf(choiceIntroPhrases)})(?![\\p{L}\\d])`, CHOICE_INTRO_KEYS);

/** Whether the text introducing a list or a run of blocks says to pick one of them. */
export function isChoiceIntro(text: string): boolean {
  return choiceIntroPattern.test(text.trim());
}

const sequenceLeadPattern = new CaselessPattern(`^(?:${wordsOf(sequenceLeadWords)})(?![\\p{L}\\d])`);

/** Whether a sentence opens by saying it comes after what went before. */
export function isSequenceLead(text: string): boolean {
  return sequenceLeadPattern.test(text.trim());
}

const joinWordPattern = new CaselessPattern(`(?:^|[^\\p{L}\\d])(${wordsOf([...alternativeJoinWords, ...sequenceJoinWords])})(?![\\p{L}\\d])`);
const alternativeJoins = new Set<string>(alternativeJoinWords);

/** How an inline command joins the one before it, from the text between them. */
export function joinOfCommands(between: string): 'alternative' | 'sequence' | 'list' {
  let last: string | undefined;
  for (let rest = between; ; ) {
    const match = joinWordPattern.exec(rest);
    if (match === null) break;
    last = foldPhrase(match[1] as string);
    rest = rest.slice((match.index ?? 0) + match[0].length);
  }
  if (last !== undefined) return alternativeJoins.has(last) ? 'alternative' : 'sequence';
  return /^[\s,]*$/.test(between) && between.includes(',') ? 'list' : 'sequence';
}

const namingOnlyPattern = new CaselessPattern(`(?:^|[^\\p{L}\\d])(?:${wordsOf(namingOnlyPhrases)})(?![\\p{L}\\d])`, keyWordsOf(namingOnlyPhrases));

/** Whether the words of a code's clause before it name the code without saying to run it. */
export function namesWithoutRunning(clause: string): boolean {
  return namingOnlyPattern.test(clause);
}

const contingencyPattern = new CaselessPattern(`^(?:${wordsOf(contingencyWords)})(?![\\p{L}\\d])`, keyWordsOf(contingencyWords));
const namesContingencyPattern = new CaselessPattern(`(?:^|[^\\p{L}\\d])(?:${wordsOf(contingencyWords)})(?![\\p{L}\\d])`, keyWordsOf(contingencyWords));

/** Whether a heading's title (numbering stripped) opens with a way back. */
export function isContingencyTitle(title: string): boolean {
  return contingencyPattern.test(title.trim());
}

/** Whether a runbook's title says a way back is what it is for ("Release rollback runbook"). */
export function namesContingency(title: string): boolean {
  return namesContingencyPattern.test(title);
}

// A place: an article or quantifier, up to three words, and a machine; or a host name (`db01`, `web-1.internal`).
const placeSource = `((?:(?:the|each|every|all|a|an|one|both|one\\s+of\\s+the|all\\s+of\\s+the)\\s+)?(?:[\\p{L}\\d\`._-]+\\s+){0,3}?(?:${wordsOf(machineWords)})|\`?(?!v\\d)[a-z][a-z-]*\\d+[a-z\\d-]*(?:\\.[a-z\\d-]+)*\`?|\`?(?!v\\d)[a-z][a-z\\d-]*\\.[a-z\\d-]+(?:\\.[a-z\\d-]+)+\`?)(?![\\p{L}\\d])`;
// What may follow a place before the sentence says to run: more places ("web-1 and web-2"), or which one it is ("where the pod runs").
const placeTail = `(?:\\s*(?:,|and|or)\\s+[\\p{L}\\d\`._-]+)*(?:\\s+(?:where|that|which|running|hosting)\\s[^,:]{0,60})?`;
const placeLeadPattern = new CaselessPattern(`^(?:on|from|in|inside|within|auf|sur|en)\\s+${placeSource}${placeTail}(?:\\s*\\([^)]*\\))?\\s*(?:[,:]|$|\\s+(?:run|execute|type|do|as\\s+\\S+|enter)(?![\\p{L}\\d]))`);
const runOnPattern = new CaselessPattern(`(?:^|[^\\p{L}\\d])(?:run|execute|type)\\s+(?:this|these|the\\s+following|the\\s+commands?|it|them)?\\s*(?:commands?\\s+)?(?:on|from|in|inside)\\s+${placeSource}`);
const logInPattern = new CaselessPattern(`(?:^|[^\\p{L}\\d])(?:log\\s*(?:in|on)(?:\\s+to|to)?|login\\s+to|ssh\\s+(?:in)?to|connect\\s+to|shell\\s+into|get\\s+a\\s+shell\\s+on|exec\\s+into)\\s+${placeSource}`);
const ownPlacePattern = new CaselessPattern(`(?:^|[^\\p{L}\\d])(?:${wordsOf(ownPlaceWords)})(?![\\p{L}\\d])`);

const machineHint = new RegExp(`(?:${wordsOf(machineWords)})|[a-z][a-z-]*\\d|[a-z]\\.[a-z]`, 'i');

/** The machine other than the operator's that `text` says its commands are typed on ("the database host"), if it says one. */
export function machineNamedBy(text: string): string | undefined {
  const said = text.trim();
  // Most text names no machine: a cheap look for one of its words, or a host name's digit or dot, first.
  if (!machineHint.test(said)) return undefined;
  const place = placeLeadPattern.exec(said)?.[1] ?? runOnPattern.exec(said)?.[1] ?? logInPattern.exec(said)?.[1];
  if (place === undefined || ownPlacePattern.test(place)) return undefined;
  return place.replace(/\s+/g, ' ').trim();
}

const jumpVerbWords = ['go', 'skip', 'jump', 'proceed', 'continue', 'move', 'turn', 'refer', 'see', 'follow', 'head'];
const jumpVerbs = `(?:${jumpVerbWords.join('|')})`;
const jumpConditionWords = ['if', 'when', 'unless', 'in case', 'should', 'otherwise', 'else', 'fail', 'fails', 'failing', 'still', 'wenn', 'falls', 'sinon', 'si'];
const jumpVerbPattern = new CaselessPattern(`(?:^|[^\\p{L}\\d])${jumpVerbs}(?![\\p{L}\\d])`, jumpVerbWords);
const jumpConditionPattern = new CaselessPattern(`(?:^|[^\\p{L}\\d])(?:${wordsOf(jumpConditionWords)})(?![\\p{L}\\d])`, keyWordsOf(jumpConditionWords));
const skipTargetPattern = new CaselessPattern(`(?:skip|go|jump|proceed|continue|move)\\s+(?:straight\\s+|directly\\s+|ahead\\s+)?(?:on\\s+)?(?:to|with|at)\\s+step\\s+(\\d+(?:\\.\\d+)*)`, ['step']);
const namedSectionPattern = new CaselessPattern(`${jumpVerbs}\\s+(?:(?:on\\s+)?(?:to|with|at)\\s+)?(?:the\\s+)?["“'*_]*([^"”'*_.,;:()]{1,60}?)["”'*_]*\\s+section(?![\\p{L}\\d])`, ['section']);

/** Whether a sentence sends the reader elsewhere under a condition: "If it fails, go to …", "Skip to step 4 if …". */
export function isConditionalJump(text: string): boolean {
  return jumpVerbPattern.test(text) && jumpConditionPattern.test(text);
}

/** The step number such a sentence skips to ("skip to step 4" → "4"). */
export function skipTargetOf(text: string): string | undefined {
  return skipTargetPattern.exec(text)?.[1];
}

/** The section such a sentence names ("go to the Rollback section" → "Rollback"). */
export function sectionNamedByJump(text: string): string | undefined {
  return namedSectionPattern.exec(text)?.[1]?.trim();
}

const orLinePattern = new CaselessPattern(`^\\s*#+\\s*(?:[-=*]+\\s*)?(?:${wordsOf(orLineWords)})(?![\\p{L}\\d])\\s*[,:.]?\\s*(.*?)\\s*(?:[-=*]+\\s*)?$`);

const orParagraphPattern = new CaselessPattern(`^(?:${wordsOf(orLineWords)}|or\\s+alternatively)(?![\\p{L}\\d])\\s*[,:.]?\\s*(.{0,100}?)\\s*:?$`);

/** A paragraph between two blocks that offers the second instead of the first: "or", "Or restart it:" → what it says after the word. */
export function orParagraphSays(text: string): string | undefined {
  return orParagraphPattern.exec(text.trim())?.[1];
}

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
/** A block that runs: a shell block or a console transcript. */
export const isRunnableLanguage = (lang: string | undefined): boolean => isShellLanguage(lang) || isConsoleLanguage(lang);
export const isOutputLanguage = (lang: string | undefined): boolean => lang !== undefined && outputs.has(lang);

// What is not a command in a shell block (SPEC §2): prompts of clients and REPLs, the programs
// that open a session of their own, the words that close one, and commands that need a terminal
// or never end. Read by styles/manual-steps.ts and styles/interactive-commands.ts.

/**
 * Prompts at the start of a line, as terminals show them: the rest of the line is typed into that
 * client, never into the shell. `client` names it for people. The shell's own `$ ` is not here:
 * it is the transcript prompt (styles/console-transcripts.ts).
 */
export const clientPrompts: readonly { client: string; prompt: RegExp }[] = [
  { client: 'mysql', prompt: /^(?:mysql|MariaDB \[[^\]\n]*\])> / },
  // mysql's continuation prompt, shown when a statement goes on over lines.
  { client: 'mysql', prompt: /^ *-> / },
  { client: 'psql', prompt: /^[\w.-]+[=\-'"(][#>] / },
  { client: 'redis-cli', prompt: /^(?:redis(?: [\w.-]+:\d+)?|[\w.-]+:\d+(?:\[\d+\])?)> / },
  { client: 'sqlite3', prompt: /^sqlite> |^ +\.\.\.> / },
  { client: 'python', prompt: /^>>> ?/ },
  { client: 'irb', prompt: /^irb(?:\([^)\n]*\)(?::\d+)*)?[>*] |^\[\d+\] pry\([^)\n]*\)> / },
  { client: 'mongosh', prompt: /^(?:mongo|[\w-]+:(?:PRIMARY|SECONDARY|ARBITER)|[\w-]+ \[[^\]\n]+\] [\w-]+)> / },
  { client: 'sftp', prompt: /^(?:s?ftp|lftp [^>\n]*)> / },
  { client: 'gdb', prompt: /^\((?:gdb|lldb|Pdb|pdb)\) / },
  { client: 'PowerShell', prompt: /^PS [^>\n]*> / },
  // Any other client whose prompt is its name or database (`test>`, `hive>`, `cqlsh:ks>`, `iex(1)>`).
  { client: 'a client', prompt: /^[A-Za-z][\w.:-]*(?:\([^)\n]*\)|\[[^\]\n]*\])?> / },
];

/** A shell prompt naming its host (`root@db01:~#`, `[deploy@web-1 app]$`): typed on that host. */
export const hostPrompts: readonly RegExp[] = [/^[\w.-]+@([\w.-]+)(?::[^\s$#]*)?[$#] /, /^\[[\w.-]+@([\w.-]+)[^\]\n]*\][$#] /];

/** Lines that close a client session (compared trimmed, without a trailing `;`, case ignored). */
export const clientClosers = ['\\q', '\\quit', 'quit', 'exit', '.quit', '.exit', '.q', 'quit()', 'exit()', 'bye', 'q', ':q', ':quit', '^d', 'ctrl-d'] as const;

/** Lines that close a shell session opened on another machine or as another user. */
export const shellClosers = ['exit', 'logout', '^d', 'ctrl-d', '~.'] as const;

/**
 * Clients that read their input from the terminal when given none on the command line: SQL
 * shells, key-value shells, REPLs, file-transfer shells, debuggers. `given` are the options that
 * give them their input (then they run and end); `operands` is how many operands (a database
 * file, a script) they take before an operand means input given.
 */
export const interactiveClients: readonly { names: readonly string[]; given: readonly string[]; operands: number; valued?: readonly string[] }[] = [
  { names: ['mysql', 'mariadb'], given: ['-e', '--execute', '-B', '--batch', '--version', '-V', '--help', '-?'], operands: 1, valued: ['-u', '--user', '-h', '--host', '-P', '--port', '-D', '--database', '-S', '--socket', '--protocol', '--defaults-file', '--login-path'] },
  { names: ['psql'], given: ['-c', '--command', '-f', '--file', '-l', '--list', '-V', '--version', '--help', '-?'], operands: 2, valued: ['-U', '--username', '-h', '--host', '-p', '--port', '-d', '--dbname', '-v', '--set', '--variable', '-P', '--pset', '-o', '--output', '-L', '--log-file'] },
  { names: ['sqlite3'], given: ['-batch', '-version', '-help'], operands: 1 },
  { names: ['mongosh', 'mongo'], given: ['--eval', '-f', '--file', '--version', '--help', '--nodb'], operands: 1, valued: ['-u', '--username', '-p', '--password', '--host', '--port', '--authenticationDatabase'] },
  { names: ['redis-cli', 'valkey-cli'], given: ['--version', '--help', '-r', '--scan', '--bigkeys', '--memkeys', '--stat', '--latency', '--rdb', '--pipe'], operands: 0, valued: ['-h', '-p', '-a', '-n', '-u', '--user', '--pass', '-s'] },
  { names: ['cqlsh'], given: ['-e', '--execute', '-f', '--file', '--version', '--help'], operands: 2, valued: ['-u', '--username', '-p', '--password', '-k', '--keyspace'] },
  { names: ['clickhouse-client'], given: ['-q', '--query', '--queries-file', '--version', '--help'], operands: 0, valued: ['-h', '--host', '--port', '-u', '--user', '--password', '-d', '--database'] },
  { names: ['sftp'], given: ['-b', '-V'], operands: 1, valued: ['-P', '-i', '-o', '-F', '-J', '-l', '-R', '-S', '-s', '-D', '-B', '-c', '-X'] },
  { names: ['ftp', 'lftp'], given: ['-c', '-e', '-f', '--version', '--help'], operands: 1, valued: ['-u', '-p'] },
  { names: ['python', 'python2', 'python3', 'ipython', 'ipython3', 'bpython'], given: ['-c', '-m', '-V', '--version', '--help', '-h'], operands: 0, valued: ['-W', '-X', '-Q'] },
  { names: ['node', 'nodejs', 'deno', 'bun'], given: ['-e', '--eval', '-p', '--print', '-v', '--version', '--help', '-h', '--check', '-c'], operands: 0, valued: ['-r', '--require', '--import'] },
  { names: ['irb', 'pry', 'ghci', 'iex', 'erl', 'julia', 'lua', 'R', 'bc', 'scala', 'sbcl', 'guile', 'racket', 'clj', 'jshell'], given: ['-e', '--eval', '-v', '--version', '--help', '-c', '-noshell'], operands: 0 },
  { names: ['gdb', 'lldb'], given: ['-batch', '--batch', '--version', '--help'], operands: 2, valued: ['-p', '--pid', '-ex', '-x', '-iex', '--args'] },
];

/**
 * Sub-commands that open an interactive client: `rails console`, `manage.py shell`, `heroku
 * pg:psql`. Matched on the program's base name and its first operand.
 */
export const consoleSubcommands: readonly { program: string; subcommands: readonly string[]; client: string }[] = [
  { program: 'rails', subcommands: ['console', 'c', 'dbconsole', 'db'], client: 'rails console' },
  { program: 'manage.py', subcommands: ['shell', 'dbshell', 'shell_plus'], client: 'manage.py shell' },
  { program: 'heroku', subcommands: ['pg:psql', 'redis:cli', 'console'], client: 'heroku' },
  { program: 'flask', subcommands: ['shell'], client: 'flask shell' },
];

/**
 * Programs that take over the terminal (full-screen, an editor, a pager) or read the keyboard:
 * without a terminal they hang or fail. `sub` narrows it to a sub-command (`kubectl edit`),
 * `flag` to an option (`crontab -e`, `git rebase -i`); `unless` are the options that make it
 * print once (`top -b`); `why` says what it is and `fix` what to
 * write instead, for lint and for the refusal.
 */
export const interactivePrograms: readonly { names: readonly string[]; sub?: readonly string[]; flag?: readonly string[]; unless?: readonly string[]; why: string; fix: string }[] = [
  { names: ['vi', 'vim', 'nvim', 'view', 'vimdiff', 'nano', 'pico', 'emacs', 'joe', 'mcedit', 'micro', 'sudoedit', 'vipw', 'vigr', 'visudo'], why: 'an editor', fix: 'change the file with a command (`sed -i`, `tee`, `install`), or make the edit a manual step (a task item)' },
  { names: ['top', 'iotop'], unless: ['-b', '--batch'], why: 'a full-screen program', fix: 'print what you need once (`top -b -n 1`, `ps aux`, `kubectl top pods`)' },
  { names: ['htop', 'atop', 'btop', 'iftop', 'nload', 'nmon', 'glances', 'k9s', 'tig', 'lazygit', 'mc', 'ranger', 'ncdu', 'nethogs'], why: 'a full-screen program', fix: 'print what you need once (`top -b -n 1`, `ps aux`, `kubectl top pods`)' },
  { names: ['less', 'more', 'most', 'man'], why: 'a pager', fix: 'print it (`cat`, `head -n 50`)' },
  { names: ['watch'], why: 'a full-screen program that repeats a command until it is stopped', fix: 'run the check once with `Retries:`, or wait for the state (`kubectl wait --for=condition=Ready … --timeout=5m`)' },
  { names: ['kubectl', 'oc'], sub: ['edit'], why: 'it opens an editor', fix: 'change the object with `kubectl patch`, `kubectl set` or `kubectl apply -f`' },
  { names: ['systemctl'], sub: ['edit'], why: 'it opens an editor', fix: 'write the drop-in file with a command, then `systemctl daemon-reload`' },
  { names: ['crontab'], flag: ['-e'], why: 'it opens an editor', fix: 'install the table from a file (`crontab FILE`)' },
  { names: ['git'], sub: ['rebase', 'add', 'commit'], flag: ['-i', '--interactive', '-p', '--patch'], why: 'it asks at the keyboard', fix: 'use its non-interactive form' },
  { names: ['passwd'], why: 'it asks at the keyboard', fix: 'set the password with `chpasswd`' },
  { names: ['sudo'], flag: ['-e', '--edit'], why: 'it opens an editor', fix: 'change the file with a command (`sudo tee`, `sudo sed -i`)' },
];

/**
 * Commands that run until they are stopped: following logs, watching objects, pinging, capturing.
 * `follow` are the options that make them follow (any of them, short options also inside a
 * group such as `-fn`); `unless` are the options that end them (`ping -c 4`); `always` never end.
 */
export const neverEndingCommands: readonly { names: readonly string[]; sub?: readonly string[]; follow?: readonly string[]; unless?: readonly string[]; always?: boolean; what: string; fix: string }[] = [
  { names: ['tail'], follow: ['-f', '-F', '--follow', '--retry'], what: 'follows the file', fix: '`tail -n 100 FILE` prints its end once' },
  { names: ['journalctl'], follow: ['-f', '--follow'], what: 'follows the journal', fix: '`journalctl -n 100 --no-pager` (with `-u UNIT`) prints the last lines once' },
  { names: ['kubectl', 'oc'], sub: ['logs'], follow: ['-f', '--follow'], what: 'follows the logs', fix: '`kubectl logs --tail=100 …` prints the last lines once' },
  { names: ['kubectl', 'oc'], sub: ['get', 'events'], follow: ['-w', '--watch', '--watch-only'], what: 'watches until stopped', fix: 'wait for the state with `kubectl wait --for=condition=Ready … --timeout=5m` (or `kubectl rollout status … --timeout=5m`)' },
  { names: ['kubectl', 'oc'], sub: ['port-forward', 'proxy'], always: true, what: 'forwards until stopped', fix: 'run the check through it in one command under `timeout`, or reach the service another way' },
  { names: ['docker', 'podman', 'nerdctl'], sub: ['logs'], follow: ['-f', '--follow'], what: 'follows the logs', fix: '`docker logs --tail 100 …` prints the last lines once' },
  { names: ['docker', 'podman'], sub: ['stats'], unless: ['--no-stream'], always: true, what: 'streams until stopped', fix: '`docker stats --no-stream` prints once' },
  { names: ['docker', 'podman'], sub: ['events'], unless: ['--until'], always: true, what: 'streams until stopped', fix: 'give it an end: `docker events --since 10m --until 0s`' },
  { names: ['ping', 'ping6'], unless: ['-c', '-w', '--count'], always: true, what: 'pings until stopped', fix: '`ping -c 4 HOST` pings four times' },
  { names: ['tcpdump'], unless: ['-c'], always: true, what: 'captures until stopped', fix: '`tcpdump -c 100 …` stops after 100 packets' },
  { names: ['stern', 'kubetail'], always: true, what: 'follows the logs', fix: '`kubectl logs --tail=100 …` prints the last lines once' },
];

/** Options that give a container or pod command the keyboard and the terminal: `-it`, `-ti`, `-i -t`. */
export const terminalFlags = { stdin: ['-i', '--interactive', '--stdin'], tty: ['-t', '--tty'] } as const;
