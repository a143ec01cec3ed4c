// Runme's fence attributes (`{name=check excludeFromRunAll=true}`, or the same as JSON) carried
// onto the command a fence becomes: its name for --only, and whether a full run leaves it out.
import type { Command } from '../../model/runbook.js';

export function commandAttributes(attributes: Record<string, string>): Pick<Command, 'name' | 'excludeFromRunAll'> {
  const excluded = attributes.excludeFromRunAll ?? attributes.excludefromrunall;
  return {
    ...(attributes.name !== undefined && { name: attributes.name }),
    excludeFromRunAll: excluded === 'true',
  };
}
