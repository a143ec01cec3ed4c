// The sandbox "cluster": one JSON file that the sandbox kubectl and helm read and write.
// Nothing here talks to a network. Time is a fake clock kept in the file, so every output is
// the same on every run.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export const STATE_VERSION = 1;

export function stateFileFrom(defaultFile) {
  return process.env.SANDBOX_STATE || defaultFile;
}

export function loadState(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`the sandbox cluster state is missing (${file}); create a sandbox first`);
  }
  const state = JSON.parse(text);
  if (state.stateVersion !== STATE_VERSION) {
    throw new Error(`unsupported sandbox state version ${state.stateVersion} in ${file}`);
  }
  return state;
}

export function saveState(file, state) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
  renameSync(tmp, file);
}

/**
 * Returns the time a change happens (now) and moves the fake clock a minute on, so that what
 * is looked at after the change is a minute old, as it would be at a real terminal.
 */
export function tick(state, seconds = 60) {
  const now = state.clock;
  state.clock = new Date(Date.parse(now) + seconds * 1000).toISOString();
  return now;
}

export function imageHealth(state, image) {
  return state.images?.[image] ?? { healthy: true };
}

/** pod-template-hash style suffix: 10 characters from Kubernetes' safe alphabet. */
export function rsHash(image) {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const bytes = createHash('sha256').update(image).digest();
  let s = '';
  for (let i = 0; i < 10; i++) s += alphabet[bytes[i] % alphabet.length];
  return s;
}

function podSuffix(seed) {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const bytes = createHash('sha256').update(seed).digest();
  let s = '';
  for (let i = 0; i < 5; i++) s += alphabet[bytes[i] % alphabet.length];
  return s;
}

export function findDeployment(state, namespace, name) {
  return state.deployments.find((d) => d.namespace === namespace && d.name === name);
}

export function findRelease(state, namespace, name) {
  return state.releases.find((r) => r.namespace === namespace && r.name === name);
}

/**
 * The Deployment object as the API server would return it. A healthy image is fully rolled
 * out; an unhealthy one leaves the rollout stuck: the old ReplicaSet keeps serving and the new
 * ReplicaSet's single surge pod never becomes ready (the progress deadline is reported as
 * already exceeded, so no command ever waits).
 */
export function deploymentObject(state, d) {
  const health = imageHealth(state, d.image);
  const replicas = d.replicas;
  const stuck = !health.healthy && d.servingImage && d.servingImage !== d.image;
  const status = stuck
    ? {
        observedGeneration: d.generation,
        replicas: replicas + 1,
        updatedReplicas: 1,
        readyReplicas: replicas,
        availableReplicas: replicas,
        unavailableReplicas: 1,
        conditions: [
          condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', d.updatedAt),
          condition('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${d.name}-${rsHash(d.image)}" has timed out progressing.`, d.updatedAt),
        ],
      }
    : health.healthy
      ? {
          observedGeneration: d.generation,
          replicas,
          updatedReplicas: replicas,
          readyReplicas: replicas,
          availableReplicas: replicas,
          conditions: [
            condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', d.createdAt),
            condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${d.name}-${rsHash(d.image)}" has successfully progressed.`, d.updatedAt),
          ],
        }
      : {
          observedGeneration: d.generation,
          replicas,
          updatedReplicas: replicas,
          unavailableReplicas: replicas,
          conditions: [
            condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', d.updatedAt),
            condition('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${d.name}-${rsHash(d.image)}" has timed out progressing.`, d.updatedAt),
          ],
        };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      annotations: {
        'deployment.kubernetes.io/revision': String(d.revision),
        ...(d.release ? { 'meta.helm.sh/release-name': d.release, 'meta.helm.sh/release-namespace': d.namespace } : {}),
      },
      creationTimestamp: iso(d.createdAt),
      generation: d.generation,
      labels: { ...d.labels },
      name: d.name,
      namespace: d.namespace,
      uid: uid(`${d.namespace}/${d.name}`),
    },
    spec: {
      progressDeadlineSeconds: 600,
      replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { ...d.selector } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: { ...d.selector } },
        spec: {
          containers: [
            {
              image: d.image,
              imagePullPolicy: 'IfNotPresent',
              livenessProbe: probe('/healthz'),
              name: d.container,
              ports: [{ containerPort: d.port, name: 'http', protocol: 'TCP' }],
              readinessProbe: probe('/readyz'),
            },
          ],
          restartPolicy: 'Always',
        },
      },
    },
    status,
  };
}

function probe(path) {
  return { failureThreshold: 3, httpGet: { path, port: 'http', scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 };
}

function condition(type, status, reason, message, at) {
  return { lastTransitionTime: iso(at), lastUpdateTime: iso(at), message, reason, status, type };
}

function iso(t) {
  return new Date(t).toISOString().replace(/\.000Z$/, 'Z');
}

function uid(seed) {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** ReplicaSets behind a deployment: [{ name, image, replicas, ready }], newest first. */
export function replicaSets(state, d) {
  const health = imageHealth(state, d.image);
  const current = { name: `${d.name}-${rsHash(d.image)}`, image: d.image };
  if (health.healthy) return [{ ...current, replicas: d.replicas, ready: d.replicas }];
  if (d.servingImage && d.servingImage !== d.image) {
    return [
      { ...current, replicas: 1, ready: 0 },
      { name: `${d.name}-${rsHash(d.servingImage)}`, image: d.servingImage, replicas: d.replicas, ready: d.replicas },
    ];
  }
  return [{ ...current, replicas: d.replicas, ready: 0 }];
}

/** Pods derived from the ReplicaSets: deterministic names, phases from image health. */
export function pods(state, d) {
  const out = [];
  for (const rs of replicaSets(state, d)) {
    const health = imageHealth(state, rs.image);
    for (let i = 0; i < rs.replicas; i++) {
      const ready = i < rs.ready;
      out.push({
        name: `${rs.name}-${podSuffix(`${rs.name}/${i}`)}`,
        image: rs.image,
        ready,
        status: ready ? 'Running' : health.reason || 'CrashLoopBackOff',
        // A crash-looping container restarts; one whose image cannot be pulled never starts.
        restarts: ready || health.reason === 'ImagePullBackOff' ? 0 : 6,
        since: rs.image === d.image ? d.updatedAt : d.servingSince || d.createdAt,
      });
    }
  }
  return out;
}

/**
 * Points a deployment at a new image, as a Helm upgrade or rollback does: a new deployment
 * revision, and ReplicaSet scaling events. A healthy image takes over at once.
 */
export function setDeploymentImage(state, d, image, labels, at) {
  if (labels) Object.assign(d.labels, labels);
  // Only a changed pod template makes a new rollout; labels on the deployment itself do not.
  if (image === d.image) return;
  const previous = d.image;
  const oldServing = d.servingImage;
  d.image = image;
  d.generation += 1;
  d.revision += 1;
  d.updatedAt = at;
  d.events ??= [];
  const health = imageHealth(state, image);
  if (health.healthy) {
    d.events.push(event(at, `Scaled up replica set ${d.name}-${rsHash(image)} to ${d.replicas}`));
    if (oldServing && oldServing !== image) {
      d.events.push(event(at, `Scaled down replica set ${d.name}-${rsHash(oldServing)} to 0 from ${d.replicas}`));
    }
    d.servingImage = image;
    d.servingSince = at;
  } else {
    d.events.push(event(at, `Scaled up replica set ${d.name}-${rsHash(image)} to 1`));
    if (previous !== oldServing && previous !== image) {
      d.events.push(event(at, `Scaled down replica set ${d.name}-${rsHash(previous)} to 0 from 1`));
    }
  }
  d.events = d.events.slice(-10);
}

function event(at, message) {
  return { type: 'Normal', reason: 'ScalingReplicaSet', from: 'deployment-controller', at, message };
}

/** Appends to the audit trail of changes made through the sandbox tools. */
export function record(state, at, tool, argv, change) {
  state.audit ??= [];
  state.audit.push({ at, tool, argv, change });
}
