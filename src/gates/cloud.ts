// Cloud CLIs: aws, gcloud (and gsutil), az, gh: deletes, terminations, stops, failovers, and the
// calls that roll a service to another version or size.
import type { GateFamily, Invocation } from './gate-entry.js';
import type { Word } from './read-argv.js';

const AWS_VALUES = ['--profile', '--region', '--output', '--endpoint-url', '--query', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format'];

/** `aws [globals] SERVICE OPERATION …`. */
function awsCall(command: Invocation): { service: Word | undefined; operation: Word | undefined; has: (...names: string[]) => boolean } {
  const argv = command.argv({ values: AWS_VALUES });
  return { service: argv.operands[0], operation: argv.operands[1], has: argv.has };
}

const AWS_DELETE = /^(?:delete|terminate|remove|deregister|purge|release|deprovision)-/;
const AWS_STOP = /^(?:stop|reboot|failover|promote|revoke|detach|disassociate|disable|cancel|reset|switchover)-/;
const AWS_DEPLOY: Readonly<Record<string, readonly string[]>> = {
  ecs: ['update-service'],
  lambda: ['update-function-code', 'update-alias', 'update-function-configuration', 'put-function-concurrency'],
  autoscaling: ['set-desired-capacity', 'update-auto-scaling-group', 'suspend-processes'],
  elbv2: ['modify-listener', 'modify-rule', 'register-targets', 'set-rule-priorities'],
  route53: ['change-resource-record-sets'],
  cloudformation: ['deploy', 'update-stack', 'execute-change-set', 'cancel-update-stack', 'continue-update-rollback', 'rollback-stack'],
  rds: ['modify-db-instance', 'modify-db-cluster'],
  eks: ['update-nodegroup-config', 'update-cluster-version', 'update-nodegroup-version'],
  ssm: ['send-command'],
};

/** gcloud and az name a call by its leading words (`compute instances delete NAME`): any of them. */
const anyOperand = (command: Invocation, values: readonly string[], test: (word: Word) => boolean): boolean => command.argv({ values }).operands.some(test);

const GCLOUD_VALUES = ['--project', '--zone', '--region', '--account', '--configuration', '--format', '--filter', '--verbosity', '--impersonate-service-account', '--location', '--cluster', '--instance', '--size', '--num-nodes', '--to-revisions', '--async'];
const AZ_VALUES = ['-g', '--resource-group', '-n', '--name', '--subscription', '-o', '--output', '--query', '-l', '--location', '--slot', '--target-slot', '--node-count', '-c'];

const gh = (command: Invocation): Word[] => command.argv({ values: ['-R', '--repo', '-X', '--method', '-H', '--header', '-f', '--raw-field', '-F', '--field', '--hostname', '-q', '--jq', '-t', '--template'] }).operands;

export const cloudGates: GateFamily = {
  name: 'Cloud CLIs',
  notes:
    'aws operations are read by their name: `delete-*`, `terminate-*`, `stop-*`, `failover-*` and their kin, and a short list of calls that deploy, scale or shift traffic. ' +
    '`describe-*`, `list-*`, `get-*` are never gated; neither is `aws s3 rm` of one object, as `rm` of one file is not. ' +
    'gcloud and az are read by the words that name the call (`compute instances delete`).',
  entries: [
    {
      id: 'aws-delete',
      tools: ['aws'],
      reason: 'aws delete-*, terminate-* or remove-* deletes cloud resources',
      matches: '`delete-*`, `terminate-*`, `remove-*`, `deregister-*`, `purge-*`, `release-*`; `s3 rb`, `s3 rm --recursive`, `s3 sync --delete`',
      gated: ['aws ec2 terminate-instances --instance-ids i-0abc', 'aws rds delete-db-instance --db-instance-identifier shop', 'aws s3 rm s3://backups/2023/ --recursive', 'aws s3 rb s3://old-bucket --force', 'aws --region eu-west-1 sqs purge-queue --queue-url https://sqs/q', 'aws s3 sync build/ s3://site --delete'],
      notGated: ['aws ec2 describe-instances', 'aws s3 ls s3://backups/', 'aws s3 rm s3://backups/one.tar.gz', 'aws s3 cp app.tar.gz s3://releases/'],
      match: (command) => {
        const call = awsCall(command);
        if (command.is(call.service, 's3')) return command.is(call.operation, 'rb') || (command.is(call.operation, 'rm') && call.has('--recursive')) || (command.is(call.operation, 'sync') && call.has('--delete'));
        return command.test(call.operation, AWS_DELETE);
      },
    },
    {
      id: 'aws-stop',
      tools: ['aws'],
      reason: 'aws stop-*, reboot-*, failover-* or promote-* interrupts a running service or moves its primary',
      matches: '`stop-*`, `reboot-*`, `failover-*`, `promote-*`, `revoke-*`, `detach-*`, `disassociate-*`, `disable-*`, `cancel-*`, `reset-*`',
      gated: ['aws ec2 stop-instances --instance-ids i-0abc', 'aws rds reboot-db-instance --db-instance-identifier shop --force-failover', 'aws rds failover-db-cluster --db-cluster-identifier shop', 'aws rds promote-read-replica --db-instance-identifier shop-replica'],
      notGated: ['aws rds describe-db-instances', 'aws ec2 start-instances --instance-ids i-0abc'],
      match: (command) => command.test(awsCall(command).operation, AWS_STOP),
    },
    {
      id: 'aws-deploy',
      tools: ['aws'],
      reason: 'this aws call deploys, rolls back, scales or shifts traffic for a running service',
      matches: Object.entries(AWS_DEPLOY).map(([service, operations]) => `\`${service} ${operations.join('|')}\``).join(', '),
      gated: ['aws ecs update-service --cluster prod --service web --task-definition web:41', 'aws lambda update-alias --function-name api --name live --function-version 12', 'aws autoscaling set-desired-capacity --auto-scaling-group-name web --desired-capacity 0', 'aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch file://failover.json'],
      notGated: ['aws ecs describe-services --cluster prod --services web', 'aws lambda get-alias --function-name api --name live'],
      match: (command) => {
        const { service, operation } = awsCall(command);
        return Object.entries(AWS_DEPLOY).some(([name, operations]) => command.is(service, name) && command.is(operation, ...operations));
      },
    },
    {
      id: 'gcloud-delete',
      tools: ['gcloud'],
      reason: 'gcloud delete, stop, resize, restore or failover removes or interrupts cloud resources',
      matches: '`delete`, `remove-*`, `stop`, `reset`, `suspend`, `resize`, `restart`, `failover`, `promote-replica`, `restore`, `restore-backup`, `rolling-action`, `recreate-instances`, `abandon-instances`, `update-traffic`, `set-traffic`, `migrate`',
      gated: ['gcloud compute instances delete web-1 --zone europe-west1-b', 'gcloud sql instances failover shop', 'gcloud container clusters resize prod --num-nodes 0', 'gcloud run services update-traffic api --to-revisions api-00041=100', 'gcloud compute instance-groups managed rolling-action restart web'],
      notGated: ['gcloud compute instances list', 'gcloud sql instances describe shop', 'gcloud run revisions list --service api'],
      match: (command) => anyOperand(command, GCLOUD_VALUES, (word) => command.test(word, /^(?:delete|remove-[\w-]+|stop|reset|suspend|resize|restart|failover|promote-replica|restore|restore-backup|rolling-action|recreate-instances|abandon-instances|update-traffic|set-traffic|migrate)$/)),
    },
    {
      id: 'gsutil-rm',
      tools: ['gsutil'],
      reason: 'gsutil rm -r or rb deletes buckets or many objects',
      matches: '`rm -r`, `rm -a`, `rm` of a wildcard, `rb`, `rsync -d`',
      gated: ['gsutil -m rm -r gs://backups/2023', 'gsutil rm gs://logs/**', 'gsutil rb gs://old-bucket', 'gsutil rsync -d -r build gs://site'],
      notGated: ['gsutil ls gs://backups', 'gsutil rm gs://backups/one.tar.gz', 'gsutil cp app.tar.gz gs://releases/'],
      match: (command) => {
        const argv = command.argv({ values: ['-o', '-h', '-u', '-p'] });
        const [verb, ...paths] = argv.operands;
        return command.is(verb, 'rb') || (command.is(verb, 'rm') && (argv.has('-r', '-R', '-a') || paths.some((word) => word !== null && /[*?[]/.test(word)))) || (command.is(verb, 'rsync') && argv.has('-d'));
      },
    },
    {
      id: 'az-delete',
      tools: ['az'],
      reason: 'az delete, stop, deallocate, restart, failover, swap or scale removes or interrupts cloud resources',
      matches: '`delete`, `purge`, `stop`, `deallocate`, `restart`, `failover`, `swap`, `scale`, `restore`',
      gated: ['az group delete --name rg-old --yes', 'az vm deallocate -g prod -n web-1', 'az webapp deployment slot swap -g prod -n api --slot staging', 'az aks scale -g prod -n cluster --node-count 0', 'az sql failover-group set-primary -g prod -s sql2 -n fg'],
      notGated: ['az vm list -o table', 'az group show --name prod', 'az aks show -g prod -n cluster'],
      match: (command) => anyOperand(command, AZ_VALUES, (word) => command.test(word, /^(?:delete|purge|stop|deallocate|restart|failover|swap|scale|restore|set-primary)$/)),
    },
    {
      id: 'gh-delete',
      tools: ['gh'],
      reason: 'gh release, repo, secret or variable delete (or an API DELETE) removes what others use',
      matches: '`release delete|delete-asset`, `repo delete|archive`, `secret|variable delete`, `api -X DELETE`',
      gated: ['gh release delete v1.2.3 --yes', 'gh repo delete org/old --yes', 'gh secret delete DEPLOY_KEY', 'gh api -X DELETE repos/org/app/git/refs/tags/v1'],
      notGated: ['gh release list', 'gh release view v1.2.3', 'gh api repos/org/app/releases'],
      match: (command) => {
        const [group, verb] = gh(command);
        const method = command.argv({ values: ['-X', '--method'] }).values('-X', '--method');
        return (
          (command.is(group, 'release') && command.is(verb, 'delete', 'delete-asset')) ||
          (command.is(group, 'repo') && command.is(verb, 'delete', 'archive')) ||
          (command.is(group, 'secret', 'variable') && command.is(verb, 'delete', 'remove')) ||
          (command.is(group, 'api') && method.some((value) => command.test(value, /^delete$/i)))
        );
      },
    },
  ],
};
