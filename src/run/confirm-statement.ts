// One statement put to whoever can answer it: the --answers file first (given ahead, by a named
// person), else a person at the terminal, else nobody, and it stays unconfirmed.
import type { Ask } from './run-step.js';

export interface GivenAnswer {
  answer: 'confirmed' | 'declined';
  by: string;
  note?: string;
}

export interface Confirmation {
  answer: 'confirmed' | 'declined' | 'unconfirmed';
  by?: string;
  via?: 'terminal' | 'answers';
  note?: string;
}

export interface Answerers {
  ask: Ask;
  /** Answers by statement id, from the --answers file. */
  answers?: ReadonlyMap<string, GivenAnswer>;
  operator: string;
}

export async function confirmStatement(who: Answerers, statementId: string, question: Parameters<Ask>[0]): Promise<Confirmation> {
  const given = who.answers?.get(statementId);
  if (given) return { answer: given.answer, by: given.by, via: 'answers', ...(given.note !== undefined && { note: given.note }) };
  const answer = await who.ask(question);
  if (answer === undefined) return { answer: 'unconfirmed' };
  return { answer: answer ? 'confirmed' : 'declined', by: who.operator, via: 'terminal' };
}
