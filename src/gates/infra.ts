// Infrastructure as code: terraform (and tofu, terragrunt), pulumi, ansible, cdk and serverless.
import type { GateFamily, Invocation } from './gate-entry.js';
import type { Word } from './read-argv.js';

// Read with singleDashLong, so `-var` is looked up as `--var`.
const TERRAFORM_VALUES = ['var', 'var-file', 'target', 'replace', 'out', 'lock-timeout', 'parallelism', 'state', 'state-out', 'backup', 'chdir', 'config'].map((name) => `--${name}`);

/** `terraform [-chdir=…] VERB SUB…`; terragrunt's `run-all VERB` and `run -- VERB` read as `VERB`. */
function terraformWords(command: Invocation): Word[] {
  const words = command.argv({ values: TERRAFORM_VALUES, singleDashLong: true }).operands;
  if (command.name === 'terragrunt' && (words[0] === 'run-all' || words[0] === 'run')) return words.slice(1);
  return words;
}

const ANSIBLE_READ_ONLY = /^(?:ansible\.builtin\.)?(?:ping|setup|gather_facts|debug|stat|slurp|find|assert|wait_for|command|shell|raw|\w+_(?:info|facts))$/;

export const infraGates: GateFamily = {
  name: 'Infrastructure as code',
  notes:
    '`terraform plan` (also `plan -destroy`), `validate`, `show`, `output` and `state list` are not gated; `apply` is gated even with a saved plan, which is still applied. ' +
    '`ansible … -a "cmd"` with the command, shell or raw module is looked through: the command it runs on the hosts is checked. ' +
    '`--check` runs of ansible change nothing and are not gated.',
  entries: [
    {
      id: 'terraform-apply',
      tools: ['terraform', 'tofu', 'terragrunt'],
      reason: 'terraform apply, destroy or import changes real infrastructure',
      matches: '`apply`, `destroy`, `import`; terragrunt `run-all apply|destroy`',
      gated: ['terraform apply -auto-approve', 'terraform -chdir=envs/prod apply tfplan', 'terraform destroy -target=module.cache', 'tofu apply', 'terragrunt run-all apply', 'terraform import aws_instance.web i-0abc'],
      notGated: ['terraform plan', 'terraform plan -destroy -out=tfplan', 'terraform validate', 'terraform output -json'],
      match: (command) => command.is(terraformWords(command)[0], 'apply', 'destroy', 'import'),
    },
    {
      id: 'terraform-state',
      tools: ['terraform', 'tofu', 'terragrunt'],
      reason: 'terraform state rm or mv, taint, untaint or force-unlock rewrites what terraform knows of the infrastructure',
      matches: '`state rm|mv|push|replace-provider`, `taint`, `untaint`, `force-unlock`, `workspace delete`',
      gated: ['terraform state rm module.db.aws_db_instance.main', 'terraform state mv a.b c.d', 'terraform taint aws_instance.web', 'terraform force-unlock 6638c1b2', 'terraform workspace delete staging'],
      notGated: ['terraform state list', 'terraform state show aws_instance.web', 'terraform workspace list'],
      match: (command) => {
        const [verb, sub] = terraformWords(command);
        return (
          command.is(verb, 'taint', 'untaint', 'force-unlock') ||
          (command.is(verb, 'state') && command.is(sub, 'rm', 'mv', 'push', 'replace-provider')) ||
          (command.is(verb, 'workspace') && command.is(sub, 'delete'))
        );
      },
    },
    {
      id: 'pulumi-up',
      tools: ['pulumi'],
      reason: 'pulumi up, destroy or import changes real infrastructure',
      matches: '`up`, `update`, `destroy`, `import`, `stack rm`, `state delete|move`',
      gated: ['pulumi up --yes', 'pulumi destroy -s prod --yes', 'pulumi stack rm dev', 'pulumi state delete urn:pulumi:prod::app::aws:s3/bucket:Bucket::logs'],
      notGated: ['pulumi preview', 'pulumi stack ls', 'pulumi config get region'],
      match: (command) => {
        const [verb, sub] = command.argv({ values: ['-s', '--stack', '-C', '--cwd', '--config-file', '-c', '--config', '-t', '--target', '-m', '--message', '-p', '--parallel'] }).operands;
        return command.is(verb, 'up', 'update', 'destroy', 'import') || (command.is(verb, 'stack') && command.is(sub, 'rm')) || (command.is(verb, 'state') && command.is(sub, 'delete', 'move'));
      },
    },
    {
      id: 'ansible-playbook',
      tools: ['ansible-playbook'],
      reason: 'ansible-playbook changes the hosts it runs against',
      matches: 'any run but `--check`, `--syntax-check`, `--list-*`',
      gated: ['ansible-playbook -i inventory/prod site.yml', 'ansible-playbook deploy.yml -l web --tags restart'],
      notGated: ['ansible-playbook site.yml --check', 'ansible-playbook site.yml --syntax-check', 'ansible-playbook site.yml --list-hosts'],
      match: (command) => !command.argv({ values: ['-i', '-e', '-l', '-t', '--tags', '--skip-tags', '-u', '-f', '--vault-password-file', '--become-user', '-c'] }).has('-C', '--check', '--syntax-check', '--list-hosts', '--list-tasks', '--list-tags', '--help', '--version'),
    },
    {
      id: 'ansible-module',
      tools: ['ansible'],
      reason: 'ansible -m runs a module that changes the hosts it targets',
      matches: '`-m MODULE` for any module that is not read-only (`ping`, `setup`, `stat`, `*_info`, …)',
      gated: ['ansible web -m service -a "name=nginx state=restarted"', 'ansible all -b -m reboot', 'ansible db -m ansible.builtin.file -a "path=/data state=absent"'],
      notGated: ['ansible all -m ping', 'ansible web -m setup', 'ansible web -m service -a "name=nginx state=restarted" --check'],
      match: (command) => {
        const argv = command.argv({ values: ['-m', '--module-name', '-a', '--args', '-i', '--inventory', '-e', '--extra-vars', '-l', '--limit', '-u', '-f', '--become-user', '-c', '-M'] });
        const modules = argv.values('-m', '--module-name');
        return !argv.has('-C', '--check') && modules.some((module) => module === null ? command.guessing : !ANSIBLE_READ_ONLY.test(module));
      },
    },
    {
      id: 'cdk-deploy',
      tools: ['cdk', 'serverless', 'sls'],
      reason: 'cdk or serverless deploy or destroy changes cloud stacks',
      matches: '`deploy`, `destroy`, `remove`, `rollback`',
      gated: ['cdk deploy --all --require-approval never', 'cdk destroy ApiStack', 'serverless deploy --stage prod', 'sls remove --stage dev', 'serverless rollback --timestamp 1700000000'],
      notGated: ['cdk diff', 'cdk synth', 'serverless info --stage prod'],
      match: (command) => command.is(command.argv({ values: ['-a', '--app', '-c', '--context', '--profile', '--stage', '-s', '--region', '-r', '--timestamp', '-t'] }).operands[0], 'deploy', 'destroy', 'remove', 'rollback'),
    },
  ],
};
