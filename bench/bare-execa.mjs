#!/usr/bin/env node
// The baseline for the exec-overhead benchmark: N commands spawned one after another with execa,
// the way runbook runs them (bash -o pipefail -c, own process group), and nothing else.
import { execa } from 'execa';

const n = Number(process.argv[2] ?? 200);
for (let i = 0; i < n; i += 1) {
  await execa('bash', ['-o', 'pipefail', '-c', 'true'], { detached: true, stdin: 'ignore', reject: false });
}
