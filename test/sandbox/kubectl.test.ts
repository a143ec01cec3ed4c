// The sandbox kubectl: called by name it runs in-process (helpers.ts); through bash (`sh`) it is
// the launcher in the sandbox's bin folder, found on PATH.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderJsonPath } from '../../examples/sandbox/fake-cluster/cli.mjs';
import { run, sandboxes, sh } from './helpers.js';

const make = sandboxes();

// What `kubectl describe deployment web` prints before the drill: the real kubectl layout
// (tabwriter columns, multi-line labels, pod template, conditions, replica sets).
const DESCRIBE_BEFORE = `Name:                   web
Namespace:              default
CreationTimestamp:      Mon, 06 Jan 2025 11:00:05 +0000
Labels:                 app.kubernetes.io/instance=web
                        app.kubernetes.io/managed-by=Helm
                        app.kubernetes.io/name=web
                        app.kubernetes.io/version=1.2.0
                        helm.sh/chart=web-1.2.0
Annotations:            deployment.kubernetes.io/revision: 4
                        meta.helm.sh/release-name: web
                        meta.helm.sh/release-namespace: default
Selector:               app.kubernetes.io/instance=web,app.kubernetes.io/name=web
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app.kubernetes.io/instance=web
           app.kubernetes.io/name=web
  Containers:
   web:
    Image:         registry.example.com/shop/web:v1.2.0
    Port:          8080/TCP
    Host Port:     0/TCP
    Liveness:      http-get http://:http/healthz delay=0s timeout=1s period=10s #success=1 #failure=3
    Readiness:     http-get http://:http/readyz delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   web-q24nfj4w29 (3/3 replicas created)
Events:          <none>
`;

describe('sandbox kubectl', () => {
  it('is the one on PATH', async () => {
    const sb = await make();
    const which = await sh(sb, 'command -v kubectl helm');
    expect(which.stdout.split('\n').filter(Boolean)).toEqual([`${sb.binDir}/kubectl`, `${sb.binDir}/helm`]);
  });

  it('describes a deployment with the real kubectl layout', async () => {
    const sb = await make();
    const r = await run(sb, 'kubectl', ['describe', 'deployment', 'web']);
    expect(r).toEqual({ code: 0, stdout: DESCRIBE_BEFORE, stderr: '' });
  });

  it("answers the seed runbook's step A.1 command as written", async () => {
    const sb = await make();
    const r = await sh(sb, `kubectl describe deployment ${sb.params['deployment-name']} | grep Image`);
    expect(r).toEqual({ code: 0, stdout: '    Image:         registry.example.com/shop/web:v1.2.0\n', stderr: '' });
  });

  it('fails like kubectl for an unknown deployment', async () => {
    const sb = await make();
    const r = await run(sb, 'kubectl', ['describe', 'deployment', 'nope']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' });
    // In a pipeline with grep, pipefail makes the step fail too.
    expect((await sh(sb, 'kubectl describe deployment nope | grep Image')).code).not.toBe(0);
  });

  it('honours -n / --namespace', async () => {
    const sb = await make();
    for (const args of [['-n', 'default'], ['--namespace', 'default'], ['--namespace=default'], ['-ndefault']]) {
      const r = await run(sb, 'kubectl', [...args, 'describe', 'deployment', 'web']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toBe(DESCRIBE_BEFORE);
    }
    const other = await run(sb, 'kubectl', ['describe', 'deployment', 'web', '-n', 'prod']);
    expect(other).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): deployments.apps "web" not found\n' });
    const none = await run(sb, 'kubectl', ['get', 'deployments', '-n', 'prod']);
    expect(none).toEqual({ code: 0, stdout: '', stderr: 'No resources found in prod namespace.\n' });
  });

  it('gets a deployment as a table, by name, as JSON and through jsonpath', async () => {
    const sb = await make();
    expect((await run(sb, 'kubectl', ['get', 'deployment', 'web'])).stdout).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/3     3            3           64d\n',
    );
    expect((await run(sb, 'kubectl', ['get', 'deploy/web', '-o', 'name'])).stdout).toBe('deployment.apps/web\n');
    const json = JSON.parse((await run(sb, 'kubectl', ['get', 'deployment', 'web', '-o', 'json'])).stdout);
    expect(json.kind).toBe('Deployment');
    expect(json.spec.template.spec.containers[0].image).toBe('registry.example.com/shop/web:v1.2.0');
    const image = await run(sb, 'kubectl', ['get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    expect(image).toEqual({ code: 0, stdout: 'registry.example.com/shop/web:v1.2.0', stderr: '' });
    const missing = await run(sb, 'kubectl', ['get', 'deployment', 'nope']);
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' });
  });

  it('reads the image of a named container through a jsonpath filter', async () => {
    const sb = await make();
    const path = (filter: string) => `jsonpath={.spec.template.spec.containers[${filter}].image}`;
    expect(await run(sb, 'kubectl', ['get', 'deployment', 'web', '-o', path('?(@.name=="web")')])).toEqual({ code: 0, stdout: 'registry.example.com/shop/web:v1.2.0', stderr: '' });
    expect((await run(sb, 'kubectl', ['get', 'deployment', 'web', '-o', path("?(@.name=='web')")])).stdout).toBe('registry.example.com/shop/web:v1.2.0');
    // No such container: nothing printed and exit 0, as kubectl does; the runbook's matcher catches it.
    expect(await run(sb, 'kubectl', ['get', 'deployment', 'web', '-o', path('?(@.name=="log-shipper")')])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await run(sb, 'kubectl', ['get', 'deployment', 'web', '-o', path('?(@.name!="web")')])).stdout).toBe('');
    // The runbook's step A.1 as written, quoted as the shell sees it.
    const a1 = await sh(sb, `kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[?(@.name=="'web'")].image}'`);
    expect(a1).toEqual({ code: 0, stdout: 'registry.example.com/shop/web:v1.2.0', stderr: '' });
    const range = await run(sb, 'kubectl', ['get', 'deployment', 'web', '-o', 'jsonpath={range .spec.template.spec.containers[*]}{.name}{end}']);
    expect(range.code).toBe(1);
    expect(range.stderr).toMatch(/^error: error parsing jsonpath .*: the sandbox kubectl supports paths and filters only/);
  });

  it('picks the named container among several (jsonpath, unit)', () => {
    const pod = { spec: { containers: [{ name: 'log-shipper', image: 'registry.example.com/platform/log-shipper:2.4.1' }, { name: 'web', image: 'registry.example.com/shop/web:v1.2.0' }] } };
    expect(renderJsonPath('{.spec.containers[0].image}', pod)).toBe('registry.example.com/platform/log-shipper:2.4.1');
    expect(renderJsonPath('{.spec.containers[*].image}', pod)).toBe('registry.example.com/platform/log-shipper:2.4.1 registry.example.com/shop/web:v1.2.0');
    expect(renderJsonPath('{.spec.containers[?(@.name=="web")].image}', pod)).toBe('registry.example.com/shop/web:v1.2.0');
    expect(renderJsonPath('{.spec.containers[?(@.name!="web")].name}', pod)).toBe('log-shipper');
  });

  it('reports rollout status', async () => {
    const sb = await make();
    expect(await run(sb, 'kubectl', ['rollout', 'status', 'deployment/web'])).toEqual({
      code: 0,
      stdout: 'deployment "web" successfully rolled out\n',
      stderr: '',
    });
    expect(await run(sb, 'kubectl', ['rollout', 'status', 'deployment/nope'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
    });
  });

  it('refuses unknown commands, flags and resource types like kubectl', async () => {
    const sb = await make();
    expect(await run(sb, 'kubectl', ['frobnicate'])).toEqual({ code: 1, stdout: '', stderr: 'error: unknown command "frobnicate" for "kubectl"\n' });
    expect(await run(sb, 'kubectl', ['get', 'deployment', 'web', '--bogus'])).toEqual({ code: 1, stdout: '', stderr: 'error: unknown flag: --bogus\n' });
    expect(await run(sb, 'kubectl', ['get', 'widgets'])).toEqual({ code: 1, stdout: '', stderr: 'error: the server doesn\'t have a resource type "widgets"\n' });
    const unmodelled = await run(sb, 'kubectl', ['delete', 'deployment', 'web']);
    expect(unmodelled.code).toBe(1);
    expect(unmodelled.stderr).toMatch(/^error: the sandbox kubectl does not implement "delete"/);
  });

  it('reads and never writes the state file, and falls back to the sandbox state without SANDBOX_STATE', async () => {
    const sb = await make();
    const before = await readFile(sb.stateFile, 'utf8');
    const r = await run(sb, 'kubectl', ['describe', 'deployment', 'web'], { SANDBOX_STATE: undefined });
    expect(r.stdout).toBe(DESCRIBE_BEFORE);
    expect(await readFile(sb.stateFile, 'utf8')).toBe(before);
  });
});
