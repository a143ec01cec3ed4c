// docker, podman, nerdctl, compose and crictl: what removes, stops or prunes containers, images,
// volumes and networks.
import type { GateFamily, Invocation } from './gate-entry.js';
import type { Word } from './read-argv.js';

const ENGINE_VALUES = [
  '-H', '--host', '--context', '-c', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey',
  '--connection', '--url', '--identity', '--root', '--runroot', '--storage-driver', '--cgroup-manager',
  '-f', '--filter', '--file', '-p', '--project-name', '--project-directory', '--profile', '--env-file', '-t', '--time', '-s', '--signal',
];

const ENGINES = ['docker', 'podman', 'nerdctl'];

/** `docker compose VERB` or `docker-compose VERB`: the words after `compose`. */
function engineWords(command: Invocation): Word[] {
  return command.argv({ values: ENGINE_VALUES }).operands;
}

/** `VERB` or `GROUP VERB` (`docker rm`, `docker container rm`). */
function engineVerb(command: Invocation, groups: readonly string[], verbs: readonly string[], plain: readonly string[]): boolean {
  const [first, second] = engineWords(command);
  return command.is(first, ...plain) || (command.is(first, ...groups) && command.is(second, ...verbs));
}

export const containersGates: GateFamily = {
  name: 'Containers',
  notes:
    'docker, podman and nerdctl are read alike; `docker exec CONTAINER …` is looked through, so what runs inside is checked. ' +
    '`docker run`, `docker compose up` and `docker pull` are not gated: they start or fetch, and a stopped service is brought back that way.',
  entries: [
    {
      id: 'docker-remove',
      tools: ENGINES,
      reason: 'docker rm, rmi or prune deletes containers, images, volumes or networks',
      matches: '`rm`, `rmi`, `container|image|volume|network|pod|secret|config rm`, `system|container|image|volume|network|builder prune`, `system reset`',
      gated: ['docker rm -f web', 'docker rmi registry/web:1.2.3', 'docker system prune -af', 'docker volume rm pgdata', 'podman pod rm -f app', 'docker image prune -a --filter until=24h'],
      notGated: ['docker ps', 'docker images', 'docker volume ls', 'docker system df', 'docker logs web'],
      match: (command) => engineVerb(command, ['container', 'image', 'volume', 'network', 'pod', 'secret', 'config', 'system', 'builder', 'buildx'], ['rm', 'remove', 'prune', 'reset'], ['rm', 'rmi']),
    },
    {
      id: 'docker-stop',
      tools: ENGINES,
      reason: 'docker stop, kill, restart or pause interrupts what a container serves',
      matches: '`stop`, `kill`, `restart`, `pause`, also under `container` and `pod`',
      gated: ['docker stop web', 'docker kill -s HUP web', 'docker container restart web', 'podman pod stop app'],
      notGated: ['docker start web', 'docker inspect web'],
      match: (command) => engineVerb(command, ['container', 'pod'], ['stop', 'kill', 'restart', 'pause'], ['stop', 'kill', 'restart', 'pause']),
    },
    {
      id: 'compose-down',
      tools: [...ENGINES, 'docker-compose', 'podman-compose'],
      reason: 'compose down, rm, stop, kill or restart takes a compose project\'s services down',
      matches: '`compose down|rm|stop|kill|restart|pause`, `docker-compose …`',
      gated: ['docker compose down -v', 'docker-compose -f prod.yml stop web', 'docker compose -p shop restart', 'podman-compose down'],
      notGated: ['docker compose ps', 'docker compose up -d', 'docker-compose logs --tail 100 web'],
      match: (command) => {
        const words = engineWords(command);
        const verb = command.name.endsWith('-compose') ? words[0] : command.is(words[0], 'compose') ? words[1] : undefined;
        return command.is(verb, 'down', 'rm', 'stop', 'kill', 'restart', 'pause');
      },
    },
    {
      id: 'docker-swarm',
      tools: ENGINES,
      reason: 'docker service, stack, node or swarm changes remove, scale or roll back swarm services',
      matches: '`service rm|scale|update|rollback`, `stack rm|down`, `node rm|demote|update`, `swarm leave`',
      gated: ['docker service scale web=0', 'docker service rollback web', 'docker stack rm shop', 'docker swarm leave --force'],
      notGated: ['docker service ls', 'docker service ps web', 'docker node ls'],
      match: (command) => {
        const [group, verb] = engineWords(command);
        return (
          (command.is(group, 'service') && command.is(verb, 'rm', 'remove', 'scale', 'update', 'rollback')) ||
          (command.is(group, 'stack') && command.is(verb, 'rm', 'remove', 'down')) ||
          (command.is(group, 'node') && command.is(verb, 'rm', 'remove', 'demote', 'update')) ||
          (command.is(group, 'swarm') && command.is(verb, 'leave'))
        );
      },
    },
    {
      id: 'crictl-remove',
      tools: ['crictl'],
      reason: 'crictl rm, rmi, rmp, stop or stopp removes or stops containers and pods under the kubelet',
      matches: '`rm`, `rmi`, `rmp`, `stop`, `stopp`',
      gated: ['crictl rm -f 3f2a', 'crictl rmi --prune', 'crictl stopp 9c1d'],
      notGated: ['crictl ps -a', 'crictl pods', 'crictl logs 3f2a'],
      match: (command) => command.is(command.argv({ values: ['-r', '--runtime-endpoint', '-i', '--image-endpoint', '-t', '--timeout', '-c', '--config'] }).operands[0], 'rm', 'rmi', 'rmp', 'stop', 'stopp'),
    },
  ],
};
