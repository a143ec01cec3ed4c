// Schema migrations run backwards, and database resets: Django, Rails, knex, sequelize, typeorm,
// Laravel, Ecto, alembic, flyway, liquibase, goose, golang-migrate, dbmate, sqlx, diesel,
// sqitch, prisma, and project scripts named for it (`npm run migrate:down`, `make migrate-down`).
import type { GateFamily, Invocation } from './gate-entry.js';
import type { Word } from './read-argv.js';

// `migrate:down`, `migrate-rollback`, `db:migrate:undo:all`, `migration:revert`, `migrate:fresh`.
const MIGRATE_BACK = /^(?:db:)?migrat\w*[:_.-](?:down|rollback|revert|undo|reset|redo|fresh|refresh)\b/i;
// Rails, Laravel, typeorm, Ecto: tasks that drop or reload the schema.
const RESET_TASK = /^(?:db:(?:rollback|drop|reset|wipe|purge|schema:load|truncate_all|seed:replant)|schema:drop|ecto\.(?:rollback|drop|reset))$/i;
// Commands that only print or search the words they are given.
const TEXT_TOOLS = new Set(['echo', 'printf', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'git', 'cat', 'less', 'sed', 'awk', 'man', 'which', 'type', 'ls']);

/** `python manage.py …`, `./manage.py …`, `django-admin …`, `python -m django …`: the words after. */
function djangoWords(command: Invocation): Word[] | undefined {
  const argv = command.argv({ values: ['-W', '-X', '-c', '--settings', '--database', '--pythonpath'] });
  if (command.name === 'manage.py' || command.name === 'django-admin') return argv.operands;
  if (command.name !== 'python') return undefined;
  const module = argv.values('-m')[0];
  if (module === 'django') return argv.operands;
  const [script, ...rest] = argv.operands;
  return script !== null && script !== undefined && /(?:^|\/)manage\.py$/.test(script) ? rest : undefined;
}

/** Tools whose verb (and sub-verb) runs migrations down or wipes the schema. */
const TOOL_VERBS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  alembic: [['downgrade']],
  flask: [['db', 'downgrade']],
  flyway: [['undo'], ['clean']],
  goose: [['down'], ['down-to'], ['reset'], ['redo']],
  migrate: [['down'], ['drop'], ['force'], ['goto']],
  dbmate: [['down'], ['rollback'], ['drop']],
  sqlx: [['migrate', 'revert'], ['database', 'drop'], ['database', 'reset']],
  diesel: [['migration', 'revert'], ['migration', 'redo'], ['database', 'reset']],
  sqitch: [['revert']],
  yoyo: [['rollback']],
  prisma: [['migrate', 'reset']],
  atlas: [['migrate', 'down']],
};

export const migrationsGates: GateFamily = {
  name: 'Migrations',
  notes:
    'Migrations run forward (`manage.py migrate`, `rails db:migrate`, `alembic upgrade head`) are not gated: that is how a release goes out. ' +
    'Going back is: a down migration, a rollback, a named target migration (which may be behind the current one), or a reset that drops and reloads the schema.',
  entries: [
    {
      id: 'django-migrate-target',
      tools: ['python', 'manage.py', 'django-admin'],
      reason: 'manage.py migrate APP TARGET moves an app to a named migration, unapplying every later one (`zero` unapplies them all)',
      matches: '`migrate APP TARGET` (not `--plan`)',
      gated: ['python manage.py migrate orders 0041', 'python3 manage.py migrate orders zero', './manage.py migrate --database replica orders 0002_auto', 'django-admin migrate orders 0007 --settings=prod'],
      notGated: ['python manage.py migrate', 'python manage.py migrate orders', 'python manage.py showmigrations', 'python manage.py migrate orders 0041 --plan'],
      match: (command) => {
        const words = djangoWords(command);
        return words !== undefined && command.is(words[0], 'migrate') && words.length >= 3 && !command.argv().has('--plan', '--check');
      },
    },
    {
      id: 'migration-down',
      tools: [],
      reason: 'a down migration or a schema reset changes the database backwards',
      matches: 'a task or script named `migrate:down`, `migrate-rollback`, `migration:revert`, `db:migrate:undo`, `db:rollback`, `db:drop`, `db:reset`, `db:wipe`, `ecto.rollback`, …; `rails db:migrate VERSION=…`',
      gated: ['npm run migrate:down', 'yarn knex migrate:rollback --all', 'make migrate-down', 'bundle exec rails db:rollback STEP=2', 'rake db:migrate VERSION=20240101000000', 'php artisan migrate:fresh --force', 'npx sequelize-cli db:migrate:undo:all', 'mix ecto.rollback --step 1', 'npx typeorm migration:revert -d dist/data-source.js', './scripts/migrate-rollback.sh'],
      notGated: ['npm run migrate', 'rails db:migrate', 'rake db:migrate:status', 'npx knex migrate:latest', 'grep -r migrate:down docs', 'echo "npm run migrate:down"'],
      match: (command) => {
        if (TEXT_TOOLS.has(command.name)) return false;
        const words = [command.name.replace(/\.\w+$/, ''), ...command.argv().operands.slice(0, 3)];
        const migrateTo = words.includes('db:migrate') && command.args.some((word) => word !== null && /^VERSION=/.test(word));
        return migrateTo || words.some((word) => word !== null && (MIGRATE_BACK.test(word) || RESET_TASK.test(word)));
      },
    },
    {
      id: 'migration-tool-down',
      tools: Object.keys(TOOL_VERBS).concat('liquibase'),
      reason: 'this migration tool runs migrations down or wipes the schema',
      matches: `${Object.entries(TOOL_VERBS).map(([tool, verbs]) => `\`${tool} ${verbs.map((verb) => verb.join(' ')).join('|')}\``).join(', ')}, \`liquibase rollback*|dropAll\``,
      gated: ['alembic downgrade -1', 'flask db downgrade', 'flyway -url=jdbc:postgresql://db/app clean', 'liquibase rollbackCount 1', 'goose postgres "$DSN" down', 'migrate -path db/migrations -database "$DB_URL" down 1', 'dbmate rollback', 'npx prisma migrate reset --force', 'diesel migration revert', 'sqitch revert --to @HEAD^'],
      notGated: ['alembic upgrade head', 'alembic current', 'flyway info', 'liquibase update', 'goose postgres "$DSN" status', 'npx prisma migrate deploy'],
      match: (command) => {
        // golang-migrate and flyway spell long options with one dash (`-path`, `-url=…`).
        const singleDashLong = command.name === 'migrate' || command.name === 'flyway';
        const operands = command.argv({ values: ['--path', '--database', '--source', '--dir', '--url', '--schema', '-c', '--config', '-x', '--to'], singleDashLong }).operands;
        if (command.name === 'liquibase') return operands.some((word) => command.test(word, /^(?:rollback\w*|drop-?all)$/i));
        // goose takes a driver and a connection string before its verb.
        const start = command.name === 'goose' ? operands.findIndex((word) => word !== null && (TOOL_VERBS.goose ?? []).some(([verb]) => verb === word)) : 0;
        const words = operands.slice(Math.max(start, 0));
        return (TOOL_VERBS[command.name] ?? []).some((verbs) => verbs.every((verb, i) => command.is(words[i], verb)));
      },
    },
  ],
};
