// Language launchers that run a tool by name, which the shell layer does not look through:
// `bundle exec rake …`, `npx prisma …`, `poetry run python manage.py …`. The tool is what a gate
// checks.
import type { Word } from './read-argv.js';

/** Launcher name → the words that must follow it, and the options that take a value. */
const LAUNCHERS: Readonly<Record<string, { verbs: readonly string[]; values: readonly string[] }>> = {
  bundle: { verbs: ['exec'], values: ['--gemfile'] },
  npx: { verbs: [], values: ['-p', '--package', '-c', '--call', '-w', '--workspace'] },
  pnpm: { verbs: ['exec', 'dlx'], values: ['-C', '--dir', '--filter', '-F'] },
  yarn: { verbs: ['exec', 'dlx'], values: ['--cwd'] },
  bunx: { verbs: [], values: [] },
  poetry: { verbs: ['run'], values: ['-C', '--directory'] },
  pipenv: { verbs: ['run'], values: [] },
  uv: { verbs: ['run'], values: ['--with', '--python', '-p', '--directory', '--project', '--env-file'] },
  pdm: { verbs: ['run'], values: ['-p', '--project'] },
  'aws-vault': { verbs: ['exec'], values: ['--region', '--duration', '-d'] },
};

export interface Launched {
  name: string;
  args: readonly Word[];
  /** The launchers looked through, outermost first. */
  launchers: string[];
}

/** The tool that launchers run (`bundle exec npx x` is `x`), with its arguments. */
export function unwrapLauncher(name: string, args: readonly Word[]): Launched {
  let launched: Launched = { name, args, launchers: [] };
  for (let next = launchedBy(name, args); next; next = launchedBy(next.name, next.args)) {
    launched = { name: next.name, args: next.args, launchers: [...launched.launchers, next.by] };
  }
  return launched;
}

/** What one launcher runs, if `name` is one and names a tool. */
function launchedBy(name: string, args: readonly Word[]): { name: string; args: readonly Word[]; by: string } | undefined {
  const launcher = Object.hasOwn(LAUNCHERS, name) ? LAUNCHERS[name] : undefined;
  if (!launcher) return undefined;
  let i = 0;
  if (launcher.verbs.length > 0) {
    if (!launcher.verbs.includes(args[0] ?? '')) return undefined;
    i = 1;
  }
  // aws-vault exec PROFILE -- command
  if (name === 'aws-vault') i++;
  while (i < args.length) {
    const word = args[i] ?? null;
    if (word === '--') {
      i++;
      break;
    }
    if (word === null || !word.startsWith('-')) break;
    i += launcher.values.includes(word) ? 2 : 1;
  }
  const tool = args[i];
  if (tool === undefined || tool === null) return undefined;
  return { name: tool, args: args.slice(i + 1), by: launcher.verbs.length > 0 ? `${name} ${args[0]}` : name };
}
