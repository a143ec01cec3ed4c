// The question a decision point asks the operator at its turn: which branch to take, each option
// shown with its title and first command. The answer is an option's id; undefined where nobody
// can answer (no terminal, --json, --yes).
export interface DecisionQuestion {
  /** The step whose turn brought the decision: the question is asked under its task. */
  stepId: string;
  decisionId: string;
  title: string;
  kind: 'choice' | 'condition';
  options: { id: string; title: string; firstCommand?: string }[];
  /** The option a full run takes unless someone chooses (Runme's excludeFromRunAll: skip). */
  default?: string;
}

export type Choose = (question: DecisionQuestion) => Promise<string | undefined>;
