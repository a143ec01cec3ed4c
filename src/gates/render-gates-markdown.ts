// docs/GATES.md, written from the catalogue itself so that the page and what runs cannot differ:
// every entry with its reason, what it matches, and the examples its test runs.
import { GATE_CATALOGUE } from './catalogue.js';
import type { GateEntry, GateFamily } from './gate-entry.js';

const INTRO = `# Gates

A command that changes production asks before it runs. This page lists every destructive form
the engine knows, tool by tool. It is generated from \`src/gates/\`: each entry's examples below
are the cases its test runs (\`test/gates/\`), the gated ones and the near-misses.

## How a command is read

- The command is parsed as bash reads it (tree-sitter-bash): pipelines, \`&&\`/\`||\`, \`;\`,
  subshells, command substitutions, functions, \`if\`/\`for\`/\`case\` bodies. Every simple command
  in it is checked, not only the first.
- Wrappers are looked through, and what they run is checked: \`sudo\`, \`doas\`, \`su -c\`, \`env\`,
  \`nohup\`, \`timeout\`, \`nice\`, \`ionice\`, \`stdbuf\`, \`time\`, \`command\`, \`builtin\`, \`exec\`, \`xargs\`, GNU \`parallel\`,
  \`find -exec\`, \`watch\`, \`bash -c\`/\`sh -c\`, \`eval\`, \`ssh host '…'\`, \`kubectl|oc exec … --\`,
  \`docker|podman|nerdctl exec\`, \`ansible … -a '…'\` (command, shell and raw modules), \`salt TARGET cmd.run '…'\`, and a
  heredoc or here-string fed to a shell (\`bash <<'EOF'\`, \`ssh db <<EOF\`). Language launchers
  (\`bundle exec\`, \`npx\`, \`pnpm exec\`, \`yarn exec\`, \`poetry run\`, \`pipenv run\`, \`uv run\`,
  \`pdm run\`, \`aws-vault exec … --\`) are looked through too.
- Options are read in any order and spelling: \`-rf\`, \`-r -f\`, \`-fR\`, \`--recursive --force\`,
  \`--namespace=prod\`, \`-n prod\`. A tool named by path (\`/usr/bin/kubectl\`) is the tool.
- SQL is read wherever a client is given it (\`psql -c\`, \`mysql -e\`, a heredoc, a here-string,
  \`echo … |\`); SQL from a file or another command cannot be checked and is gated.
- A gate that runs remotely says where: \`(on db01)\`, \`(on web-0)\`.

## What cannot be checked is gated

| Id | When | Reason shown |
|---|---|---|
| \`unreadable\` | bash cannot parse the command | the command cannot be read safely (…) |
| \`unknown-command\` | the command's name is only known at run time (\`$CMD stop\`, \`"$(which tool)" …\`) | the command it runs is only known at run time, so it cannot be checked before it runs |
| \`maybe-…\` | a deciding word is a placeholder or a variable (\`kubectl <verb> pod x\`, \`psql -c "$SQL"\`), and no certain gate matched | part of the command is only known at run time, and it may be that … |

At a step's turn the command is read again with its values filled, so a \`maybe\` gate of the plan
becomes a certain gate, or none.

## The runbook's own gates

Frontmatter \`gates:\` adds regular expressions (JavaScript syntax). Each is matched against every
command as it takes effect (wrappers looked through, words joined by single spaces), so
\`sudo -u app ./bin/purge --all\` is matched as \`./bin/purge --all\`:

\`\`\`yaml
---
gates:
  - '^\\./bin/purge\\b'
  - '^curl .*-X (DELETE|PUT)\\b'
---
\`\`\`

An invalid expression is bad input (exit 2, with its line). A step that says \`Confirm: yes\` always
asks. A step that says \`Confirm: no\` never asks, even when its command is gated here; \`runbook
lint\` warns (\`confirm-no-silences-gate\`) naming the gate it silences, so a reviewer sees the
choice.
`;

const code = (text: string): string => {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
};

/** Examples on one line each: a heredoc's lines are shown as `⏎`. */
const example = (command: string): string => code(command.replace(/\n/g, ' ⏎ '));

function renderEntry(entry: GateEntry): string {
  const tools = entry.tools.length === 0 ? 'any command' : entry.tools.map(code).join(', ');
  const lines = [
    `### \`${entry.id}\``,
    '',
    `- **Tools:** ${tools}`,
    `- **Matches:** ${entry.matches}`,
    `- **Reason shown:** ${entry.reason}`,
    `- **Gated:** ${entry.gated.map(example).join(' · ')}`,
  ];
  if (entry.notGated.length > 0) lines.push(`- **Not gated:** ${entry.notGated.map(example).join(' · ')}`);
  return lines.join('\n');
}

function renderFamily(family: GateFamily): string {
  return [`## ${family.name}`, '', family.notes, '', ...family.entries.map(renderEntry).join('\n\n').split('\n')].join('\n');
}

export function renderGatesMarkdown(catalogue: readonly GateFamily[] = GATE_CATALOGUE): string {
  const contents = catalogue.map((family) => `- ${family.name}: ${family.entries.map((entry) => `\`${entry.id}\``).join(', ')}`).join('\n');
  return `${INTRO}\n## Catalogue\n\n${contents}\n\n${catalogue.map(renderFamily).join('\n\n')}\n`;
}
