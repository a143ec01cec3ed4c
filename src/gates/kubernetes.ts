// kubectl (and oc, which reads the same way) and helm: what changes a cluster or a release.
import type { GateEntry, GateFamily, Invocation } from './gate-entry.js';
import { isDryRun, type Word } from './read-argv.js';

const KUBECTL_VALUES = [
  '-n', '--namespace', '--context', '--kubeconfig', '-s', '--server', '--cluster', '--user', '--as', '--as-group', '--as-uid',
  '--token', '--request-timeout', '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name',
  '--username', '--password', '--cache-dir', '--log-file', '-v', '--v', '--profile', '--profile-output',
  '-l', '--selector', '-f', '--filename', '-o', '--output', '-c', '--container', '--containers', '--field-selector',
  '--grace-period', '--timeout', '--replicas', '--current-replicas', '--resource-version', '-p', '--patch', '--patch-file',
  '--type', '-k', '--kustomize', '--to-revision', '--field-manager', '--template', '--sort-by', '--chunk-size', '--from',
  '--min', '--max', '--cpu-percent', '--pod-selector', '--prune-allowlist',
];

/** The verb and what follows it, `oc adm drain` read as `drain`; none for a dry run. */
function kubectlWords(command: Invocation): Word[] {
  const argv = command.argv({ values: KUBECTL_VALUES });
  if (isDryRun(argv)) return [];
  const words = argv.operands;
  return command.name === 'oc' && words[0] === 'adm' ? words.slice(1) : words;
}

const KUBECTL = ['kubectl', 'oc'];

const kubectl = (id: string, reason: string, matches: string, verbs: readonly string[], gated: string[], notGated: string[], also: (command: Invocation, words: Word[]) => boolean = () => true): GateEntry => ({
  id,
  tools: KUBECTL,
  reason,
  matches,
  gated,
  notGated,
  match: (command) => {
    const words = kubectlWords(command);
    return command.is(words[0], ...verbs) && also(command, words);
  },
});

const HELM_VALUES = [
  '-n', '--namespace', '--kube-context', '--kubeconfig', '--registry-config', '--repository-config', '--repository-cache',
  '--burst-limit', '--qps', '--kube-apiserver', '--kube-as-user', '--kube-as-group', '--kube-ca-file', '--kube-token',
  '-f', '--values', '--set', '--set-string', '--set-file', '--set-json', '--set-literal', '--version', '--timeout',
  '--post-renderer', '--post-renderer-args', '--description', '--history-max', '--repo', '--username', '--password',
  '--ca-file', '--cert-file', '--key-file', '--max', '-o', '--output', '--cascade', '--deletion-propagation',
];

const helm = (id: string, reason: string, matches: string, verbs: readonly string[], gated: string[], notGated: string[]): GateEntry => ({
  id,
  tools: ['helm'],
  reason,
  matches,
  gated,
  notGated,
  match: (command) => {
    const argv = command.argv({ values: HELM_VALUES });
    return !isDryRun(argv) && command.is(argv.operands[0], ...verbs);
  },
});

export const kubernetesGates: GateFamily = {
  name: 'Kubernetes and Helm',
  notes:
    'kubectl and oc are read the same way (`oc adm drain` is `drain`); global options may come before or after the verb. ' +
    'A `--dry-run` (bare, `=client` or `=server`) changes nothing and is never gated. `kubectl exec … --` is looked through: what runs in the pod is checked. ' +
    '`kubectl uncordon` and `kubectl create` are not gated: the first is how a drain is undone, the second adds without replacing.',
  entries: [
    kubectl('kubectl-delete', 'kubectl delete deletes Kubernetes resources', '`delete`', ['delete'],
      ['kubectl delete pod web-0', 'kubectl -n prod delete deployment/web', 'kubectl delete pods -l app=web --grace-period=0 --force', 'oc delete project staging'],
      ['kubectl get pods', 'kubectl delete pod web-0 --dry-run=client', 'kubectl describe pod web-0']),
    kubectl('kubectl-drain', 'kubectl drain or cordon takes a node out of scheduling', '`drain`, `cordon`', ['drain', 'cordon'],
      ['kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data', 'kubectl cordon node-1', 'oc adm drain node-1'],
      ['kubectl uncordon node-1', 'kubectl get nodes']),
    kubectl('kubectl-scale', 'kubectl scale changes how many pods a workload runs', '`scale`, `autoscale`', ['scale', 'autoscale'],
      ['kubectl scale deployment/worker --replicas=0', 'kubectl -n prod scale --replicas 3 statefulset/db', 'kubectl autoscale deployment web --min=2 --max=10'],
      ['kubectl get hpa']),
    kubectl('kubectl-rollout', 'kubectl rollout undo, restart or pause changes what a workload runs', '`rollout undo|restart|pause`', ['rollout'],
      ['kubectl rollout undo deployment/web', 'kubectl rollout undo deployment/web --to-revision=3', 'kubectl -n prod rollout restart deployment web', 'kubectl rollout pause deployment/web'],
      ['kubectl rollout status deployment/web', 'kubectl rollout history deployment/web'],
      (command, words) => command.is(words[1], 'undo', 'restart', 'pause')),
    kubectl('kubectl-set', 'kubectl set changes a workload and restarts its pods', '`set image|env|resources|serviceaccount|selector|subject`', ['set'],
      ['kubectl set image deployment/web web=registry/web:1.2.3', 'kubectl set env deployment/web FEATURE_X=off', 'kubectl set resources deployment web --limits=cpu=500m'],
      ['kubectl get deployment web -o yaml'],
      (command, words) => command.is(words[1], 'image', 'env', 'resources', 'serviceaccount', 'sa', 'selector', 'subject')),
    kubectl('kubectl-apply', 'kubectl apply, replace, patch or edit changes Kubernetes resources', '`apply`, `replace`, `patch`, `edit` (not `apply view-last-applied`)', ['apply', 'replace', 'patch', 'edit'],
      ['kubectl apply -f deploy.yaml', 'kubectl replace --force -f pod.yaml', 'kubectl patch deployment web -p \'{"spec":{"replicas":0}}\'', 'kubectl edit configmap app'],
      ['kubectl diff -f deploy.yaml', 'kubectl apply -f deploy.yaml --dry-run=server', 'kubectl apply view-last-applied deployment/web'],
      (command, words) => !(words[0] === 'apply' && ['view-last-applied', 'set-last-applied'].includes(words[1] ?? ''))),
    kubectl('kubectl-taint', 'kubectl taint, or a label or annotation overwritten or removed, changes where pods run and what selects them', '`taint`; `label`/`annotate` with `--overwrite` or a `key-` removal', ['taint', 'label', 'annotate'],
      ['kubectl taint nodes node-1 dedicated=db:NoSchedule', 'kubectl label pod web-0 app=canary --overwrite', 'kubectl label node node-1 disk-'],
      ['kubectl label pod web-0 tier=web', 'kubectl get pods --show-labels'],
      (command, words) => words[0] === 'taint' || command.argv().has('--overwrite') || words.slice(2).some((word) => word !== null && /^[\w./-]+-$/.test(word))),
    helm('helm-rollback', 'helm rollback returns a release to an earlier revision', '`rollback`', ['rollback'],
      ['helm rollback web 41', 'helm -n prod rollback web 41 --wait', 'helm rollback web'],
      ['helm history web', 'helm status web', 'helm rollback web 41 --dry-run']),
    helm('helm-uninstall', 'helm uninstall deletes a release and its resources', '`uninstall`, `delete`, `del`, `un`', ['uninstall', 'delete', 'del', 'un'],
      ['helm uninstall web', 'helm delete web --purge', 'helm --kube-context prod un web'],
      ['helm list -A']),
    helm('helm-upgrade', 'helm upgrade or install changes what a release runs', '`upgrade`, `install` (not with `--dry-run`)', ['upgrade', 'install'],
      ['helm upgrade web ./chart -f values.yaml', 'helm upgrade --install web ./chart --set image.tag=1.2.3', 'helm install web ./chart'],
      ['helm template web ./chart', 'helm diff upgrade web ./chart', 'helm upgrade web ./chart --dry-run=server', 'helm get values web']),
  ],
};
