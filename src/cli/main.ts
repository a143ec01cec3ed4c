// Entry point of the CLI (wired up by the CLI module).
process.stdout.write('runbook\n');
