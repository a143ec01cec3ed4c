// Disks, partitions, volumes and filesystems: what erases or repartitions a device.
import { anyCall, type GateEntry, type GateFamily, type Invocation } from './gate-entry.js';

/** Gated unless it only lists: `fdisk -l`, `parted /dev/sda print`, `wipefs /dev/sdb`. */
const unlessListing = (id: string, tools: string[], reason: string, matches: string, listing: (command: Invocation) => boolean, gated: string[], notGated: string[]): GateEntry => ({
  id,
  tools,
  reason,
  matches,
  gated,
  notGated,
  match: (command) => !listing(command),
});

const PARTED_CHANGES = ['mklabel', 'mktable', 'mkpart', 'mkpartfs', 'rm', 'resizepart', 'resize', 'rescue', 'name', 'set', 'toggle', 'mkfs', 'cp', 'move', 'disk_set', 'disk_toggle', 'type'];
const SGDISK_CHANGES = ['-o', '--clear', '-Z', '--zap-all', '-z', '--zap', '-d', '--delete', '-n', '--new', '-N', '--largest-new', '-R', '--replicate', '-G', '--randomize-guids', '-g', '--mbrtogpt', '-m', '--gpttombr', '-t', '--typecode', '-c', '--change-name', '-e', '--move-second-header', '-s', '--sort', '-x', '--change-type'];
const SGDISK_VALUES = ['-d', '--delete', '-n', '--new', '-N', '--largest-new', '-R', '--replicate', '-t', '--typecode', '-c', '--change-name', '-m', '--gpttombr', '-x', '-A', '--attributes', '-i', '--info', '-u', '--partition-guid', '-U', '--disk-guid', '-a', '--set-alignment', '-l', '--load-backup', '-b', '--backup'];
const MDADM_CHANGES = ['-S', '--stop', '-r', '--remove', '-f', '--fail', '--set-faulty', '--zero-superblock', '-C', '--create', '-G', '--grow', '--add', '-a', '--replace'];

const verbs = (id: string, tools: string[], reason: string, list: readonly string[], gated: string[], notGated: string[], at = 0): GateEntry => ({
  id,
  tools,
  reason,
  matches: list.map((verb) => `\`${verb}\``).join(', '),
  gated,
  notGated,
  match: (command) => command.is(command.argv().operands[at], ...list),
});

export const disksGates: GateFamily = {
  name: 'Disks and filesystems',
  notes:
    'Tools that only list (`fdisk -l`, `parted -l`, `parted DEV print`, `sfdisk -d`, `wipefs DEV` without `-a`) are not gated; ' +
    'an interactive partitioner (`fdisk /dev/sdb`, `parted /dev/sdb`) is, since what is typed into it is not known. `dd` is gated when it writes (`of=`).',
  entries: [
    {
      id: 'umount',
      tools: ['umount'],
      reason: 'umount takes a file system away from what reads and writes it',
      matches: 'any call but `--help`, `--version`, `--fake`',
      gated: ['umount /data', 'sudo umount -l /var/lib/postgresql', 'umount -f /mnt/nfs'],
      notGated: ['mount | grep /data', 'findmnt /data', 'umount --fake /data'],
      match: (command) => anyCall(command) && !command.argv().has('--fake'),
    },
    {
      id: 'mkfs',
      tools: ['mkfs', 'mke2fs', 'mkswap'],
      reason: 'mkfs makes a new filesystem, erasing what the device held',
      matches: '`mkfs`, `mkfs.*`, `mke2fs`, `mkswap`',
      gated: ['mkfs.ext4 /dev/sdb1', 'sudo mkfs -t xfs -f /dev/nvme1n1', 'mkswap /dev/sdc2'],
      notGated: ['blkid /dev/sdb1', 'lsblk -f'],
      match: anyCall,
    },
    unlessListing('partition-table', ['fdisk', 'sfdisk', 'gdisk', 'cfdisk'], 'fdisk or sfdisk rewrites a partition table', '`fdisk`, `sfdisk`, `gdisk`, `cfdisk`, unless only listing or dumping',
      (command) => command.argv().has('-l', '--list', '-d', '--dump', '-J', '--json', '-s', '--show-size', '-V', '--verify', '-F', '--list-free', '-g', '--show-geometry', '--help', '--version'),
      ['fdisk /dev/sdb', 'sfdisk /dev/sdb < layout.txt', 'sfdisk --delete /dev/sdb 2'],
      ['fdisk -l', 'sfdisk -d /dev/sda > sda.layout', 'gdisk -l /dev/sda']),
    unlessListing('parted', ['parted'], 'parted changes partitions', '`parted` unless `-l` or only `print`',
      (command) => {
        const argv = command.argv({ values: ['-a', '--align'] });
        const words = argv.operands.slice(1);
        return argv.has('-l', '--list', '-v', '--version', '-h', '--help') || (words.includes('print') && !words.some((word) => word === null || PARTED_CHANGES.includes(word)));
      },
      ['parted -s /dev/sdb mklabel gpt', 'parted /dev/sdb rm 2', 'parted /dev/sdb'],
      ['parted -l', 'parted /dev/sda print', 'parted -s /dev/sda unit GB print']),
    {
      id: 'sgdisk',
      tools: ['sgdisk'],
      reason: 'sgdisk changes or zaps a GPT partition table',
      matches: '`--zap-all`, `--clear`, `--new`, `--delete` and the other changing options',
      gated: ['sgdisk --zap-all /dev/sdb', 'sgdisk -n 1:0:+1G -t 1:ef00 /dev/sdb'],
      notGated: ['sgdisk -p /dev/sda', 'sgdisk --info=1 /dev/sda'],
      match: (command) => command.argv({ values: SGDISK_VALUES }).has(...SGDISK_CHANGES),
    },
    {
      id: 'dd-write',
      tools: ['dd'],
      reason: 'dd of=… overwrites its output file or device',
      matches: 'an `of=` operand',
      gated: ['dd if=/dev/zero of=/dev/sdb bs=1M count=100', 'dd if=backup.img of=/dev/nvme0n1 status=progress'],
      notGated: ['dd if=/dev/sda bs=512 count=1 | xxd'],
      match: (command) => command.args.some((word) => command.test(word, /^of=/)),
    },
    unlessListing('wipefs', ['wipefs'], 'wipefs erases filesystem, RAID and partition-table signatures', '`-a`, `--all`, `-o`, `--offset`',
      (command) => {
        const argv = command.argv({ values: ['-o', '--offset', '-t', '--types', '-O', '--output', '-b', '--backup'] });
        return argv.has('-n', '--no-act') || !argv.has('-a', '--all', '-o', '--offset');
      },
      ['wipefs -a /dev/sdb', 'wipefs --all --force /dev/sdb1', 'wipefs -o 0x438 /dev/sdb1'],
      ['wipefs /dev/sdb', 'wipefs -n -a /dev/sdb']),
    {
      id: 'lvm-remove',
      tools: ['lvremove', 'vgremove', 'pvremove', 'lvreduce', 'vgreduce'],
      reason: 'lvremove, vgremove, pvremove or lvreduce destroys or shrinks logical volumes and the data on them',
      matches: 'any call',
      gated: ['lvremove -y /dev/vg0/data', 'vgremove vg0', 'lvreduce -L 10G /dev/vg0/data'],
      notGated: ['lvs', 'vgdisplay vg0'],
      match: anyCall,
    },
    {
      id: 'mdadm',
      tools: ['mdadm'],
      reason: 'mdadm stops, fails, removes or creates RAID arrays and members',
      matches: '`--stop`, `--fail`, `--remove`, `--zero-superblock`, `--create`, `--grow`, `--add`, `--replace`',
      gated: ['mdadm --stop /dev/md0', 'mdadm /dev/md0 --fail /dev/sdb1 --remove /dev/sdb1', 'mdadm --zero-superblock /dev/sdc1'],
      notGated: ['mdadm --detail /dev/md0', 'mdadm --examine /dev/sdb1'],
      match: (command) => command.argv({ values: ['-l', '--level', '-n', '--raid-devices', '-c', '--chunk', '-e', '--metadata', '-N', '--name'] }).has(...MDADM_CHANGES),
    },
    verbs('cryptsetup', ['cryptsetup'], 'cryptsetup luksFormat, erase or a key removal destroys encrypted data or access to it',
      ['luksFormat', 'erase', 'luksErase', 'luksKillSlot', 'luksRemoveKey', 'reencrypt', 'close', 'luksClose'],
      ['cryptsetup luksFormat /dev/sdb1', 'cryptsetup erase /dev/sdb1'],
      ['cryptsetup status data', 'cryptsetup luksDump /dev/sdb1']),
    {
      id: 'blkdiscard',
      tools: ['blkdiscard'],
      reason: 'blkdiscard discards every block of a device',
      matches: 'any call',
      gated: ['blkdiscard /dev/nvme1n1'],
      notGated: ['lsblk -D'],
      match: anyCall,
    },
    verbs('zfs-destroy', ['zfs', 'zpool'], 'zfs or zpool destroy, rollback, offline or export destroys data or takes a pool away',
      ['destroy', 'rollback', 'labelclear', 'offline', 'detach', 'remove', 'export'],
      ['zfs destroy -r tank/old', 'zfs rollback tank/db@before-upgrade', 'zpool offline tank sdb', 'zpool export tank'],
      ['zfs list -t snapshot', 'zpool status tank', 'zfs snapshot tank/db@before-upgrade']),
  ],
};
