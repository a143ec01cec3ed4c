// One phrase, one meaning: every word list the parser reads lives in src/parse/vocabulary.ts,
// and no phrase may sit in two lists of the same namespace.
import { describe, expect, it } from 'vitest';
import {
  alternativeWords, appendixWords, commandVerbs, conditionWords, optionalWords, consoleLanguages, foldPhrase, isAlternativeTitle, labelKinds, noDependencyWords, noWords,
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
