// The rules a runbook silences in its frontmatter (`lint: { ignore: [{ rule, reason }] }`), as
// read-frontmatter.ts validated them: lint reports them as silenced, and a run carries them into
// its run-start event, so the drill record says which advice the authors set aside and why.
import type { SilencedRule } from '../model/events.js';
import type { Runbook } from '../model/runbook.js';
import { lintSettingsSchema } from '../parse/read-frontmatter.js';

export function silencedRules(runbook: Runbook): SilencedRule[] {
  // An invalid block is reported by the parser (frontmatter-schema) and silences nothing.
  const parsed = lintSettingsSchema.safeParse(runbook.frontmatter?.lint ?? {});
  return parsed.success ? parsed.data.ignore : [];
}

