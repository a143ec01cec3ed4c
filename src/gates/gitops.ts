// GitOps and progressive delivery: argocd, flux, Argo Rollouts.
import type { GateFamily, Invocation } from './gate-entry.js';
import type { Word } from './read-argv.js';

const ARGOCD_VALUES = ['--server', '--auth-token', '--config', '--argocd-context', '--port-forward-namespace', '-o', '--output', '--revision', '--resource', '-l', '--selector', '--app-namespace', '-N', '--timeout', '--retry-limit', '--strategy', '-p', '--parameter', '--kube-context', '--namespace', '-n'];

const argocd = (command: Invocation): { words: Word[]; has: (...names: string[]) => boolean } => {
  const argv = command.argv({ values: ARGOCD_VALUES });
  return { words: argv.operands, has: argv.has };
};

/** `kubectl argo rollouts VERB …` or `kubectl-argo-rollouts VERB …`. */
function rolloutsWords(command: Invocation): Word[] {
  const words = command.argv({ values: ['-n', '--namespace', '--context', '--kubeconfig'] }).operands;
  if (command.name === 'kubectl-argo-rollouts') return words;
  return words[0] === 'argo' && words[1] === 'rollouts' ? words.slice(2) : [];
}

export const gitopsGates: GateFamily = {
  name: 'GitOps and progressive delivery',
  notes:
    'A plain `argocd app sync` is not gated: it applies what the repository already says, which review has seen. ' +
    'It is gated when it prunes, forces, replaces or syncs another revision than the one tracked.',
  entries: [
    {
      id: 'argocd-rollback',
      tools: ['argocd'],
      reason: 'argocd app rollback returns an application to an earlier deployment',
      matches: '`app rollback`',
      gated: ['argocd app rollback shop', 'argocd app rollback shop 41 --prune'],
      notGated: ['argocd app history shop', 'argocd app get shop'],
      match: (command) => {
        const { words } = argocd(command);
        return command.is(words[0], 'app') && command.is(words[1], 'rollback');
      },
    },
    {
      id: 'argocd-delete',
      tools: ['argocd'],
      reason: 'argocd delete removes an application (and, by default, its resources) or a project, cluster or repository',
      matches: '`app|appset|proj delete`, `cluster|repo rm`',
      gated: ['argocd app delete shop --yes', 'argocd appset delete previews', 'argocd cluster rm https://prod.example:6443'],
      notGated: ['argocd app list', 'argocd cluster list'],
      match: (command) => {
        const { words } = argocd(command);
        return (command.is(words[0], 'app', 'appset', 'proj') && command.is(words[1], 'delete')) || (command.is(words[0], 'cluster', 'repo') && command.is(words[1], 'rm'));
      },
    },
    {
      id: 'argocd-sync',
      tools: ['argocd'],
      reason: 'argocd app sync with --prune, --force, --replace or --revision deletes or replaces resources, or deploys another revision',
      matches: '`app sync` with `--prune`, `--force`, `--replace`, `--revision`; `app set|unset|patch|terminate-op`; `app actions run`',
      gated: ['argocd app sync shop --prune', 'argocd app sync shop --revision v1.2.3', 'argocd app set shop -p image.tag=1.2.2', 'argocd app actions run shop restart --kind Deployment'],
      notGated: ['argocd app sync shop', 'argocd app diff shop', 'argocd app wait shop --health'],
      match: (command) => {
        const { words, has } = argocd(command);
        if (!command.is(words[0], 'app')) return false;
        return (command.is(words[1], 'sync') && has('--prune', '--force', '--replace', '--revision')) || command.is(words[1], 'set', 'unset', 'patch', 'terminate-op') || (command.is(words[1], 'actions') && command.is(words[2], 'run'));
      },
    },
    {
      id: 'flux-suspend',
      tools: ['flux'],
      reason: 'flux suspend, delete or uninstall stops or removes what keeps the cluster in line with the repository',
      matches: '`suspend`, `delete`, `uninstall`',
      gated: ['flux suspend kustomization apps', 'flux delete helmrelease web --silent', 'flux uninstall'],
      notGated: ['flux get kustomizations', 'flux reconcile kustomization apps --with-source'],
      match: (command) => command.is(command.argv({ values: ['-n', '--namespace', '--context', '--kubeconfig', '--timeout'] }).operands[0], 'suspend', 'delete', 'uninstall'),
    },
    {
      id: 'argo-rollouts',
      tools: ['kubectl', 'kubectl-argo-rollouts'],
      reason: 'kubectl argo rollouts abort, undo, promote, restart, retry, pause or set image changes what a rollout serves',
      matches: '`kubectl argo rollouts abort|undo|promote|restart|retry|pause|set image`',
      gated: ['kubectl argo rollouts undo web', 'kubectl argo rollouts promote web --full', 'kubectl argo rollouts -n prod abort web', 'kubectl-argo-rollouts set image web web=registry/web:1.2.2'],
      notGated: ['kubectl argo rollouts get rollout web', 'kubectl argo rollouts status web'],
      match: (command) => {
        const words = rolloutsWords(command);
        return command.is(words[0], 'abort', 'undo', 'promote', 'restart', 'retry', 'pause') || (command.is(words[0], 'set') && command.is(words[1], 'image'));
      },
    },
  ],
};
