// "Replace `X` with …" before a command that still holds X: the command would run with X as written.
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { lintRunbook } from '../../src/lint/lint-runbook.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';

const found = (note: string, command: string): string[] => {
  const runbook = parseRunbook(`# T\n\n### 1. S\n\n${note}\n\n\`\`\`bash\n${command}\n\`\`\`\n`);
  return lintRunbook(runbook, buildGraph(runbook).diagnostics).filter((d) => d.ruleId === 'replace-before-run').map((d) => `${d.position?.line}:${d.position?.column} ${d.message.split(';')[0]}`);
};

describe('replace-before-run', () => {
  it('finds the word the text says to replace, where the command holds it', () => {
    expect(found('Replace `OLD` with the key from step 1.', 'kubectl create secret generic k --from-literal=key=OLD')).toEqual(['8:52 Line 5 says to replace `OLD` with a value, and this command would run with `OLD` as written']);
    expect(found('Change `my-cluster` to the name of yours.', 'kubectl config use-context my-cluster')).toHaveLength(1);
    expect(found('where `NS` is the namespace of the app', 'kubectl get pods -n NS')).toHaveLength(1);
  });

  it('says nothing when the command asks for the value already, or does not hold the word', () => {
    expect(found('Replace `<ns>` with the namespace.', 'kubectl get pods -n <ns>')).toEqual([]);
    expect(found('Where `$TAG` is the tag from the release notes.', 'helm install web ./chart --set image.tag=$TAG')).toEqual([]);
    expect(found('Replace `YOUR_TOKEN` with yours.', 'curl -H "Authorization: YOUR_TOKEN" https://api')).toEqual([]);
    expect(found('Replace `OLD` with the new key.', 'kubectl get secret k')).toEqual([]);
  });
});
