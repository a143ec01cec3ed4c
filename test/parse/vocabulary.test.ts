// One phrase, one meaning: every word list the parser reads lives in src/parse/vocabulary.ts,
// and no phrase may sit in two lists of the same namespace.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHOICE_INTRO_KEYS, CaselessPattern, choiceIntroPhrases, alternativeWords, appendixWords, commandVerbs, conditionWords, optionalWords, consoleLanguages, foldPhrase, isAlternativeTitle, labelKinds, noDependencyWords, noWords,
  numberingWords, outputIntroPattern, outputIntros, outputLanguages, readYesNo, shellLanguages, yesWords,
} from '../../src/parse/vocabulary.js';

/** Phrase → every kind it is listed under; a phrase with two kinds is a collision. */
function collisions(lists: Record<string, readonly string[]>): Record<string, string[]> {
  const kinds = new Map<string, Set<string>>();
  for (const [kind, phrases] of Object.entries(lists)) {
    for (const phrase of phrases) {
      const folded = foldPhrase(phrase);
      kinds.set(folded, (kinds.get(folded) ?? new Set()).add(kind));
    }
  }
  return Object.fromEntries([...kinds].filter(([, found]) => found.size > 1).map(([phrase, found]) => [phrase, [...found]]));
}

describe('the vocabulary', () => {
  it('gives each whole phrase one kind: labels, output intros, yes and no, "none"', () => {
    const lists = { ...labelKinds, outputIntro: outputIntros, yes: yesWords, no: noWords, noDependency: noDependencyWords };
    expect(collisions(lists)).toEqual({});
  });

  it('gives each leading word one kind: alternatives, conditions, numbering, command verbs', () => {
    const lists = { alternative: alternativeWords.map((entry) => entry.word), condition: conditionWords, optional: optionalWords, appendix: appendixWords, numbering: numberingWords, commandVerb: commandVerbs };
    expect(collisions(lists)).toEqual({});
  });

  it('gives each fence language one kind: shell, console transcript or output', () => {
    expect(collisions({ shell: shellLanguages, console: consoleLanguages, output: outputLanguages })).toEqual({});
  });

  it('keys every choice intro, so the look for a key never hides one', () => {
    expect(choiceIntroPhrases.filter((phrase) => !CHOICE_INTRO_KEYS.some((key) => phrase.includes(key)))).toEqual([]);
  });

  it('finds a collision when there is one', () => {
    expect(collisions({ capture: ['Output', 'capture'], outputIntro: ['output'] })).toEqual({ output: ['capture', 'outputIntro'] });
  });

  it('lists every label of SPEC §2 it reads', () => {
    const known = Object.values(labelKinds).flat();
    for (const label of ['command', 'commands', 'run', 'expected outcome', 'expected', 'expect', 'verify', 'validation', 'depends on', 'requires', 'needs', 'capture', 'save as', 'timeout', 'retries', 'confirm', 'continue on error', 'cwd', 'env']) {
      expect(known).toContain(label);
    }
  });
});

describe('output intros', () => {
  it('are sentences ending in a colon', () => {
    for (const text of ['Output:', 'You should see:', 'You should see something like:', 'Sample output:', 'Example Output:', 'It should print the new tag:']) {
      expect(outputIntroPattern.test(text), text).toBe(true);
    }
    for (const text of ['Output', 'The output is fine:', 'You should see it', 'It should print the tag and then stop because it has nothing else to say at all:']) {
      expect(outputIntroPattern.test(text), text).toBe(false);
    }
  });
});

describe('alternative titles', () => {
  it('open with an alternative word, numbered or not', () => {
    for (const title of ['Option A: undo', 'Option 2', 'Alternative: restore', 'Alt. path', 'Variant B', 'Either restart', 'Or scale up', 'Plan B', 'Plan A: roll back', 'Scenario C — failback', 'Solution 2: clear the cache', 'Method 1', 'Approach B', 'Case 3: disk full']) {
      expect(isAlternativeTitle(title), title).toBe(true);
    }
  });

  it('need an index after a common noun', () => {
    for (const title of ['Plan a maintenance window', 'Planning', 'Optional cleanup', 'Alternatively restart', 'Ordering', 'Method', 'Case study', 'Approach the owner', 'Scenarios we cover', 'Solution overview']) {
      expect(isAlternativeTitle(title), title).toBe(false);
    }
  });
});

describe('yes and no', () => {
  it('reads the first word of a value', () => {
    expect(['yes', 'Yes (default)', '**true**', 'required', 'always'].map(readYesNo)).toEqual([true, true, true, true, true]);
    expect(['no', 'No.', 'false', 'never', 'off'].map(readYesNo)).toEqual([false, false, false, false, false]);
    expect(['maybe', '', 'sometimes'].map(readYesNo)).toEqual([undefined, undefined, undefined]);
  });
});

describe('CaselessPattern', () => {
  const wordsOf = (words: readonly string[]) => words.map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
  const sources = [
    `^(?:${wordsOf(conditionWords)})(?![\\p{L}\\d])\\s*[,:.]?\\s*(.*?)\\s*$`,
    `^(${wordsOf(alternativeWords.map((entry) => entry.word))})\\s+(\\d+|[a-z])?`,
    `(?:^|[\\s(,])(?:${wordsOf(optionalWords)})\\b(.{0,10})`,
    `^(?:${wordsOf(appendixWords)}|étape)\\s+(\\S+)`,
  ];
  // Words of the lists in any case, with ASCII and non-ASCII letters between them (ſ folds to s,
  // K, the Kelvin sign, to k, and İ lower-cases to two characters).
  const piece = fc.oneof(
    fc.constantFrom(...conditionWords, ...optionalWords, ...appendixWords, ...alternativeWords.map((entry) => entry.word), 'étape', 'B', '2', ' ', ':', ',', '(', 'ſ', 'K', 'İ', 'É', 'x'),
    fc.string({ maxLength: 3 }),
  );
  const text = fc.tuple(fc.array(piece, { maxLength: 6 }), fc.array(fc.boolean(), { maxLength: 40 })).map(([pieces, upper]) =>
    [...pieces.join('')].map((c, i) => (upper[i % Math.max(upper.length, 1)] ? c.toUpperCase() : c)).join(''),
  );

  it('matches as the iu flags do, and gives the groups as written', () => {
    const patterns = sources.map((source) => [new CaselessPattern(source), new RegExp(source, 'iu')] as const);
    fc.assert(
      fc.property(text, (said) => {
        for (const [caseless, reference] of patterns) {
          const got = caseless.exec(said);
          const want = reference.exec(said);
          expect(got && [...got], said).toEqual(want && [...want]);
          expect(got?.index).toBe(want?.index);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('matches as the iu flags do with the words it needs given, in any case and with letters that fold', () => {
    const source = `(?:^|[^\\p{L}\\d'])(?:${wordsOf(choiceIntroPhrases)})(?![\\p{L}\\d])`;
    const caseless = new CaselessPattern(source, CHOICE_INTRO_KEYS);
    const reference = new RegExp(source, 'iu');
    const said = fc.tuple(fc.array(fc.oneof(fc.constantFrom(...choiceIntroPhrases, 'ſelect one', 'one of', 'one\nof these', 'pick  one', ' ', '\n', ':', 'É', 'K'), fc.string({ maxLength: 3 })), { maxLength: 5 }), fc.array(fc.boolean(), { maxLength: 30 }))
      .map(([pieces, upper]) => [...pieces.join('')].map((c, i) => (upper[i % Math.max(upper.length, 1)] ? c.toUpperCase() : c)).join(''));
    fc.assert(fc.property(said, (text) => {
      expect(caseless.test(text), text).toBe(reference.test(text));
    }), { numRuns: 400 });
  });

  it('matches words of any case in ASCII text and in other text', () => {
    const pattern = new CaselessPattern('^(?:only\\s+if)(?![\\p{L}\\d])\\s+(.*)$');
    expect(pattern.exec('Only If the pods crash')?.[1]).toBe('the pods crash');
    expect(pattern.exec('ONLY IF the café is closed')?.[1]).toBe('the café is closed');
    expect(pattern.test('only iffy')).toBe(false);
    // ſ folds to s, though it does not lower-case to it: text that is not ASCII is folded.
    expect(new CaselessPattern('^unless\\s+(.*)$').exec('UNLEſS it rains')?.[1]).toBe('it rains');
  });

  it('refuses a pattern with upper-case letters, which lower-cased text could never match', () => {
    expect(() => new CaselessPattern('^Plan\\s+\\p{Lu}')).toThrow('a caseless pattern is written in lower case');
    expect(() => new CaselessPattern('^plan\\s+\\S\\p{L}')).not.toThrow();
  });
});
