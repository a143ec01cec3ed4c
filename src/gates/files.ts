// Deleting and overwriting files: rm -r, rm of a wildcard or of what find or xargs lists, shred,
// truncate, recursive chmod/chown, writes over /etc and /boot, find -delete, rsync --delete.
import { anyCall, type GateFamily } from './gate-entry.js';
import type { Word } from './read-argv.js';

const WILDCARD = /[*?[]/;

export const filesGates: GateFamily = {
  name: 'Files',
  notes:
    '`rm` of named files (`rm /tmp/lock`, `rm -f app.pid`) is not gated: it is how runbooks clean up after themselves. ' +
    '`rm` is gated when it recurses (`-r`, `-R`, `--recursive`, in any cluster or order: `-rf`, `-fr`, `-r -f`), when a path holds a wildcard, and when `find -exec` or `xargs` gives it its files. ' +
    'A redirection that overwrites a file (`> file`) is not gated: it is the ordinary way a runbook writes a file; `truncate` is.',
  entries: [
    {
      id: 'rm-recursive',
      tools: ['rm'],
      reason: 'rm -r deletes a whole directory tree',
      matches: '`-r`, `-R`, `--recursive` in any spelling',
      gated: ['rm -rf /srv/app/releases/old', 'rm -r -f build', 'rm --recursive --force /data/cache', 'rm -fR cache', 'sudo rm -rfv /var/lib/app/tmp'],
      notGated: ['rm /tmp/deploy.lock', 'rm -f app.pid', 'rmdir empty-dir', 'ls -R /srv'],
      match: (command) => command.argv().has('-r', '-R', '--recursive'),
    },
    {
      id: 'rm-many',
      tools: ['rm', 'unlink'],
      reason: 'rm deletes every file a wildcard, find -exec or xargs gives it',
      matches: 'a path with `*`, `?` or `[`; under `find -exec` or `xargs`',
      gated: ['rm -f /var/log/app/*.gz', 'rm /tmp/upload-?', "find /tmp -name '*.tmp' -exec rm {} \\;", 'ls *.bak | xargs rm'],
      notGated: ['rm -f /tmp/x.lock', "find /tmp -name '*.tmp' -print"],
      match: (command) => command.via.includes('find -exec') || command.via.includes('xargs') || command.argv().operands.some((word) => word !== null && WILDCARD.test(word)),
    },
    {
      id: 'shred',
      tools: ['shred', 'truncate'],
      reason: 'shred or truncate destroys the content of a file',
      matches: 'any call',
      gated: ['shred -u secrets.txt', 'truncate -s 0 /var/log/app.log'],
      notGated: ['wc -c /var/log/app.log'],
      match: anyCall,
    },
    {
      id: 'permissions-recursive',
      tools: ['chmod', 'chown', 'chgrp', 'setfacl'],
      reason: 'chmod, chown or chgrp -R changes who may read and write a whole directory tree',
      matches: '`-R`, `--recursive`',
      gated: ['chmod -R 777 /srv/app', 'chown -R app:app /var/lib/app', 'chgrp --recursive ops /srv/shared', 'setfacl -R -m u:deploy:rwx /srv/app'],
      notGated: ['chmod 600 /etc/app/key.pem', 'chown app:app /var/run/app.pid'],
      match: (command) => command.argv({ values: ['-m', '--modify', '-x', '--remove', '--reference', '--from'] }).has('-R', '--recursive'),
    },
    {
      id: 'system-config-write',
      tools: ['cp', 'mv', 'install', 'tee', 'sed', 'ln'],
      reason: 'writing over a file under /etc or /boot changes how the system or a service starts',
      matches: '`cp`, `mv`, `install` or `ln -f` to, `tee` or `sed -i` of, a path under `/etc/` or `/boot/`',
      gated: ['cp nginx.conf /etc/nginx/nginx.conf', 'sudo mv app.service /etc/systemd/system/app.service', 'tee /etc/app/config.yaml < new.yaml', 'sed -i "s/a/b/" /etc/app/config.yaml', 'sudo install -m 644 grub.cfg /boot/grub/grub.cfg', 'ln -sf /opt/app/v2.conf /etc/app/current.conf', 'cp /dev/null /etc/app.conf'],
      notGated: ['cp /etc/nginx/nginx.conf /tmp/nginx.conf.bak', 'sed -n 1,5p /etc/app/config.yaml', 'tee -a /tmp/out.log', 'mv build/app dist/app'],
      match: (command) => {
        const system = (word: Word | undefined): boolean => command.test(word, /^\/(?:etc|boot)(?:\/|$)/);
        const argv = command.argv({ values: ['-m', '--mode', '-o', '--owner', '-g', '--group', '-t', '--target-directory', '-S', '--suffix', '-e', '--expression', '-f', '--file'] });
        switch (command.name) {
          case 'tee':
            return argv.operands.some(system);
          case 'sed':
            return argv.options.some((option) => option.name === '-i' || option.name.startsWith('--in-place')) && argv.operands.some(system);
          case 'ln':
            return argv.has('-f', '--force') && system(argv.operands.at(-1));
          default:
            return argv.values('-t', '--target-directory').some(system) || (argv.operands.length >= 2 && system(argv.operands.at(-1)));
        }
      },
    },
    {
      id: 'find-delete',
      tools: ['find'],
      reason: 'find -delete deletes every file it finds',
      matches: '`-delete`',
      gated: ['find /var/log/app -mtime +7 -delete', 'find . -name "*.pyc" -delete'],
      notGated: ['find /var/log/app -mtime +7', 'find . -name "*.pyc" -print'],
      match: (command) => command.args.includes('-delete'),
    },
    {
      id: 'rsync-delete',
      tools: ['rsync'],
      reason: 'rsync --delete deletes files at the destination that the source does not have',
      matches: '`--delete`, `--del`, `--delete-*`, `--remove-source-files`',
      gated: ['rsync -a --delete build/ web01:/srv/app/', 'rsync -av --delete-after src/ dst/', 'rsync --remove-source-files -a in/ out/'],
      notGated: ['rsync -a build/ web01:/srv/app/', 'rsync -an --delete build/ web01:/srv/app/'],
      match: (command) => {
        const argv = command.argv();
        const dryRun = argv.has('-n', '--dry-run');
        return !dryRun && argv.options.some((option) => option.name === '--del' || option.name === '--remove-source-files' || option.name.startsWith('--delete'));
      },
    },
  ],
};
