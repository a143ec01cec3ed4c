// Database clients and tools: destructive SQL (and mongosh JavaScript) given on the command
// line, in a heredoc or piped in; SQL from files and restores; redis, etcd, Patroni and
// PostgreSQL server control.
import { classifyMongo, classifySql, type SqlKind } from './classify-sql.js';
import { anyCall, type GateEntry, type GateFamily, type Invocation } from './gate-entry.js';
import type { Word } from './read-argv.js';

interface ClientSpec {
  values: readonly string[];
  /** Options whose value is a script to run. */
  script: readonly string[];
  /** Options whose value names a file of statements. */
  file: readonly string[];
  attached?: readonly string[];
  /** sqlite3 spells its long options with one dash (`-cmd`). */
  singleDashLong?: boolean;
  language: 'sql' | 'js';
}

const MYSQL: ClientSpec = {
  values: ['-e', '--execute', '-u', '--user', '-h', '--host', '-P', '--port', '-D', '--database', '-S', '--socket', '--default-character-set', '--defaults-file', '--defaults-extra-file', '--login-path', '--init-command'],
  script: ['-e', '--execute', '--init-command'],
  file: [],
  attached: ['-p'],
  language: 'sql',
};
const MONGOSH: ClientSpec = {
  values: ['--eval', '-f', '--file', '-u', '--username', '-p', '--password', '--host', '--port', '--authenticationDatabase', '--authenticationMechanism', '--tlsCAFile', '--tlsCertificateKeyFile'],
  script: ['--eval'],
  file: ['-f', '--file'],
  language: 'js',
};

const CLIENTS: Readonly<Record<string, ClientSpec>> = {
  psql: {
    values: ['-c', '--command', '-f', '--file', '-d', '--dbname', '-h', '--host', '-p', '--port', '-U', '--username', '-v', '--set', '--variable', '-o', '--output', '-L', '--log-file', '-P', '--pset', '-F', '--field-separator', '-R', '--record-separator', '-T', '--table-attr'],
    script: ['-c', '--command'],
    file: ['-f', '--file'],
    language: 'sql',
  },
  mysql: MYSQL,
  mariadb: MYSQL,
  cqlsh: { values: ['-e', '--execute', '-f', '--file', '-u', '--username', '-p', '--password', '-k', '--keyspace', '--cqlshrc', '--request-timeout', '--connect-timeout'], script: ['-e', '--execute'], file: ['-f', '--file'], language: 'sql' },
  sqlite3: { values: ['--cmd', '--init', '--separator', '--nullvalue', '--newline'], script: ['--cmd'], file: ['--init'], singleDashLong: true, language: 'sql' },
  mongosh: MONGOSH,
  mongo: MONGOSH,
};

/** What a client is given to run: scripts (null when only known at run time), and whether some comes from where this text cannot see. */
function clientScripts(command: Invocation): { language: 'sql' | 'js'; scripts: Word[]; unseen: boolean } | undefined {
  const spec = CLIENTS[command.name];
  if (!spec) return undefined;
  const argv = command.argv({ values: spec.values, attached: spec.attached ?? [], singleDashLong: spec.singleDashLong ?? false });
  const scripts = argv.values(...spec.script);
  let unseen = argv.values(...spec.file).length > 0;
  // sqlite3 DB SQL…: the statements follow the database file.
  if (command.name === 'sqlite3') scripts.push(...argv.operands.slice(1));
  // mongosh runs the .js files it is given after the connection string.
  if (spec.language === 'js' && argv.operands.some((word) => word === null || /\.js$/.test(word))) unseen = true;
  if (command.input) {
    if (command.input.text === null && command.input.from !== 'here-string') unseen = true;
    else scripts.push(command.input.text);
  }
  return { language: spec.language, scripts, unseen };
}

const classify = (language: 'sql' | 'js', script: string): Set<SqlKind> => (language === 'js' ? classifyMongo(script) : classifySql(script));

const SQL_TOOLS = ['psql', 'mysql', 'mariadb', 'cqlsh', 'sqlite3', 'mongosh', 'mongo'];

const sql = (kind: SqlKind, reason: string, matches: string, gated: string[], notGated: string[]): GateEntry => ({
  id: `sql-${kind}`,
  tools: SQL_TOOLS,
  reason,
  matches,
  gated,
  notGated,
  match: (command) => {
    const given = clientScripts(command);
    if (!given) return false;
    if (kind === 'file' && given.unseen) return true;
    return given.scripts.some((script) => (script === null ? command.guessing : classify(given.language, script).has(kind)));
  },
});

const REDIS_VALUES = ['-h', '-p', '-s', '-a', '-u', '-n', '-r', '-i', '-d', '-D', '--user', '--pass', '--rdb', '--functions-rdb', '--pipe-timeout', '--pattern', '--count', '--quoted-pattern', '--eval', '--memkeys-samples', '--cert', '--key', '--cacert', '--cacertdir', '--tls-ciphers', '--tls-ciphersuites', '--sni', '--intrinsic-latency'];

/** The redis commands given: the arguments, else each line fed on standard input. */
function redisCommands(command: Invocation): { commands: Word[][]; unseen: boolean } {
  const argv = command.argv({ values: REDIS_VALUES });
  if (argv.operands.length > 0) return { commands: [argv.operands], unseen: false };
  if (!command.input) return { commands: [], unseen: false };
  if (command.input.text === null) return { commands: [[null]], unseen: command.input.from !== 'here-string' };
  return { commands: command.input.text.split('\n').map((line) => line.trim().split(/\s+/)), unseen: false };
}

const redis = (id: string, reason: string, matches: string, test: (words: Word[], command: Invocation) => boolean, gated: string[], notGated: string[]): GateEntry => ({
  id,
  tools: ['redis-cli', 'valkey-cli', 'keydb-cli'],
  reason,
  matches,
  gated,
  notGated,
  match: (command) => {
    const given = redisCommands(command);
    return (id === 'redis-input' && given.unseen) || given.commands.some((words) => test(words, command));
  },
});

const upper = (command: Invocation, word: Word | undefined, ...names: string[]): boolean => command.test(word, new RegExp(`^(?:${names.join('|')})$`, 'i'));

const verbAt = (id: string, tools: string[], reason: string, list: readonly string[], values: readonly string[], gated: string[], notGated: string[], sub?: { verb: string; subs: readonly string[] }[]): GateEntry => ({
  id,
  tools,
  reason,
  matches: [...list.map((verb) => `\`${verb}\``), ...(sub ?? []).map(({ verb, subs }) => `\`${verb} ${subs.join('|')}\``)].join(', '),
  gated,
  notGated,
  match: (command) => {
    const [first, second] = command.argv({ values }).operands;
    return command.is(first, ...list) || (sub ?? []).some(({ verb, subs }) => command.is(first, verb) && command.is(second, ...subs));
  },
});

const ETCD_VALUES = ['--endpoints', '--cacert', '--cert', '--key', '--user', '--password', '-w', '--write-out', '--dial-timeout', '--command-timeout', '--keepalive-time', '--keepalive-timeout', '--discovery-srv', '--discovery-srv-name', '--data-dir', '--name', '--initial-cluster', '--initial-cluster-token', '--initial-advertise-peer-urls'];
const PATRONI_VALUES = ['-c', '--config-file', '-d', '--dcs-url', '--dcs', '--group', '--leader', '--candidate', '--member', '--scheduled', '--role', '--pending'];
const PG_CTL_VALUES = ['-D', '--pgdata', '-m', '--mode', '-t', '--timeout', '-l', '--log', '-o', '--options', '-N', '-U', '-P', '-e'];

export const databasesGates: GateFamily = {
  name: 'Databases',
  notes:
    'SQL is read wherever a client is given it: `psql -c`, `mysql -e`, `cqlsh -e`, `sqlite3 DB "…"`, `mongosh --eval`, a heredoc or here-string, or `echo "…" |`. ' +
    'Quoted text and comments are set aside (`SELECT \'DROP\'` is a SELECT), each statement is read on its own, and `EXPLAIN` without `ANALYZE` only plans. ' +
    '`INSERT`, `CREATE`, `GRANT` and an `UPDATE … WHERE` are not gated; every `DELETE` is, with or without `WHERE`. ' +
    'SQL from a file (`-f`, `< dump.sql`, `\\i`) or from another command (`pg_dump … | psql`) cannot be checked, and is gated as a restore. ' +
    'SQL only known at run time (`psql -c "$SQL"`) is gated as what it may be. A client started with nothing to run is an interactive session, not gated here.',
  entries: [
    sql('drop', 'the database client runs DROP, which removes tables, databases or other objects for good', '`DROP …`; mongosh `drop()`, `dropDatabase()`',
      ['psql -c "DROP TABLE sessions"', 'mysql -u root -e "DROP DATABASE shop"', "ssh db 'psql -c \"DROP TABLE t\"'", "psql app <<'SQL'\nBEGIN;\nDROP INDEX idx_orders_created;\nCOMMIT;\nSQL", 'mongosh app --eval "db.sessions.drop()"'],
      ['psql -c "SELECT 1"', "psql -c \"SELECT 'DROP TABLE t'\"", 'psql -c "-- DROP TABLE t\nSELECT 1"', 'mysql -e "SHOW TABLES"']),
    sql('truncate', 'the database client runs TRUNCATE, which empties tables', '`TRUNCATE …`',
      ['psql -c "TRUNCATE TABLE jobs"', 'echo "TRUNCATE audit_log;" | mysql app', 'cqlsh -e "TRUNCATE shop.events"'],
      ['psql -c "SELECT count(*) FROM jobs"']),
    sql('delete', 'the database client runs DELETE, which deletes rows (every row when there is no WHERE)', '`DELETE …`; mongosh `deleteMany()`, `deleteOne()`, `remove()`',
      ['psql -c "DELETE FROM sessions"', 'psql -c "DELETE FROM sessions WHERE expires < now()"', 'mysql app <<< "DELETE FROM cache"', 'sqlite3 app.db "DELETE FROM jobs"', 'mongosh --eval "db.jobs.deleteMany({})"'],
      ['psql -c "EXPLAIN DELETE FROM sessions"', 'mongosh --eval "db.jobs.find({}).count()"']),
    sql('update-all', 'the database client runs an UPDATE without WHERE, which changes every row of a table', '`UPDATE` with no `WHERE`; mongosh `updateMany({})`',
      ['psql -c "UPDATE users SET active = false"', 'mysql -e "UPDATE flags SET enabled = 0"'],
      ['psql -c "UPDATE flags SET enabled = false WHERE name = \'checkout-v2\'"', 'psql -c "INSERT INTO audit VALUES (1)"']),
    sql('alter', 'the database client runs ALTER, which changes a schema, a role or the server', '`ALTER …`, `RENAME TABLE`; mongosh `renameCollection()`',
      ['psql -c "ALTER TABLE orders DROP COLUMN legacy_id"', 'mysql -e "ALTER TABLE orders ADD INDEX (created_at)"', 'psql -c "ALTER SYSTEM SET max_connections = 500"'],
      ['psql -c "\\d orders"']),
    sql('replication', 'the database client changes replication: promotes, stops or repoints a replica', '`STOP|RESET SLAVE|REPLICA|MASTER`, `CHANGE MASTER|REPLICATION SOURCE`, `SET … read_only`, `pg_promote()`, `pg_drop_replication_slot()`; mongosh `rs.stepDown()`, `rs.reconfig()`, `rs.remove()`',
      ['mysql -e "STOP SLAVE"', 'mysql -e "RESET MASTER"', 'mysql -e "SET GLOBAL read_only = OFF"', 'psql -c "SELECT pg_promote()"', "mongosh --eval 'rs.stepDown()'"],
      ['mysql -e "SHOW SLAVE STATUS\\G"', 'psql -c "SELECT * FROM pg_stat_replication"', "mongosh --eval 'rs.status()'"]),
    sql('terminate', 'the database client ends sessions, queries or the server', '`pg_terminate_backend()`, `pg_cancel_backend()`, `KILL`, `SHUTDOWN`; mongosh `shutdownServer()`, `killOp()`',
      ["psql -c \"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle in transaction'\"", 'mysql -e "KILL 1234"', "mongosh admin --eval 'db.shutdownServer()'"],
      ['psql -c "SELECT pid, state FROM pg_stat_activity"', 'mysql -e "SHOW PROCESSLIST"']),
    sql('rewrite', 'the database client rewrites tables under an exclusive lock (VACUUM FULL, CLUSTER, REINDEX)', '`VACUUM FULL`, `CLUSTER`, `REINDEX` without `CONCURRENTLY`; mongosh `compact`',
      ['psql -c "VACUUM FULL orders"', 'psql -c "REINDEX TABLE orders"'],
      ['psql -c "VACUUM ANALYZE orders"', 'psql -c "REINDEX TABLE CONCURRENTLY orders"']),
    sql('file', 'the database client runs statements from a file or from another command, which cannot be checked before they run', '`-f FILE`, `< FILE`, a pipe from anything but `echo`/`printf`, `\\i`, `source`, `\\gexec`; mongosh `FILE.js`, `load()`',
      ['psql app < dump.sql', 'psql -f migrate.sql app', 'gunzip -c backup.sql.gz | psql app', 'pg_dump old | psql new', 'mysql shop < shop.sql', 'kubectl exec -i db-0 -- psql app < restore.sql', 'mongosh app cleanup.js', 'psql -c "\\i fix.sql"'],
      ['psql app', 'psql -l', 'pg_dump app > app.sql']),
    {
      id: 'pg-restore',
      tools: ['pg_restore', 'mongorestore'],
      reason: 'pg_restore or mongorestore restores a dump into a live database, replacing what it holds',
      matches: '`pg_restore` into a database (`-d`, `--dbname`); `mongorestore`',
      gated: ['pg_restore -d app --clean app.dump', 'pg_restore --dbname=app -j 4 app.dump', 'mongorestore --drop dump/'],
      notGated: ['pg_restore -l app.dump', 'pg_restore -f app.sql app.dump', 'mongorestore --dryRun dump/', 'mongodump --out dump/'],
      match: (command) => {
        const argv = command.argv({ values: ['-d', '--dbname', '-f', '--file', '-j', '--jobs', '-n', '--schema', '-t', '--table', '-U', '--username', '-h', '--host', '-p', '--port', '-F', '--format', '-L', '--use-list', '--role', '--uri', '--nsInclude', '--nsExclude', '--db', '--collection'] });
        return command.name === 'pg_restore' ? argv.has('-d', '--dbname') : !argv.has('--dryRun', '--help', '--version');
      },
    },
    {
      id: 'dropdb',
      tools: ['dropdb', 'dropuser', 'pg_dropcluster'],
      reason: 'dropdb, dropuser or pg_dropcluster removes a database, a role or a whole cluster',
      matches: 'any call',
      gated: ['dropdb app', 'sudo -u postgres dropuser legacy', 'pg_dropcluster --stop 14 main'],
      notGated: ['createdb app_copy', 'pg_lsclusters'],
      match: anyCall,
    },
    {
      id: 'mysqladmin',
      tools: ['mysqladmin', 'mariadb-admin'],
      reason: 'mysqladmin drop, shutdown, kill or stop-replica removes a database or stops the server or its replication',
      matches: '`drop`, `shutdown`, `kill`, `stop-slave`, `stop-replica`',
      gated: ['mysqladmin -u root drop shop', 'mysqladmin shutdown', 'mysqladmin kill 1234,1235'],
      notGated: ['mysqladmin status', 'mysqladmin -u root -psecret processlist'],
      match: (command) => command.argv({ values: ['-u', '--user', '-h', '--host', '-P', '--port', '-S', '--socket'], attached: ['-p'] }).operands.some((word) => command.is(word, 'drop', 'shutdown', 'kill', 'stop-slave', 'stop-replica')),
    },
    redis('redis-flush', 'redis-cli flushall or flushdb deletes every key of the server or database', '`FLUSHALL`, `FLUSHDB` (any case)',
      (words, command) => upper(command, words[0], 'FLUSHALL', 'FLUSHDB'),
      ['redis-cli flushall', 'redis-cli -h cache01 -n 2 FLUSHDB ASYNC', 'redis-cli <<EOF\nSELECT 3\nFLUSHDB\nEOF'],
      ['redis-cli info memory', 'redis-cli ping', 'redis-cli dbsize']),
    redis('redis-delete', 'redis-cli del or unlink deletes keys', '`DEL`, `UNLINK`',
      (words, command) => upper(command, words[0], 'DEL', 'UNLINK'),
      ['redis-cli DEL session:42', "redis-cli --scan --pattern 'sess:*' | xargs redis-cli unlink"],
      ['redis-cli --scan --pattern "sess:*"', 'redis-cli GET session:42']),
    redis('redis-replication', 'redis-cli replicaof, slaveof or failover promotes or repoints a replica (SLAVEOF NO ONE makes it a primary)', '`SLAVEOF`, `REPLICAOF`, `FAILOVER`, `CLUSTER FAILOVER|RESET|FORGET|REPLICATE`',
      (words, command) => upper(command, words[0], 'SLAVEOF', 'REPLICAOF', 'FAILOVER') || (upper(command, words[0], 'CLUSTER') && upper(command, words[1], 'FAILOVER', 'RESET', 'FORGET', 'REPLICATE', 'DELSLOTS', 'FLUSHSLOTS')),
      ['redis-cli SLAVEOF NO ONE', 'redis-cli -h cache02 replicaof cache01 6379', 'redis-cli -c CLUSTER FAILOVER'],
      ['redis-cli INFO replication', 'redis-cli CLUSTER NODES']),
    redis('redis-shutdown', 'redis-cli shutdown, debug or client kill stops the server or drops its clients', '`SHUTDOWN`, `DEBUG`, `CLIENT KILL`',
      (words, command) => upper(command, words[0], 'SHUTDOWN', 'DEBUG') || (upper(command, words[0], 'CLIENT') && upper(command, words[1], 'KILL')),
      ['redis-cli shutdown nosave', 'redis-cli CLIENT KILL TYPE normal'],
      ['redis-cli CLIENT LIST']),
    redis('redis-input', 'redis-cli runs commands from a file or another command, which cannot be checked before they run', 'commands on standard input from a file or a pipe',
      () => false,
      ['redis-cli --pipe < mass-insert.txt', 'cat commands.txt | redis-cli'],
      ['echo PING | redis-cli']),
    verbAt('etcd-delete', ['etcdctl'], 'etcdctl del deletes keys (a Kubernetes cluster keeps all its state in etcd)', ['del'], ETCD_VALUES,
      ['etcdctl del /registry/pods/default/web-0', 'ETCDCTL_API=3 etcdctl --endpoints=https://10.0.0.1:2379 del --prefix /app/'],
      ['etcdctl get / --prefix --keys-only', 'etcdctl endpoint health']),
    verbAt('etcd-maintenance', ['etcdctl', 'etcdutl'], 'etcdctl defrag, compaction or snapshot restore blocks a member or replaces its data', ['defrag', 'compact', 'compaction'], ETCD_VALUES,
      ['etcdctl defrag --cluster', 'etcdctl compaction 123456', 'etcdutl snapshot restore backup.db --data-dir /var/lib/etcd-new', 'etcdctl snapshot restore backup.db'],
      ['etcdctl snapshot save backup.db', 'etcdctl snapshot status backup.db', 'etcdctl endpoint status -w table'],
      [{ verb: 'snapshot', subs: ['restore'] }, { verb: 'alarm', subs: ['disarm'] }]),
    verbAt('etcd-member', ['etcdctl'], 'etcdctl member changes or move-leader change who is in the etcd cluster, or who leads it', ['move-leader'], ETCD_VALUES,
      ['etcdctl member remove 8e9e05c52164694d', 'etcdctl move-leader 8e9e05c52164694d', 'etcdctl member add etcd-4 --peer-urls=https://10.0.0.4:2380'],
      ['etcdctl member list'],
      [{ verb: 'member', subs: ['remove', 'add', 'update', 'promote'] }, { verb: 'auth', subs: ['disable'] }]),
    {
      id: 'kafka-topic-delete',
      tools: ['kafka-topics', 'kafka-configs', 'kafka-delete-records', 'kafka-delete-records.sh', 'kafka-configs.sh'],
      reason: 'kafka-topics --delete, kafka-delete-records or a retention change deletes messages',
      matches: '`kafka-topics --delete`, `kafka-delete-records`, `kafka-configs --alter` of `retention.*`',
      gated: ['kafka-topics.sh --bootstrap-server b:9092 --delete --topic orders', 'kafka-delete-records.sh --bootstrap-server b:9092 --offset-json-file o.json', 'kafka-configs --alter --entity-type topics --entity-name orders --add-config retention.ms=1000'],
      notGated: ['kafka-topics.sh --bootstrap-server b:9092 --list', 'kafka-topics --describe --topic orders', 'kafka-configs --describe --entity-type topics --entity-name orders'],
      match: (command) => {
        if (command.name.startsWith('kafka-delete-records')) return anyCall(command);
        const argv = command.argv({ values: ['--bootstrap-server', '--topic', '--entity-type', '--entity-name', '--add-config', '--delete-config', '--command-config', '--zookeeper'] });
        if (command.name === 'kafka-topics') return argv.has('--delete');
        return argv.has('--alter') && argv.values('--add-config', '--delete-config').some((value) => command.test(value, /retention\./));
      },
    },
    {
      id: 'secret-store-delete',
      tools: ['vault', 'bao', 'consul'],
      reason: 'vault or consul delete, destroy or disable removes secrets or keys',
      matches: '`kv delete|destroy|metadata delete|undelete`, `secrets disable`, `lease revoke`, `delete`',
      gated: ['vault kv delete secret/orders', 'vault kv destroy -versions=2 secret/orders', 'vault kv metadata delete secret/orders', 'vault secrets disable kv-old', 'vault lease revoke -prefix aws/', 'vault delete auth/approle/role/ci', 'consul kv delete -recurse orders/', 'bao kv delete secret/orders'],
      notGated: ['vault kv get secret/orders', 'vault kv list secret/', 'vault status', 'consul kv get orders/flag', 'consul members'],
      match: (command) => {
        const [first, second, third] = command.argv({ values: ['-address', '-namespace', '-mount', '-versions', '-format', '-token', '-http-addr', '-datacenter'] }).operands;
        if (command.name === 'consul') return command.is(first, 'kv') && command.is(second, 'delete');
        if (command.is(first, 'delete')) return true;
        if (command.is(first, 'kv')) return command.is(second, 'delete', 'destroy') || (command.is(second, 'metadata') && command.is(third, 'delete'));
        return (command.is(first, 'secrets', 'auth') && command.is(second, 'disable')) || (command.is(first, 'lease') && command.is(second, 'revoke'));
      },
    },
    verbAt('patroni-failover', ['patronictl'], 'patronictl failover or switchover moves the primary role to another member', ['failover', 'switchover'], PATRONI_VALUES,
      ['patronictl -c /etc/patroni.yml failover --candidate db02 --force', 'patronictl switchover main --leader db01 --candidate db02'],
      ['patronictl list', 'patronictl -c /etc/patroni.yml history']),
    verbAt('patroni-reinit', ['patronictl'], 'patronictl reinit or remove wipes a member\'s data or the cluster\'s state', ['reinit', 'remove'], PATRONI_VALUES,
      ['patronictl reinit main db03 --force', 'patronictl remove main'],
      ['patronictl topology']),
    verbAt('patroni-restart', ['patronictl'], 'patronictl restart, pause, resume or edit-config restarts members or changes how the cluster fails over', ['restart', 'pause', 'resume', 'edit-config'], PATRONI_VALUES,
      ['patronictl restart main db02', 'patronictl pause main --wait', 'patronictl edit-config main -s postgresql.parameters.max_connections=500 --force'],
      ['patronictl show-config main']),
    {
      id: 'pg-ctl',
      tools: ['pg_ctl', 'pg_ctlcluster'],
      reason: 'pg_ctl stop, restart, promote or kill stops PostgreSQL or makes a replica the primary',
      matches: '`stop`, `restart`, `promote`, `kill`; `pg_ctlcluster VERSION NAME stop|restart|promote`',
      gated: ['pg_ctl stop -D /var/lib/postgresql/data -m fast', 'sudo -u postgres pg_ctl promote -D /data', 'pg_ctlcluster 14 main restart'],
      notGated: ['pg_ctl status -D /data', 'pg_ctlcluster 14 main status', 'pg_isready'],
      match: (command) => {
        const operands = command.argv({ values: PG_CTL_VALUES }).operands;
        return command.is(operands[command.name === 'pg_ctlcluster' ? 2 : 0], 'stop', 'restart', 'promote', 'kill');
      },
    },
  ],
};
