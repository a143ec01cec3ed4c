// The process: runs the command line and sets the exit code; only this file calls process.exit.
import { runCommandLine } from './program.js';

// `runbook plan … | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

void runCommandLine(process.argv).then((code) => {
  process.exitCode = code;
});
